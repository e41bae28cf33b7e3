/** Loading the connector fixtures and running them against fakes with short retry waits. */
import { fileURLToPath } from 'node:url'
import type { FlowPlan } from '../../engine/check.ts'
import { type Connections, loadConnections } from '../../connectors/index.ts'
import type { CallPolicy } from '../../engine/connector-call.ts'
import type { OutboundRecord, RunRecord } from '../../engine/history.ts'
import { loadFlowFile } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { registry } from '../../cards/index.ts'

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/connectors/${name}`, import.meta.url))

export async function plan(name: string): Promise<FlowPlan> {
  const { plan, errors } = await loadFlowFile(fixture(name), registry)
  if (!plan) throw new Error(errors.map((e) => e.describe()).join('\n'))
  return plan
}

/**
 * Backoff of 1 ms so retries cost nothing (tests use Retry-After 0). The call timeout only bounds
 * a hang: an answer from a fake on a busy machine must never count as timed out. A test about
 * timeouts sets its own, with a fake that hangs rather than one that is merely slow.
 */
export const FAST: Partial<CallPolicy> = { backoffMs: 1, timeoutMs: 60_000 }

export function connect(env: NodeJS.ProcessEnv, policy: Partial<CallPolicy> = {}): Connections {
  return loadConnections({ env, policy: { ...FAST, ...policy } })
}

/** Runs an API Endpoint fixture with `body` as the request body. */
export async function runApi(name: string, body: unknown, connections: Connections): Promise<RunRecord> {
  return runFlow(await plan(name), { headers: {}, body, query: {} }, { connections })
}

export function outputsOf(run: RunRecord, id: string): Record<string, unknown> {
  const card = run.cards.find((c) => c.id === id)
  if (!card) throw new Error(`no card ${id}`)
  return card.outputs
}

export function outbound(run: RunRecord, operation: string): OutboundRecord {
  const found = run.outbound.find((o) => o.operation === operation)
  if (!found) throw new Error(`no outbound ${operation} in ${run.outbound.map((o) => o.operation).join(', ')}`)
  return found
}
