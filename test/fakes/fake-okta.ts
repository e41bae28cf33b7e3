/**
 * A fake Okta org on 127.0.0.1: users, groups and their members, with Okta's paths, status
 * codes, error bodies (`errorCode`, `errorSummary`), SSWS tokens and cursor paging in `Link`
 * headers (one header per relation, or one comma-joined header). Applications, import sessions
 * and the System Log are in fake-okta-apps.ts, the Event Hooks API in fake-okta-hooks.ts.
 */
import { type Answer, type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts'
import { appRoutes } from './fake-okta-apps.ts'
import { type HooksState, hookRoutes } from './fake-okta-hooks.ts'
import { parseQuery, QueryError } from './fake-okta-query.ts'

export const OKTA_TOKEN = '00fakeOktaApiToken0000000000000000000000'

export const SAMPLE_USER = {
  id: '00u1a2b3c4d5e6f7g8h9',
  status: 'ACTIVE',
  created: '2024-01-10T09:00:00.000Z',
  activated: '2024-01-10T09:05:00.000Z',
  statusChanged: '2024-01-10T09:05:00.000Z',
  lastLogin: '2024-06-01T08:00:00.000Z',
  lastUpdated: '2024-06-02T10:00:00.000Z',
  passwordChanged: null,
  profile: { login: 'ann@example.com', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', department: 'Finance' },
}

export type Obj = Record<string, unknown> & { id: string }

export interface OktaOrg {
  users: Obj[]
  groups: Obj[]
  /** Group id → member user ids. */
  members: Map<string, Set<string>>
  apps: Obj[]
  /** App id → user id → app user. */
  appUsers: Map<string, Map<string, Obj>>
  /** App id → group id → assignment. */
  appGroups: Map<string, Map<string, Obj>>
  factors: Map<string, Obj[]>
  /** Identity source id → sessions. */
  sessions: Map<string, Obj[]>
  /** Bulk requests received, in order. */
  bulk: { session: string; operation: string; profiles: unknown[] }[]
  logs: Obj[]
  /** The Event Hooks API's state. */
  eventHooks: HooksState
}

export interface FakeOkta extends FakeServer {
  org: OktaOrg
  /** Answers a request before the org does, when it returns an answer (a 429 on the second page…). */
  intercept: ((req: RecordedRequest) => Answer | undefined) | undefined
}

export interface FakeOktaOptions {
  token?: string
  users?: Obj[]
  groups?: Obj[]
  apps?: Obj[]
  /** The most items per page, whatever `limit` asks (to test paging with few items). */
  maxPage?: number
  /** `separate`: one `Link` header per relation (Okta's users API); `joined`: one comma-joined header. */
  linkStyle?: 'separate' | 'joined'
}

export const oktaError = (status: number, errorCode: string, errorSummary: string): Answer => ({ status, body: { errorCode, errorSummary, errorLink: errorCode, errorId: 'oaeFake', errorCauses: [] } })
export const notFound = (what: string) => oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`)
export const ok = (body: unknown, status = 200): Answer => ({ status, body })

/** One page of `items` as Okta answers it: `limit` and the `after` cursor, and a next link while more remain. */
export function paged(req: RecordedRequest, items: readonly unknown[], opts: FakeOktaOptions, always = false): Answer {
  const limit = Math.min(Number(req.query.get('limit') ?? 200) || 200, opts.maxPage ?? 200)
  const after = Number(req.query.get('after') ?? 0)
  const page = items.slice(after, after + limit)
  const base = `http://${req.headers.host}${req.path}`
  const self = `<${base}?${req.query}>; rel="self"`
  const nextQuery = new URLSearchParams(req.query)
  nextQuery.set('after', String(after + page.length))
  const more = always || after + page.length < items.length
  const next = more ? [`<${base}?${nextQuery}>; rel="next"`] : []
  const link = opts.linkStyle === 'joined' ? [self, ...next].join(', ') : [self, ...next]
  return { status: 200, body: page, headers: { link } }
}

/** `filter`, `search` or `q` of a list request applied to `items`; undefined when the expression cannot be read. */
export function queried(req: RecordedRequest, items: Obj[], q: (item: Obj, text: string) => boolean): Obj[] | Answer {
  const expr = req.query.get('filter') ?? req.query.get('search')
  try {
    const byExpr = expr ? items.filter(parseQuery(expr)) : items
    const text = req.query.get('q')
    return text === null ? byExpr : byExpr.filter((i) => q(i, text))
  } catch (err) {
    if (err instanceof QueryError) return oktaError(400, 'E0000031', `Invalid search criteria: ${err.message}`)
    throw err
  }
}

const profileOf = (o: Obj) => (o.profile ?? {}) as Record<string, unknown>
const startsWith = (v: unknown, text: string) => typeof v === 'string' && v.toLowerCase().startsWith(text.toLowerCase())
let seq = 1000

function userRoutes(org: OktaOrg, opts: FakeOktaOptions, req: RecordedRequest, segs: string[]): Answer | undefined {
  const [, , , resource, id, sub, op] = segs
  if (resource !== 'users') return undefined
  const m = req.method
  if (id === undefined) {
    if (m === 'GET') {
      const found = queried(req, org.users, (u, text) => ['firstName', 'lastName', 'email'].some((k) => startsWith(profileOf(u)[k], text)))
      return Array.isArray(found) ? paged(req, found, opts) : found
    }
    if (m === 'POST') {
      const body = req.json as { profile: Record<string, unknown>; groupIds?: string[] }
      if (org.users.some((u) => profileOf(u).login === body.profile.login)) return oktaError(400, 'E0000001', 'Api validation failed: login: An object with this field already exists in the current organization')
      const user: Obj = { id: `00uNew${seq++}`, status: req.query.get('activate') === 'true' ? 'ACTIVE' : 'STAGED', created: '2026-11-20T10:00:00.000Z', profile: body.profile }
      org.users.push(user)
      for (const g of body.groupIds ?? []) org.members.get(g)?.add(user.id)
      return ok(user)
    }
  }
  const user = org.users.find((u) => u.id === id || profileOf(u).login === id || String(profileOf(u).login).split('@')[0] === id)
  if (!user) return notFound(`${id} (User)`)
  const set = (status: string, body: unknown = undefined) => {
    user.status = status
    return ok(body)
  }
  if (sub === undefined) {
    if (m === 'GET') return ok(user)
    if (m === 'POST') return ok(Object.assign(user, { profile: { ...profileOf(user), ...(req.json as { profile: object }).profile } }))
    if (m === 'PUT') return ok(Object.assign(user, { profile: (req.json as { profile: object }).profile }))
    if (m === 'DELETE') {
      if (user.status !== 'DEPROVISIONED') return set('DEPROVISIONED')
      org.users.splice(org.users.indexOf(user), 1)
      return { status: 204 }
    }
  }
  if (sub === 'groups' && m === 'GET') return paged(req, org.groups.filter((g) => org.members.get(g.id)?.has(user.id)), opts)
  if (sub === 'factors' && m === 'GET') return ok(org.factors.get(user.id) ?? [])
  if (sub === 'sessions' && m === 'DELETE') return { status: 204 }
  if (sub === 'lifecycle' && m === 'POST') {
    const noEmail = req.query.get('sendEmail') === 'false'
    const need = (from: string[], to: string, body?: unknown) => (from.includes(String(user.status)) ? set(to, body) : oktaError(400, 'E0000001', `Api validation failed: cannot ${op} a user whose status is ${user.status}`))
    switch (op) {
      case 'suspend':
        return need(['ACTIVE'], 'SUSPENDED')
      case 'unsuspend':
        return need(['SUSPENDED'], 'ACTIVE')
      case 'activate':
        return need(['STAGED', 'PROVISIONED', 'DEPROVISIONED'], 'ACTIVE', noEmail ? { activationToken: 'tok123', activationUrl: `https://fake.okta/welcome/tok123` } : {})
      case 'deactivate':
        return user.status === 'DEPROVISIONED' ? oktaError(400, 'E0000001', 'already deactivated') : set('DEPROVISIONED')
      case 'unlock':
        return need(['LOCKED_OUT'], 'ACTIVE')
      case 'reset_password':
        return set('RECOVERY', noEmail ? { resetPasswordUrl: 'https://fake.okta/reset_password/abc' } : {})
      case 'expire_password':
        return set('PASSWORD_EXPIRED', user)
      case 'reset_factors':
        org.factors.delete(user.id)
        return ok(undefined)
    }
  }
  return undefined
}

function groupRoutes(org: OktaOrg, opts: FakeOktaOptions, req: RecordedRequest, segs: string[]): Answer | undefined {
  const [, , , resource, id, sub, userId] = segs
  if (resource !== 'groups') return undefined
  const m = req.method
  if (id === undefined) {
    if (m === 'GET') {
      const found = queried(req, org.groups, (g, text) => startsWith(profileOf(g).name, text))
      return Array.isArray(found) ? paged(req, found, opts) : found
    }
    if (m === 'POST') {
      const group: Obj = { id: `00gNew${seq++}`, type: 'OKTA_GROUP', objectClass: ['okta:user_group'], profile: (req.json as { profile: object }).profile }
      org.groups.push(group)
      org.members.set(group.id, new Set())
      return ok(group)
    }
  }
  const group = org.groups.find((g) => g.id === id)
  if (!group) return notFound(`${id} (UserGroup)`)
  if (sub === undefined) {
    if (m === 'GET') return ok(group)
    if (m === 'PUT') return ok(Object.assign(group, { profile: (req.json as { profile: object }).profile }))
    if (m === 'DELETE') {
      org.groups.splice(org.groups.indexOf(group), 1)
      return { status: 204 }
    }
  }
  if (sub !== 'users') return undefined
  const members = org.members.get(group.id) ?? new Set<string>()
  org.members.set(group.id, members)
  if (userId === undefined && m === 'GET') return paged(req, org.users.filter((u) => members.has(u.id)), opts)
  if (!org.users.some((u) => u.id === userId)) return notFound(`${userId} (User)`)
  if (m === 'PUT') members.add(userId!)
  if (m === 'DELETE') members.delete(userId!)
  return { status: 204 }
}

export async function startFakeOkta(opts: FakeOktaOptions = {}): Promise<FakeOkta> {
  const token = opts.token ?? OKTA_TOKEN
  const org: OktaOrg = {
    users: opts.users ?? [structuredClone(SAMPLE_USER) as Obj],
    groups: opts.groups ?? [],
    members: new Map(),
    apps: opts.apps ?? [],
    appUsers: new Map(),
    appGroups: new Map(),
    factors: new Map(),
    sessions: new Map(),
    bulk: [],
    logs: [],
    eventHooks: { hooks: [], filtersEnabled: true, verifications: [] },
  }
  const fake = { intercept: undefined } as Pick<FakeOkta, 'intercept'>
  const server = await startFakeServer((req) => {
    const intercepted = fake.intercept?.(req)
    if (intercepted) return intercepted
    if (req.headers.authorization !== `SSWS ${token}`) return oktaError(401, 'E0000011', 'Invalid token provided')
    let segs: string[]
    try {
      segs = req.path.split('/').map(decodeURIComponent)
    } catch {
      return oktaError(400, 'E0000003', 'The request body was not well-formed')
    }
    const answer = userRoutes(org, opts, req, segs) ?? groupRoutes(org, opts, req, segs) ?? appRoutes(org, opts, req, segs) ?? hookRoutes(org.eventHooks, req, segs)
    return answer ?? oktaError(404, 'E0000022', `The endpoint does not support the provided HTTP method: ${req.method} ${req.path}`)
  })
  // The org URL has no trailing slash.
  return Object.assign(fake, server, { url: server.url.replace(/\/$/, ''), org })
}
