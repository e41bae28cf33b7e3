/**
 * The fake Okta org's Event Hooks API: list, create, get, replace, verify (the fake calls the
 * hook's URL with Okta's one-time verification GET, as Okta does), activate, deactivate, delete.
 * Like Okta it never answers the secret header's value, re-requires verification when the
 * channel changes, and refuses filters when the org has not turned the feature on. Unlike Okta
 * it accepts an http:// URL on 127.0.0.1 or localhost, so that a test engine can answer the verification.
 */
import { randomUUID } from 'node:crypto'
import type { Answer, RecordedRequest } from './fake-server.ts'
import { notFound, type Obj, ok, oktaError } from './fake-okta.ts'

export interface StoredHook extends Obj {
  name: string
  status: string
  verificationStatus: string
  events: { type: string; items: string[]; filter?: unknown }
  channel: { type: string; version: string; config: { uri: string; method?: string; headers?: unknown[]; authScheme?: { type: string; key: string; value?: string } } }
}

export interface HooksState {
  hooks: StoredHook[]
  /** Event hook filters, an Early Access feature, turned on in this org. */
  filtersEnabled: boolean
  /** The verification GETs the fake sent, and what came back. */
  verifications: { uri: string; challenge: string; status: number; answered: unknown }[]
}

let seq = 1

/** A hook as Okta answers it: no secret value; the header name lower-cased, as Okta's own list example shows. */
function shown(h: StoredHook): StoredHook {
  const auth = h.channel.config.authScheme
  return structuredClone({ ...h, channel: { ...h.channel, config: { ...h.channel.config, method: 'POST', ...(auth && { authScheme: { type: auth.type, key: auth.key.toLowerCase() } }) } } })
}

function invalid(body: StoredHook, state: HooksState, others: StoredHook[]): Answer | undefined {
  const fail = (what: string) => oktaError(400, 'E0000001', `Api validation failed: ${what}`)
  if (typeof body?.name !== 'string' || body.name === '' || body.name.length > 255) return fail('name')
  if (others.some((h) => h.name === body.name)) return fail('name: An object with this field already exists')
  const items = body.events?.items
  if (body.events?.type !== 'EVENT_TYPE' || !Array.isArray(items) || items.length === 0 || items.length > 300) return fail('events.items')
  if (body.events.filter && !state.filtersEnabled) return fail('events.filter: the Event Hook Filters feature is not enabled for this org')
  const uri = body.channel?.config?.uri ?? ''
  if (!/^https:\/\//.test(uri) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(uri)) return fail('channel.config.uri: must begin with https://')
  const auth = body.channel.config.authScheme
  if (auth && (auth.type !== 'HEADER' || !auth.key || !auth.value)) return fail('channel.config.authScheme: type HEADER with a key and a value')
  return undefined
}

/** Okta's verification: a GET with the challenge, 3 s to answer `{"verification": challenge}`, one retry. */
async function verify(hook: StoredHook, state: HooksState): Promise<Answer> {
  const auth = hook.channel.config.authScheme
  for (let attempt = 0; attempt < 2; attempt++) {
    const challenge = randomUUID()
    let status = 0
    let answered: unknown
    try {
      const res = await fetch(hook.channel.config.uri, { headers: { 'x-okta-verification-challenge': challenge, ...(auth?.value && { [auth.key]: auth.value }) }, signal: AbortSignal.timeout(3000) })
      status = res.status
      answered = await res.json().catch(() => undefined)
    } catch (err) {
      answered = (err as Error).message
    }
    state.verifications.push({ uri: hook.channel.config.uri, challenge, status, answered })
    if (status === 200 && (answered as { verification?: unknown })?.verification === challenge) {
      hook.verificationStatus = 'VERIFIED'
      return ok(shown(hook))
    }
  }
  return oktaError(400, 'E0000001', `Api validation failed: Verification of the event hook endpoint ${hook.channel.config.uri} failed`)
}

export function hookRoutes(state: HooksState, req: RecordedRequest, segs: string[]): Answer | Promise<Answer> | undefined {
  const [, , , resource, id, sub, step] = segs
  if (resource !== 'eventHooks') return undefined
  const m = req.method
  if (id === undefined) {
    if (m === 'GET') return ok(state.hooks.map(shown))
    if (m !== 'POST') return undefined
    const body = req.json as StoredHook
    const refused = invalid(body, state, state.hooks)
    if (refused) return refused
    const hook: StoredHook = { ...structuredClone(body), id: `whoFake${seq++}`, status: 'ACTIVE', verificationStatus: 'UNVERIFIED', created: new Date().toISOString() }
    state.hooks.push(hook)
    return ok(shown(hook))
  }
  const hook = state.hooks.find((h) => h.id === id)
  if (!hook) return notFound(`${id} (EventHook)`)
  if (sub === undefined && m === 'GET') return ok(shown(hook))
  if (sub === undefined && m === 'PUT') {
    const body = req.json as StoredHook
    const refused = invalid(body, state, state.hooks.filter((h) => h !== hook))
    if (refused) return refused
    const channelChanged = JSON.stringify(body.channel) !== JSON.stringify(hook.channel)
    Object.assign(hook, { name: body.name, events: structuredClone(body.events), channel: structuredClone(body.channel) })
    if (!body.events.filter) delete hook.events.filter
    if (channelChanged) hook.verificationStatus = 'UNVERIFIED'
    return ok(shown(hook))
  }
  if (sub === undefined && m === 'DELETE') {
    if (hook.status !== 'INACTIVE') return oktaError(403, 'E0000001', 'Only INACTIVE event hooks can be deleted')
    state.hooks.splice(state.hooks.indexOf(hook), 1)
    return { status: 204 }
  }
  if (sub !== 'lifecycle' || m !== 'POST') return undefined
  if (step === 'verify') return verify(hook, state)
  if (step === 'activate' || step === 'deactivate') {
    hook.status = step === 'activate' ? 'ACTIVE' : 'INACTIVE'
    return ok(shown(hook))
  }
  return undefined
}
