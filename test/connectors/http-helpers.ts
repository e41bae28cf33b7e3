/** Running API Connector cards against the fake HTTP API, with a connection given as CARDFLOW_HTTP_* values. */
import { stringify } from 'yaml'
import { type Connections, loadConnections } from '../../connectors/index.ts'
import type { CallPolicy } from '../../engine/connector-call.ts'
import type { CardRecord, RunRecord } from '../../engine/history.ts'
import { type RunOptions, runFlow } from '../../engine/run.ts'
import { planOf } from '../helpers.ts'
import type { FakeHttpApi } from '../fakes/index.ts'
import { FAST } from './helpers.ts'

/** Connection fields by key (`auth`, `baseUrl`…), as the connections file spells them. */
export type HttpFields = Record<string, string>

/** The `default` http connection from these fields; loopback allowed unless the fields say otherwise. */
export function httpConnection(fields: HttpFields, policy: Partial<CallPolicy> = {}): Connections {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries({ allowPrivateNetwork: 'true', ...fields })) {
    env[`CARDFLOW_HTTP_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = value
  }
  return loadConnections({ env, policy: { ...FAST, ...policy } })
}

/** A connection of each auth kind against the fake, by name. */
export function authFields(api: FakeHttpApi): Record<string, HttpFields> {
  return {
    none: { auth: 'none' },
    basic: { auth: 'basic', baseUrl: api.origin, username: 'svc-workflows', password: 'pa55-w0rd-7c1f' },
    bearer: { auth: 'bearer', baseUrl: api.origin, token: 'bearer-token-0e4b9d2a' },
    custom: { auth: 'custom', baseUrl: api.origin, headers: 'X-Api-Key: api-key-31f0c9e8\nX-Tenant: acme-corp' },
    oauth2: { auth: 'oauth2', baseUrl: api.origin, tokenUrl: `${api.origin}/oauth/token`, clientId: 'cardflow-client', clientSecret: 'client-secret-9d1e77a0c4', scope: 'pets:read pets:write' },
  }
}

export interface CardSpec {
  id: string
  card: string
  inputs: Record<string, unknown>
}

/** Runs the cards in order in a helper flow. */
export function runCards(cards: CardSpec[], opts: RunOptions): Promise<RunRecord> {
  const yaml = stringify({ name: 'api connector', trigger: { id: 'start', card: 'control.helperFlow' }, cards })
  return runFlow(planOf(yaml), {}, opts)
}

export function cardOf(run: RunRecord, id: string): CardRecord {
  const found = run.cards.find((c) => c.id === id)
  if (!found) throw new Error(`no card ${id} in ${run.cards.map((c) => c.id).join(', ')}`)
  return found
}
