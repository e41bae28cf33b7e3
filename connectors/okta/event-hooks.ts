/**
 * Okta's Event Hooks API (`/api/v1/eventHooks`): list, create, replace, verify, activate. The
 * hook's secret header value is write-only in Okta (never in an answer), so a replace always
 * sends it again. Every call goes through `send`, which the caller gives its timeout and its
 * rate-limit retries.
 */
import type { OktaClient, OktaMethod } from './client.ts'
import { isObject } from './events.ts'
import { oktaPath } from './path.ts'

export interface HookFilterEntry {
  event: string
  condition: { version: null; expression: string }
}

/** An event hook as Okta answers it (only what cardflow reads). */
export interface EventHook {
  id: string
  name: string
  status: 'ACTIVE' | 'INACTIVE' | string
  verificationStatus: 'VERIFIED' | 'UNVERIFIED' | string
  events: { type: string; items: string[]; filter?: { type: string; eventFilterMap: HookFilterEntry[] } | null }
  channel: { type: string; version: string; config: { uri: string; headers?: { key: string; value: string }[] | null; authScheme?: { type: string; key: string } | null } }
}

/** What cardflow sends to create or replace a hook. */
export interface HookBody {
  name: string
  events: { type: 'EVENT_TYPE'; items: string[]; filter?: { type: 'EXPRESSION_LANGUAGE'; eventFilterMap: HookFilterEntry[] } }
  channel: { type: 'HTTP'; version: '1.0.0'; config: { uri: string; headers: []; authScheme: { type: 'HEADER'; key: string; value: string } } }
}

/** One Event Hooks API call; the caller decides timeouts and retries. */
export type HookSend = <T>(operation: string, idempotent: boolean, send: (client: OktaClient, signal: AbortSignal) => Promise<T>) => Promise<T>

/** An answer that is not an event hook is Okta's or a proxy's mistake, named rather than trusted. */
function asHook(v: unknown): EventHook {
  if (!isObject(v) || typeof v.id !== 'string' || !isObject(v.events) || !isObject(v.channel)) throw new Error(`Okta answered something that is not an event hook: ${JSON.stringify(v).slice(0, 200)}`)
  return v as unknown as EventHook
}

export function eventHooksApi(send: HookSend) {
  const call = (method: OktaMethod, operation: string, path: () => string, idempotent: boolean, body?: unknown) =>
    send(operation, idempotent, (client, signal) => client.request<unknown>(method, path(), { signal, ...(body !== undefined && { body }) }))
  const lifecycle = async (id: string, step: 'verify' | 'activate' | 'deactivate') =>
    asHook(await call('POST', `POST /api/v1/eventHooks/{id}/lifecycle/${step}`, () => oktaPath`/api/v1/eventHooks/${id}/lifecycle/${step}`, step !== 'verify'))
  return {
    async list(): Promise<EventHook[]> {
      const hooks = await call('GET', 'GET /api/v1/eventHooks', () => '/api/v1/eventHooks', true)
      return (Array.isArray(hooks) ? hooks : []).map(asHook)
    },
    create: async (body: HookBody) => asHook(await call('POST', 'POST /api/v1/eventHooks', () => '/api/v1/eventHooks', false, body)),
    replace: async (id: string, body: HookBody) => asHook(await call('PUT', 'PUT /api/v1/eventHooks/{id}', () => oktaPath`/api/v1/eventHooks/${id}`, true, body)),
    verify: (id: string) => lifecycle(id, 'verify'),
    activate: (id: string) => lifecycle(id, 'activate'),
  }
}

export type EventHooksApi = ReturnType<typeof eventHooksApi>
