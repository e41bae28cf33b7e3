/**
 * Runs per second of the profile-update seed flow in dry-run mode, against a hand-written
 * TypeScript function doing the same work, in the same process. Prints both and the ratio, then
 * the work every run does whatever the interpreter's design (its history's redaction, the input
 * checks, its id and clock reads), each measured alone: what a faster interpreter cannot go
 * below while it keeps them. `--short` for a quick check.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registry } from '../cards/index.ts'
import { invocationsFromInput } from '../connectors/okta/input.ts'
import type { PlannedCard } from '../engine/check.ts'
import { isoTime } from '../engine/history.ts'
import { loadFlowFile } from '../engine/load.ts'
import { redactRun } from '../engine/redact.ts'
import { runFlow } from '../engine/run.ts'
import { alwaysValid, validatorFor } from '../engine/schema-check.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const seconds = process.argv.includes('--short') ? 0.5 : 3

const input = {
  'Changed Attributes': 'firstName,mobilePhone,title',
  Actor: { ID: '00uADMIN', 'Alternate ID': 'admin@example.com' },
  'Okta User': { ID: '00uJANE', 'Alternate ID': 'jane@example.com' },
}

const MONITORED = ['email', 'primaryPhone', 'mobilePhone', 'manager', 'firstName', 'lastName']

/** The same work as flows/notify-user-on-profile-update.yaml, by hand. */
async function handWritten(event: typeof input): Promise<{ channel: string; text: string } | undefined> {
  const changed = event['Changed Attributes'].split(',').map((s) => s.trim()).filter(Boolean)
  const wanted = new Set(MONITORED)
  const monitored = [...new Set(changed.filter((a) => wanted.has(a)))]
  if (monitored.length === 0) return undefined
  const who =
    event.Actor.ID === event['Okta User'].ID
      ? 'You updated your profile yourself.'
      : `Your profile was updated by ${event.Actor['Alternate ID']}. If you did not expect this, contact IT.`
  const text = `Hi ${event['Okta User']['Alternate ID']}, these attributes of your Okta profile changed: ${monitored.join(', ')}.\n${who}`
  return { channel: '#okta-profile-changes', text }
}

async function measure(name: string, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await fn() // warm up
  let runs = 0
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    for (let i = 0; i < 50; i++) await fn()
    runs += 50
  }
  const perSecond = runs / ((performance.now() - started) / 1000)
  console.log(`${name.padEnd(28)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} runs/s`)
  return perSecond
}

/** µs per call of a synchronous part of a run, measured alone. */
function microsPerCall(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn() // warm up
  let calls = 0
  const started = performance.now()
  const until = started + (seconds * 1000) / 3
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) fn()
    calls += 100
  }
  return ((performance.now() - started) * 1000) / calls
}

/** The plan's cards, those in branches too. */
function allCards(cards: readonly PlannedCard[]): PlannedCard[] {
  return cards.flatMap((c) => [c, ...c.branches.flatMap(([, list]) => allCards(list))])
}

const { plan, errors } = await loadFlowFile(join(ROOT, 'flows/notify-user-on-profile-update.yaml'), registry)
if (!plan) throw new Error(errors.map((e) => e.describe()).join('\n'))
const [inv] = invocationsFromInput(plan.trigger, input)
if (inv?.kind !== 'run') throw new Error('input does not run the flow')
const check = await runFlow(plan, inv.outputs, { dryRun: true })
if (check.status !== 'succeeded') throw new Error(`flow did not succeed: ${JSON.stringify(check.error)}`)

console.log(`bench/interpreter: profile-update flow, dry run, ${seconds} s each, node ${process.version}`)
const baseline = await measure('hand-written TypeScript', () => handWritten(input))
const engine = await measure('cardflow interpreter', () => runFlow(plan, inv.outputs, { dryRun: true }))
console.log(`ratio: hand-written / cardflow = ${(baseline / engine).toFixed(1)}x (aim: within 10x)`)
const perRun = 1e6 / engine
const handMicros = 1e6 / baseline
console.log(`per run: cardflow ${perRun.toFixed(1)} µs, hand-written ${handMicros.toFixed(2)} µs`)

// The same work the run above did, part by part: its record's redaction (with no secret: the walk
// for secret-named fields), the input checks of the cards whose inputs can differ by run, and the
// run's id, start time and clock reads (one at each end of each card that ran and of the run).
const ran = new Map(check.cards.filter((c) => c.status !== 'skipped').map((c) => [c.id, c]))
const checked = allCards(plan.cards).filter((c) => ran.has(c.id) && !alwaysValid(c.def.inputs, c.inputs))
const clockReads = 2 * ran.size + 2
const parts: [string, number][] = [
  ['history redaction', microsPerCall(() => redactRun(check, []))],
  [`input checks (${checked.length} cards)`, microsPerCall(() => checked.every((c) => validatorFor(c.def.inputs)(ran.get(c.id)!.inputs)))],
  [
    `id, start time, ${clockReads} clock reads`,
    microsPerCall(() => {
      let t = 0
      for (let i = 0; i < clockReads; i++) t += performance.now()
      return [randomUUID(), isoTime(new Date()), t]
    }),
  ],
]
console.log(`the run's fixed work, each part alone (${ran.size} cards ran):`)
for (const [name, micros] of parts) console.log(`  ${name.padEnd(30)} ${micros.toFixed(2).padStart(6)} µs  ${((100 * micros) / perRun).toFixed(0).padStart(3)}% of a run`)
const fixed = parts.reduce((sum, [, micros]) => sum + micros, 0)
console.log(`  together ${fixed.toFixed(2)} µs = ${(fixed / handMicros).toFixed(1)}x hand-written, before any card runs or any input resolves`)
