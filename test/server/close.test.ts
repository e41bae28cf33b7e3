/** API Connector - Close under `flow serve`: the caller of a sync API Endpoint flow is answered while the flow goes on. */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadConnections } from '../../connectors/index.ts'
import { type FakeHttpApi, startFakeHttpApi } from '../fakes/index.ts'
import { type Running, startEngine, waitFor } from './helpers.ts'

const FLOWS = fileURLToPath(new URL('../fixtures/server/close-flows/', import.meta.url))

describe('Close answers an API Endpoint caller early', () => {
  let api: FakeHttpApi
  let s: Running
  before(async () => {
    api = await startFakeHttpApi()
    const connections = loadConnections({ env: { CARDFLOW_HTTP_AUTH: 'none', CARDFLOW_HTTP_BASE_URL: api.origin, CARDFLOW_HTTP_ALLOW_PRIVATE_NETWORK: 'true' }, policy: { backoffMs: 1 } })
    s = await startEngine({ flowsDir: FLOWS, connections })
  })
  after(async () => {
    await s.close()
    await api.close()
  })
  beforeEach(() => {
    api.requests.length = 0
  })
  const invoke = (slug: string, init: RequestInit & { query?: string } = {}) => fetch(`${s.url}/api/flows/${slug}/invoke${init.query ?? ''}`, init)
  const finished = (runId: string) =>
    waitFor(async () => {
      const r = await s.engine.store.getRun(runId)
      return (r?.status === 'succeeded' || r?.status === 'failed') && r
    }, `run ${runId} to end`)

  it("answers with Close's status, headers and body while a later card is still waiting, and the run ends afterwards", async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    api.failNext({ kind: 'hold', until: held })
    try {
      // without an early answer the caller would wait for the held call: the deadline only bounds that hang
      const res = await invoke('accept-then-work', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'req-7' }), signal: AbortSignal.timeout(30_000) })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('x-request-id'), 'req-7')
      assert.deepEqual(await res.json(), { status: 'accepted', id: 'req-7' })
      const runId = res.headers.get('x-cardflow-run-id')!
      // the caller has its answer; the flow's next call is held open at the fake, so the run cannot have ended
      await waitFor(async () => api.requests.length === 1, 'the work request')
      assert.notEqual((await s.engine.store.getRun(runId))?.status, 'succeeded')
      release()
      const run = await finished(runId)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.record?.error))
      assert.deepEqual(api.requests[0]!.json, { id: 'req-7' })
      assert.deepEqual(run.record?.result, { kind: 'http', statusCode: 200, headers: { 'x-request-id': 'req-7' }, body: { status: 'accepted', id: 'req-7' } })
      assert.equal(run.record?.cards.find((c) => c.id === 'done')?.status, 'succeeded')
    } finally {
      release()
    }
  })

  it('answers the failure as before when the flow fails before Close', async () => {
    const res = await invoke('fail-before-close')
    assert.equal(res.status, 500)
    const body = (await res.json()) as { error: { message: string } }
    assert.match(body.error.message, /HTTP 404 Not Found/)
  })

  it('answers from the Close of the branch that ran; a later Return does not change it', async () => {
    const known = await invoke('close-in-branch', { query: '?kind=known' })
    assert.equal(known.status, 200)
    assert.deepEqual(await known.json(), { kind: 'known' })
    const unknown = await invoke('close-in-branch', { query: '?kind=other' })
    assert.equal(unknown.status, 404)
    assert.deepEqual(await unknown.json(), { kind: 'unknown' })
    const run = await finished(unknown.headers.get('x-cardflow-run-id')!)
    assert.deepEqual(run.record?.result, { kind: 'http', statusCode: 404, headers: {}, body: { kind: 'unknown' } })
  })
})
