import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { DB_FILE } from '../../store/sqlite.ts'
import { deliver, envelope, HOOK_SECRET, profileEvent, type Running, startEngine, unassignEvent, waitFor } from './helpers.ts'

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error

describe('Okta event hook intake', () => {
  let s: Running
  before(async () => {
    s = await startEngine()
  })
  after(() => s.close())

  const finished = (n: number) =>
    waitFor(async () => {
      const runs = await s.engine.store.listRuns({ limit: 1000 })
      return runs.length >= n && runs.every((r) => r.status === 'succeeded' || r.status === 'failed') && runs
    }, `${n} finished runs`)

  it('answers the verification challenge with or without the secret header', async () => {
    for (const headers of [{}, { authorization: HOOK_SECRET }] as Record<string, string>[]) {
      const res = await fetch(`${s.url}/hooks/okta`, { headers: { 'x-okta-verification-challenge': 'chal-123', ...headers } })
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), { verification: 'chal-123' })
    }
  })

  it('refuses a GET without the challenge header with 400', async () => {
    const res = await fetch(`${s.url}/hooks/okta`)
    assert.equal(res.status, 400)
  })

  it('refuses a missing or wrong secret with 401 and stores nothing', async () => {
    const body = envelope('auth-1', [profileEvent('auth-ev-1', '2026-11-20T10:00:00Z')])
    for (const headers of [{ authorization: '' }, { authorization: 'Bearer wrong' }, { authorization: `${HOOK_SECRET}x` }]) {
      const res = await deliver(s.url, body, headers)
      assert.equal(res.status, 401)
    }
    const runs = await s.engine.store.listRuns({ limit: 1000 })
    assert.equal(runs.filter((r) => r.eventUuid === 'auth-ev-1').length, 0)
    // the same delivery, authenticated afterwards, is new: the refused ones left no trace
    assert.equal((await deliver(s.url, body)).status, 200)
    await waitFor(async () => (await s.engine.store.listRuns({ limit: 1000 })).some((r) => r.eventUuid === 'auth-ev-1'), 'the run')
  })

  it('refuses bodies that are not JSON deliveries with 415, 413 or 400 naming the field', async () => {
    const text = await deliver(s.url, 'hello', { 'content-type': 'text/plain' })
    assert.equal(text.status, 415)
    const huge = await deliver(s.url, JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }))
    assert.equal(huge.status, 413)
    const notJson = await deliver(s.url, '{"eventId": ')
    assert.equal(notJson.status, 400)
    assert.match((await errorOf(notJson)), /not valid JSON/)
    const noUuid = await deliver(s.url, envelope('bad-1', [{ eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z' }]))
    assert.equal(noUuid.status, 400)
    assert.match((await errorOf(noUuid)), /data\.events\[0\]\.uuid/)
    const noId = await deliver(s.url, { data: { events: [] } })
    assert.match((await errorOf(noId)), /eventId/)
  })

  it('runs each event of a delivery through every matching flow, once', async () => {
    const body = envelope('two-1', [
      unassignEvent('two-ev-app', '2026-11-20T10:00:02Z', 'Salesforce.com'),
      profileEvent('two-ev-profile', '2026-11-20T10:00:01Z', 'email'),
    ])
    const res = await deliver(s.url, body)
    assert.equal(res.status, 200)
    assert.equal(await res.text(), '')
    const runs = (await finished(2)).filter((r) => r.eventUuid?.startsWith('two-ev'))
    assert.deepEqual(runs.map((r) => [r.eventUuid, r.flow, r.status]).sort(), [
      ['two-ev-app', 'salesforce-removed', 'succeeded'],
      ['two-ev-profile', 'profile-note', 'succeeded'],
    ])
    const app = await s.engine.store.getRun(runs.find((r) => r.flow === 'salesforce-removed')!.id)
    assert.equal(app?.record?.cards[0]?.outputs.output, '00u-two-ev-app removed from Salesforce.com')
    assert.equal((app?.event?.raw as { uuid: string }).uuid, 'two-ev-app')
  })

  it('queues the events of a delivery in published order', async () => {
    const body = envelope('order-1', [profileEvent('order-late', '2026-11-20T10:00:09Z'), profileEvent('order-early', '2026-11-20T10:00:01Z')])
    assert.equal((await deliver(s.url, body)).status, 200)
    const runs = await s.engine.store.listRuns({ flow: 'profile-note', limit: 2 })
    // newest first: the late event was queued last
    assert.deepEqual(runs.map((r) => r.eventUuid), ['order-late', 'order-early'])
  })

  it('does not run the app flow for another application', async () => {
    const res = await deliver(s.url, envelope('app-2', [unassignEvent('other-app-ev', '2026-11-20T10:00:00Z', 'Workday')]))
    assert.equal(res.status, 200)
    const runs = await s.engine.store.listRuns({ limit: 1000 })
    assert.equal(runs.filter((r) => r.eventUuid === 'other-app-ev').length, 0)
  })

  it('stores a repeated delivery or a repeated event once', async () => {
    const body = envelope('dup-1', [profileEvent('dup-ev-1', '2026-11-20T10:00:00Z')])
    assert.equal((await deliver(s.url, body)).status, 200)
    assert.equal((await deliver(s.url, body)).status, 200)
    // same event inside a new delivery (Okta's at-least-once), beside a new one
    const again = envelope('dup-2', [profileEvent('dup-ev-1', '2026-11-20T10:00:00Z'), profileEvent('dup-ev-2', '2026-11-20T10:00:01Z')])
    assert.equal((await deliver(s.url, again)).status, 200)
    await finished(1)
    const runs = await s.engine.store.listRuns({ flow: 'profile-note', limit: 1000 })
    assert.equal(runs.filter((r) => r.eventUuid === 'dup-ev-1').length, 1)
    assert.equal(runs.filter((r) => r.eventUuid === 'dup-ev-2').length, 1)
  })

  it('serves neither disabled nor invalid flows, and serves the others', () => {
    assert.equal(s.engine.flows.flow('disabled-profile'), undefined)
    assert.equal(s.engine.flows.flow('broken'), undefined)
    assert.ok(s.engine.flows.flow('profile-note'))
  })

  it('reports health, readiness and metrics', async () => {
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200)
    const ready = await fetch(`${s.url}/readyz`)
    assert.equal(ready.status, 200)
    assert.equal(((await ready.json()) as { ready: boolean }).ready, true)
    const metrics = await (await fetch(`${s.url}/metrics`)).text()
    assert.match(metrics, /cardflow_deliveries_total\{outcome="accepted"\} \d+/)
    assert.match(metrics, /cardflow_deliveries_total\{outcome="unauthorized"\} 3/)
    assert.match(metrics, /cardflow_runs_total\{flow="profile-note",status="succeeded"\} \d+/)
    assert.match(metrics, /cardflow_queue_depth\{state="queued"\} \d+/)
    assert.match(metrics, /cardflow_card_duration_seconds_count\{card="text.compose"\} \d+/)
  })
})

describe('when the store cannot write', () => {
  it('answers 503 so Okta retries, and stores the retried delivery', async () => {
    const s = await startEngine({ busyTimeoutMs: 20 })
    // another process holding the write lock, as a stuck `flow replay` or a full disk would
    const other = new Database(join(s.dataDir, DB_FILE))
    try {
      other.exec('BEGIN IMMEDIATE')
      const body = envelope('locked-1', [profileEvent('locked-ev', '2026-11-20T10:00:00Z')])
      assert.equal((await deliver(s.url, body)).status, 503)
      assert.equal((await fetch(`${s.url}/readyz`)).status, 503)
      other.exec('ROLLBACK')
      assert.equal((await deliver(s.url, body)).status, 200)
      const runs = await s.engine.store.listRuns({ limit: 10 })
      assert.deepEqual(runs.map((r) => r.eventUuid), ['locked-ev'])
    } finally {
      other.close()
      await s.close()
    }
  })
})
