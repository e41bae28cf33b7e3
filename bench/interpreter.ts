/**
 * Runs per second of the profile-update seed flow in dry-run mode, against a hand-written
 * TypeScript function doing the same work, in the same process. Prints both and the ratio.
 * `--short` for a quick check.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registry } from '../cards/index.ts'
import { invocationsFromInput } from '../connectors/okta/input.ts'
import { loadFlowFile } from '../engine/load.ts'
import { runFlow } from '../engine/run.ts'

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
console.log(`per run: cardflow ${(1e6 / engine).toFixed(1)} µs, hand-written ${(1e6 / baseline).toFixed(2)} µs`)
