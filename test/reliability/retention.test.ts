/**
 * Retention keeps the disk bounded: `flow serve --keep-runs 20 --keep 3s` under steady load of
 * large events (2 × 55 KB per delivery). Pruning takes finished runs, their step journal, raw events no kept run needs and
 * old deliveries, and the file gives the space back (incremental vacuum), while intake goes on
 * answering 200. The data directory (database, WAL and shared memory) stays within a bound while
 * many times that much event data goes through it.
 */
import assert from 'node:assert/strict'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { envelope, HOOK_SECRET, profileEvent, waitFor } from '../server/helpers.ts'
import { readRows, serveChild, size, tempDir } from './helpers.ts'

const KEEP_RUNS = 20
const PAD = 'personal data '.repeat(4000) // ~55 KB per event

const FLOW = `name: Note a profile update
trigger:
  id: event
  card: okta.userProfileUpdated
cards:
  - { id: note, card: text.compose, inputs: { text: "{{event.Okta User.Alternate ID}} changed {{event.Changed Attributes}}" } }
`

const bytesOf = (dir: string) => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
const mib = (n: number) => (n / 1024 / 1024).toFixed(2)

describe('retention keeps the disk bounded', () => {
  const flows = tempDir('retention-flows')
  const data = tempDir('retention-data')
  after(() => {
    flows.remove()
    data.remove()
  })

  it('stays within a bound under steady load with --keep-runs and --keep set', async (t) => {
    writeFileSync(join(flows.path, 'note.yaml'), FLOW)
    const server = await serveChild(flows.path, data.path, { OKTA_HOOK_SECRET: HOOK_SECRET }, ['--keep-runs', String(KEEP_RUNS), '--keep', '3s', '--prune-every', '1s'])
    const phases = size(4, 12)
    const perPhase = size(40, 200)
    const sizes: number[] = []
    let sent = 0
    let seq = 0
    try {
      for (let phase = 0; phase < phases; phase++) {
        for (let i = 0; i < perPhase; i++) {
          const events = [0, 1].map(() => {
            const e = profileEvent(`ret-${seq}`, new Date(Date.UTC(2026, 10, 20) + seq++).toISOString()) as ReturnType<typeof profileEvent> & { debugContext: { debugData: Record<string, string> } }
            e.debugContext.debugData.padding = PAD
            return e
          })
          const body = JSON.stringify(envelope(`ret-d-${phase}-${i}`, events))
          sent += body.length
          const res = await fetch(`${server.url}/hooks/okta`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: HOOK_SECRET }, body })
          assert.equal(res.status, 200, 'intake answers while pruning goes on')
        }
        // every run has ended and pruning caught up with it: no more finished runs than kept (and the few still ending)
        await waitFor(async () => {
          const rows = readRows(data.path)
          return rows.runs.every((r) => r.status === 'succeeded') && rows.runs.length <= KEEP_RUNS + 2
        }, 'pruning to catch up')
        sizes.push(bytesOf(data.path))
      }
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
    const rows = readRows(data.path)
    const bound = Math.max(...sizes.slice(0, 2)) * 1.5 + 1024 * 1024
    t.diagnostic(`${mib(sent)} MiB of events sent in ${phases} phases; data directory after each: ${sizes.map(mib).join(', ')} MiB (bound ${mib(bound)} MiB); ${rows.runs.length} runs, ${rows.events.size} events, ${rows.deliveries.size} deliveries left`)
    for (const [i, s] of sizes.entries()) assert.ok(s <= bound, `after phase ${i + 1} the data directory holds ${mib(s)} MiB, over ${mib(bound)} MiB`)
    // each run keeps its event about three times (the raw event, the run's input, its record): without pruning this would be ~3× what was sent
    assert.ok(sizes.at(-1)! < sent, 'less is kept than went through')
  })
})
