/**
 * Golden tests: each seed flow on an input gives exactly the history and outbound requests stored
 * beside this file. After an intended change: UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/golden/seed-flows.test.ts
 * rewrites the files that differ and fails those tests (review the diff, then run again without it).
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import type { RunRecord } from '../../engine/history.ts'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { loadFlowFile } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { needsShared, ROOT, SHARED } from '../helpers.ts'
import { registry } from '../../cards/index.ts'

/** What a golden file holds: no ids, times or durations. */
function golden(run: RunRecord | { skipped: string }) {
  if ('skipped' in run) return run
  return {
    status: run.status,
    ...(run.message && { message: run.message }),
    ...(run.error && { error: run.error }),
    cards: run.cards.map((c) => ({ id: c.id, status: c.status, inputs: c.inputs, outputs: c.outputs, ...(c.error && { error: c.error }) })),
    outbound: run.outbound.map((o) => ({ connector: o.connector, operation: o.operation, request: o.request })),
  }
}

async function runAll(flow: string, inputFile: string) {
  const { plan, errors } = await loadFlowFile(join(ROOT, 'flows', flow), registry)
  assert.ok(plan, errors.map((e) => e.describe()).join('\n'))
  const input = JSON.parse(readFileSync(inputFile, 'utf8'))
  const out = []
  for (const inv of invocationsFromInput(plan.trigger, input)) {
    out.push(golden(inv.kind === 'skip' ? { skipped: inv.reason } : await runFlow(plan, inv.outputs, { dryRun: true, now: () => new Date('2026-11-20T12:00:00Z') })))
  }
  return out
}

function compare(name: string, actual: unknown) {
  const file = join(ROOT, 'test/golden', `${name}.json`)
  const expected = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
  if (process.env.UPDATE_GOLDEN && !isDeepStrictEqual(actual, expected)) {
    // never a pass: the new file is for a person to review before it is trusted
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`)
    assert.fail(`rewrote ${file}: review the diff, then run again without UPDATE_GOLDEN`)
  }
  assert.ok(expected !== undefined, `no golden file ${file}; create it with UPDATE_GOLDEN=1`)
  assert.deepEqual(actual, expected)
}

const CASES: [string, string, string][] = [
  ['profile-docs-shape', 'notify-user-on-profile-update.yaml', 'examples/profile-updated-docs-shape.json'],
  ['profile-self', 'notify-user-on-profile-update.yaml', 'examples/profile-updated-self.json'],
  ['profile-unmonitored', 'notify-user-on-profile-update.yaml', 'examples/profile-updated-unmonitored.json'],
  ['profile-hook-two-events', 'notify-user-on-profile-update.yaml', 'examples/hook-user-profile-updated.json'],
  ['unassign-salesforce', 'app-unassignment-email.yaml', 'examples/hook-app-unassigned-salesforce.json'],
  ['unassign-zoom', 'app-unassignment-email.yaml', 'examples/hook-app-unassigned-zoom.json'],
  ['unassign-hook-endpoint', 'app-unassignment-email-hook.yaml', 'examples/hook-app-unassigned-salesforce.json'],
]

describe('seed flows (golden)', () => {
  for (const [name, flow, input] of CASES) {
    it(`${flow} on ${input} matches test/golden/${name}.json`, async () => compare(name, await runAll(flow, join(ROOT, input))))
  }

  it('the seed flow test files pass (flow test flows/*.test.yaml)', () => {
    const files = ['notify-user-on-profile-update', 'app-unassignment-email', 'app-unassignment-email-hook'].map((f) => `flows/${f}.test.yaml`)
    const r = spawnSync(process.execPath, ['bin/flow.js', 'test', ...files], { cwd: ROOT, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stdout + r.stderr)
    assert.match(r.stdout, /^9 passed, 0 failed$/m)
  })
})

describe('seed flows on the Okta samples in ../shared', () => {
  const skip = needsShared('test/golden/seed-flows.test.ts')
  it('the docs test input runs the profile flow to the Slack message', { skip }, async () => {
    const [run] = await runAll('notify-user-on-profile-update.yaml', join(SHARED, 'okta-samples/test-input-profile-updated.json'))
    assert.ok(run && 'status' in run)
    assert.equal(run.status, 'succeeded')
    assert.match(String(run.outbound[0]?.request.text), /firstName, mobilePhone\.\nYour profile was updated by it\.admin@example\.com/)
  })

  it('the sample hook bodies run each flow once per matching event', { skip }, async () => {
    const profile = await runAll('notify-user-on-profile-update.yaml', join(SHARED, 'okta-samples/hook-user-profile-updated.json'))
    assert.deepEqual(profile.map((r) => 'status' in r && r.status), ['succeeded', 'succeeded'])
    const unassigned = await runAll('app-unassignment-email.yaml', join(SHARED, 'okta-samples/hook-app-unassigned.json'))
    assert.equal(unassigned.length, 1)
    assert.equal('status' in unassigned[0]! && unassigned[0].status, 'succeeded')
  })
})
