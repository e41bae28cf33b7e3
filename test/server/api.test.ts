import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { CLIENT_TOKEN, deliver, envelope, HOOK_SECRET, profileEvent, type Running, startEngine, waitFor } from './helpers.ts'

describe('API Endpoint flows', () => {
  let s: Running
  const logLines: string[] = []
  before(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'))
        done()
      },
    })
    s = await startEngine({ logLevel: 'debug', logDestination: destination })
  })
  after(() => s.close())

  const invoke = (slug: string, init: RequestInit & { query?: string } = {}) =>
    fetch(`${s.url}/api/flows/${slug}/invoke${init.query ?? ''}`, init)

  it('answers a sync flow ending in Return Raw with its status, headers and body', async () => {
    const res = await invoke('create-raw', { method: 'POST', query: '?id=42', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Jane' }) })
    assert.equal(res.status, 201)
    assert.equal(res.headers.get('location'), '/records/42')
    assert.equal(res.headers.get('x-record'), 'Jane')
    assert.deepEqual(await res.json(), { id: '42', name: 'Jane' })
    // the flow cannot set the length of the answer: the server does
    assert.notEqual(res.headers.get('content-length'), '999')
    const run = await s.engine.store.getRun(res.headers.get('x-cardflow-run-id')!)
    assert.deepEqual(run?.record?.result, { kind: 'http', statusCode: 201, headers: { location: '/records/42', 'x-record': 'Jane', 'content-length': '999' }, body: { id: '42', name: 'Jane' } })
    assert.deepEqual(run?.record?.cards.map((c) => [c.card, c.status]), [['control.returnRaw', 'succeeded']])
  })

  it('keeps a header value with a line break out of the answer', async () => {
    const res = await invoke('create-raw', { method: 'POST', query: '?id=1', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a\r\nset-cookie: x=1' }) })
    assert.equal(res.status, 201)
    assert.equal(res.headers.get('x-record'), null)
    assert.equal(res.headers.get('set-cookie'), null)
  })

  it('runs a sync flow with the client token in a header and answers with the Return output', async () => {
    const res = await invoke('echo-sync', {
      method: 'POST',
      query: '?team=blue',
      headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN, 'X-Custom': 'Yes' },
      body: JSON.stringify({ name: 'Jane' }),
    })
    assert.equal(res.status, 200)
    const out = (await res.json()) as { body: unknown; query: unknown; headers: Record<string, string> }
    assert.deepEqual(out.body, { name: 'Jane' })
    assert.deepEqual(out.query, { team: 'blue' })
    assert.equal(out.headers['x-custom'], 'Yes')
    assert.equal(out.headers['x-api-client-token'], undefined)
    const run = await s.engine.store.getRun(res.headers.get('x-cardflow-run-id')!)
    assert.equal(run?.status, 'succeeded')
    assert.equal(run?.source, 'request')
  })

  it('accepts the client token as the clientToken query parameter and keeps it out of history', async () => {
    const res = await invoke('echo-sync', { query: `?clientToken=${CLIENT_TOKEN}&x=1` })
    assert.equal(res.status, 200)
    assert.deepEqual(((await res.json()) as { query: unknown }).query, { x: '1' })
    const run = await s.engine.store.getRun(res.headers.get('x-cardflow-run-id')!)
    assert.equal(JSON.stringify(run).includes(CLIENT_TOKEN), false)
  })

  it('refuses a missing or wrong client token with 401 and runs nothing', async () => {
    const before = (await s.engine.store.listRuns({ flow: 'echo-sync', limit: 1000 })).length
    assert.equal((await invoke('echo-sync')).status, 401)
    assert.equal((await invoke('echo-sync', { headers: { 'x-api-client-token': 'wrong' } })).status, 401)
    assert.equal((await invoke('echo-sync', { query: '?clientToken=wrong' })).status, 401)
    assert.equal((await s.engine.store.listRuns({ flow: 'echo-sync', limit: 1000 })).length, before)
  })

  it('answers an Okta event hook verification on the flow\'s URL, running nothing', async () => {
    const before = (await s.engine.store.listRuns({ flow: 'echo-sync', limit: 1000 })).length
    const res = await invoke('echo-sync', { headers: { 'x-okta-verification-challenge': 'challenge-42' } })
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { verification: 'challenge-42' })
    assert.equal((await s.engine.store.listRuns({ flow: 'echo-sync', limit: 1000 })).length, before)
    // answered for any name: the echo tells nothing, and whether a flow exists is not told either
    assert.equal((await invoke('nope', { headers: { 'x-okta-verification-challenge': 'c' } })).status, 200)
  })

  it('answers a public sync flow without a token', async () => {
    const res = await invoke('public-ping')
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { pong: true })
  })

  it('stores an async request, answers 202 with the run id, and runs it', async () => {
    const res = await invoke('queue-async', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN },
      body: JSON.stringify({ name: 'Ada' }),
    })
    assert.equal(res.status, 202)
    const { runId } = (await res.json()) as { runId: string }
    const run = await waitFor(async () => {
      const r = await s.engine.store.getRun(runId)
      return r?.status === 'succeeded' && r
    }, 'the async run')
    assert.equal(run.record?.cards[0]?.outputs.output, 'got Ada')
  })

  it('answers a flow that is not served as a wrong token would (401), and 400 for a broken JSON body', async () => {
    const wrong = await invoke('echo-sync', { headers: { 'x-api-client-token': 'wrong' } })
    for (const name of ['nope', 'profile-note']) {
      const res = await invoke(name, { headers: { 'x-api-client-token': 'wrong' } })
      assert.deepEqual([res.status, await res.text()], [wrong.status, JSON.stringify({ error: 'missing or wrong client token' })])
    }
    const bad = await invoke('public-ping', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    assert.equal(bad.status, 400)
  })

  it('logs with run ids and never writes a secret', async () => {
    assert.equal((await deliver(s.url, envelope('log-1', [profileEvent('log-ev', '2026-11-20T10:00:00Z')]))).status, 200)
    await deliver(s.url, envelope('log-2', []), { authorization: 'Bearer wrong' })
    await waitFor(async () => logLines.some((l) => l.includes('"run succeeded"') && l.includes('profile-note')), 'the run log')
    const all = logLines.join('')
    assert.equal(all.includes(CLIENT_TOKEN), false)
    assert.equal(all.includes(HOOK_SECRET), false)
    const runLog = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'run succeeded')
    assert.match(runLog.runId, /^[0-9a-f-]{36}$/)
  })
})
