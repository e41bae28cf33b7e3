/** Flow History shows waiting runs and until when: a due time, or a resume request (Pause). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { RunSummary, StoredRun } from '../../store/index.ts'
import { runPage } from '../../ui/pages/run.ts'
import { readRunsQuery, runsTable } from '../../ui/pages/runs.ts'

const summary = (over: Partial<RunSummary>): RunSummary => ({
  id: 'run-1',
  flow: 'approve',
  source: 'request',
  status: 'waiting',
  attempts: 1,
  eventUuid: undefined,
  replayOf: undefined,
  createdAt: '2026-11-20T10:00:00.000Z',
  finishedAt: undefined,
  error: undefined,
  ...over,
})

describe('Flow History pages and waits', () => {
  it('list a waiting run with its due time, and a paused one as waiting for a resume request', () => {
    const rows = String(runsTable([summary({ id: 'timed', waitUntil: '2026-12-01T09:30:00.000Z' }), summary({ id: 'paused' })]))
    assert.match(rows, /data-run="timed"[\s\S]*status-waiting[\s\S]*until 2026-12-01 09:30:00 UTC/)
    assert.match(rows, /data-run="paused"[\s\S]*status-waiting[\s\S]*until resumed/)
    assert.doesNotMatch(String(runsTable([summary({ status: 'succeeded' })])), /until/)
  })

  it('filter by the waiting status', () => {
    assert.equal(readRunsQuery({ status: 'waiting' }).status, 'waiting')
  })

  it('show until when one run waits', () => {
    const run: StoredRun = { ...summary({ waitUntil: '2026-12-01T09:30:00.000Z' }), input: {}, inputError: undefined, record: undefined, event: undefined }
    assert.match(String(runPage(run, undefined, 'csrf')), /<h1>approve <span class="status status-waiting">waiting<\/span> <span class="muted" data-role="wait-until">until 2026-12-01 09:30:00 UTC/)
  })
})
