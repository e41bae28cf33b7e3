/** The fake Okta org's applications (users and groups assigned), identity-source import sessions and System Log. */
import type { Answer, RecordedRequest } from './fake-server.ts'
import { type FakeOktaOptions, notFound, type Obj, type OktaOrg, ok, oktaError, paged, queried } from './fake-okta.ts'
import { parseQuery, QueryError } from './fake-okta-query.ts'

let seq = 5000

function assignments<T>(map: Map<string, Map<string, T>>, appId: string): Map<string, T> {
  const found = map.get(appId) ?? new Map<string, T>()
  map.set(appId, found)
  return found
}

/** `GET /api/v1/apps?filter=user.id eq "…"`: the apps with a user assigned that matches. */
function appsOf(org: OktaOrg, req: RecordedRequest): Obj[] | Answer {
  const filter = req.query.get('filter')
  if (filter === null) return queried(req, org.apps, (a, text) => [a.name, a.label].some((v) => typeof v === 'string' && v.toLowerCase().includes(text.toLowerCase())))
  try {
    const match = parseQuery(filter)
    return org.apps.filter((a) => [...assignments(org.appUsers, a.id).keys()].some((id) => match({ user: { id } })))
  } catch (err) {
    if (err instanceof QueryError) return oktaError(400, 'E0000031', `Invalid search criteria: ${err.message}`)
    throw err
  }
}

function appRoute(org: OktaOrg, opts: FakeOktaOptions, req: RecordedRequest, [id, sub, subId]: (string | undefined)[]): Answer | undefined {
  const m = req.method
  if (id === undefined && m === 'GET') {
    const found = appsOf(org, req)
    return Array.isArray(found) ? paged(req, found, opts) : found
  }
  const app = org.apps.find((a) => a.id === id)
  if (!app) return notFound(`${id} (AppInstance)`)
  if (sub === undefined && m === 'GET') return ok(app)
  if (sub === 'users') {
    const users = assignments(org.appUsers, app.id)
    if (subId === undefined && m === 'GET') return paged(req, [...users.values()], opts)
    if (subId === undefined && m === 'POST') {
      const body = req.json as Obj
      if (!org.users.some((u) => u.id === body.id)) return notFound(`${body.id} (User)`)
      // Okta never answers a password's value
      const credentials = body.credentials ? { ...(body.credentials as object), password: {} } : undefined
      const appUser: Obj = { ...users.get(body.id), ...body, ...(credentials && { credentials }), status: 'ACTIVE', created: '2026-11-20T10:00:00.000Z' }
      users.set(body.id, appUser)
      return ok(appUser)
    }
    const appUser = users.get(subId ?? '')
    if (!appUser) return notFound(`${subId} (AppUser)`)
    if (m === 'GET') return ok(appUser)
    if (m === 'DELETE') {
      users.delete(subId!)
      return { status: 204 }
    }
  }
  if (sub === 'groups') {
    const groups = assignments(org.appGroups, app.id)
    if (subId === undefined && m === 'GET') return paged(req, [...groups.values()], opts)
    if (m === 'PUT') {
      if (!org.groups.some((g) => g.id === subId)) return notFound(`${subId} (UserGroup)`)
      const assignment: Obj = { id: subId!, priority: (req.json as { priority?: number } | undefined)?.priority ?? 0, lastUpdated: '2026-11-20T10:00:00.000Z', profile: {} }
      groups.set(subId!, assignment)
      return ok(assignment)
    }
    const assignment = groups.get(subId ?? '')
    if (!assignment) return notFound(`${subId} (ApplicationGroupAssignment)`)
    if (m === 'GET') return ok(assignment)
    if (m === 'DELETE') {
      groups.delete(subId!)
      return { status: 204 }
    }
  }
  return undefined
}

function importRoute(org: OktaOrg, req: RecordedRequest, [source, sub, sessionId, op]: (string | undefined)[]): Answer | undefined {
  if (!source || sub !== 'sessions') return undefined
  const sessions = org.sessions.get(source) ?? []
  org.sessions.set(source, sessions)
  if (sessionId === undefined) {
    if (req.method === 'GET') return ok(sessions.filter((s) => s.status !== 'COMPLETED'))
    if (req.method === 'POST') {
      const session: Obj = { id: `aps${seq++}`, identitySourceId: source, status: 'CREATED', importType: 'INCREMENTAL' }
      sessions.push(session)
      return ok(session)
    }
  }
  const session = sessions.find((s) => s.id === sessionId)
  if (!session) return notFound(`${sessionId} (IdentitySourceSession)`)
  if (req.method === 'POST' && (op === 'bulk-upsert' || op === 'bulk-delete')) {
    const profiles = (req.json as { profiles?: unknown[] }).profiles ?? []
    if (profiles.length > 200) return oktaError(400, 'E0000001', 'Api validation failed: at most 200 profiles per request')
    org.bulk.push({ session: session.id, operation: op, profiles })
    return { status: 202 }
  }
  if (req.method === 'POST' && op === 'start-import') return ok(Object.assign(session, { status: 'TRIGGERED' }))
  return undefined
}

/** The System Log: like Okta's polling queries, a `next` link even on the last page (then an empty page). */
function logRoute(org: OktaOrg, opts: FakeOktaOptions, req: RecordedRequest): Answer {
  const found = queried(req, org.logs, (e, text) => JSON.stringify(e).toLowerCase().includes(text.toLowerCase()))
  return Array.isArray(found) ? paged(req, found, opts, req.query.get('until') === null) : found
}

export function appRoutes(org: OktaOrg, opts: FakeOktaOptions, req: RecordedRequest, segs: string[]): Answer | undefined {
  const [, , , resource, ...rest] = segs
  if (resource === 'apps') return appRoute(org, opts, req, rest)
  if (resource === 'identity-sources') return importRoute(org, req, rest)
  if (resource === 'logs' && req.method === 'GET' && rest.length === 0) return logRoute(org, opts, req)
  return undefined
}
