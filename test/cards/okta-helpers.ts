/** Running one Okta card (or a short flow) against a fake Okta org with the real Okta client. */
import { stringify } from 'yaml'
import type { FlowPlan } from '../../engine/check.ts'
import type { CallPolicy } from '../../engine/connector-call.ts'
import type { RunRecord } from '../../engine/history.ts'
import { runFlow } from '../../engine/run.ts'
import { loadConnections } from '../../connectors/index.ts'
import { type FakeOkta, OKTA_TOKEN } from '../fakes/index.ts'
import { planOf } from '../helpers.ts'

export interface CardRun {
  run: RunRecord
  status: string
  out: Record<string, unknown>
  error: string | undefined
}

/** A helper flow taking `Record` and `State`: each record's `ID` joins the list `seen`. */
export const collector = (name: string) =>
  planOf(`name: ${name}\ntrigger: { id: h, card: control.helperFlow, options: { inputs: [Record, State] } }\ncards:\n  - { id: note, card: text.compose, inputs: { text: "{{h.Record.ID}} {{h.State.tag}}" } }\n`, `${name}.yaml`)

export function oktaRunner(okta: () => FakeOkta, policy: Partial<CallPolicy> = {}) {
  const connections = () => loadConnections({ env: { OKTA_ORG_URL: okta().url, OKTA_API_TOKEN: OKTA_TOKEN }, policy: { backoffMs: 1, timeoutMs: 5000, ...policy } })
  /** Runs `card` with `inputs` after a helper-flow trigger; helper flows by name. */
  return async function runCard(card: string, inputs: Record<string, unknown>, flows: FlowPlan[] = [], dryRun = false): Promise<CardRun> {
    const yaml = stringify({ name: 'card under test', trigger: { id: 't', card: 'control.helperFlow' }, cards: [{ id: 'c', card, inputs }] })
    const run = await runFlow(planOf(yaml), {}, { connections: connections(), dryRun, flows: (name) => flows.find((f) => f.name === name) })
    const record = run.cards.find((c) => c.id === 'c')
    return { run, status: run.status, out: record?.outputs ?? {}, error: run.error?.message }
  }
}
