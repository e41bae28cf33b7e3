/**
 * Hostile input at the HTTP intake, generated (fast-check) and written by hand: bodies that are
 * not JSON, the wrong content type, too large, too deep, `__proto__` keys, wrong types in every
 * field, thousands of events. A client's mistake is always a 4xx with a message; only what was
 * stored is answered 200; nothing reaches Object.prototype; the runs that follow fail visibly.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { CLIENT_TOKEN, deliver, envelope, profileEvent, type Running, startEngine, unassignEvent, waitFor } from '../server/helpers.ts'
import { deliveryStored, readRows, SEED, size } from './helpers.ts'

const RUNS = size(150, 1500)
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort()
/** Values of every JSON type, and the keys that pollute prototypes when copied carelessly. */
const WRONG = [null, 0, -1, 1e308, true, false, '', ' ', 'x', [], [1], {}, { __proto__: { polluted: 1 } }]

function assertNoPollution() {
  const probe = {} as Record<string, unknown>
  assert.equal(probe.polluted, undefined)
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined)
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_KEYS)
}

/** A body of `{"__proto__": …}` as text: JSON.stringify would drop it from an object literal. */
const protoJson = (key: string) => `{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}}}`

/** Every path of a valid delivery, to put a wrong value at. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix]
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))]
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(base) as Record<string | number, unknown>
  let at = copy
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path.at(-1)!] = value
  return copy
}

describe('hostile input at the hook intake', () => {
  let s: Running
  let sent = 0
  const statuses = new Map<number, number>()
  const post = async (body: string | unknown, headers: Record<string, string> = {}) => {
    sent++
    const res = await deliver(s.url, body, headers)
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    const text = await res.text()
    assert.ok(res.status < 500, `answered ${res.status} ${text} to ${String(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 300)}`)
    if (res.status >= 400) assert.match((JSON.parse(text) as { error: string }).error, /\S/, 'a refusal says why')
    return res.status
  }
  before(async () => {
    s = await startEngine({ maxEventsPerDelivery: 500 })
  })
  after(() => s.close())

  it('refuses bytes that are not JSON with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'))), async (text) => {
        let json = true
        try {
          JSON.parse(text)
        } catch {
          json = false
        }
        fc.pre(!json)
        assert.equal(await post(text), 400)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it('refuses any JSON that is not a delivery with 400, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        assert.equal(await post(JSON.stringify(value)), 400)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it('never answers 5xx whatever wrong value sits in whatever field, and 200 only when it stored', async () => {
    const base = envelope('base', [profileEvent('base-ev', '2026-11-20T10:00:00Z'), unassignEvent('base-ev2', '2026-11-20T10:00:01Z', 'Salesforce')])
    const all = paths(base)
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.oneof(fc.constantFrom(...WRONG), fc.jsonValue()), async (path, value) => {
        const id = `wrong-${n++}`
        const body = withValueAt(withValueAt(base, ['eventId'], id), path, value) as { data?: { events?: { uuid?: unknown }[] } } | null
        // fresh event ids, so each accepted body makes runs of its own
        for (const [i, e] of (Array.isArray(body?.data?.events) ? body.data.events : []).entries()) {
          if (typeof e === 'object' && e !== null && e.uuid === `base-ev${i === 0 ? '' : '2'}`) e.uuid = `${id}-${i}`
        }
        const status = await post(body)
        assert.ok(status === 200 || status === 400, `status ${status}`)
        if (status === 200) assert.ok(deliveryStored(s.dataDir, (body as { eventId: string }).eventId))
      }),
      { numRuns: RUNS * 2, seed: SEED },
    )
  })

  it('refuses the wrong content type with 415 and a missing one too', async () => {
    const good = JSON.stringify(envelope('ct-1', [profileEvent('ct-ev', '2026-11-20T10:00:00Z')]))
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json', '']) {
      assert.equal(await post(good, { 'content-type': type }), 415, type)
    }
    assert.equal(deliveryStored(s.dataDir, 'ct-1'), false)
  })

  it('refuses a body over the limit with 413, and more events than allowed with 400', async () => {
    const huge = envelope('huge-1', [{ ...profileEvent('huge-ev', '2026-11-20T10:00:00Z'), blob: 'x'.repeat(1024 * 1024) }])
    assert.equal(await post(huge), 413)
    const tiny = (i: number) => ({ uuid: `many-${i}`, eventType: 'user.session.start', published: '2026-11-20T10:00:00Z' })
    assert.equal(await post(envelope('many-500', Array.from({ length: 500 }, (_, i) => tiny(i)))), 200)
    assert.equal(await post(envelope('many-5000', Array.from({ length: 5000 }, (_, i) => tiny(i + 500)))), 400)
    assert.equal(await post(envelope('many-20000', Array.from({ length: 20_000 }, (_, i) => tiny(i)))), 413)
  })

  it('refuses nesting deeper than 64 levels with 400, in the envelope, inside an event and at an API Endpoint', async () => {
    for (const depth of [50, 1000, 100_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
      assert.equal(await post(deep), 400)
      const event = JSON.stringify(profileEvent(`deep-${depth}`, '2026-11-20T10:00:00Z')).replace(/^\{/, `{"deep":${deep},`)
      const status = await post(`{"eventId":"deep-${depth}","data":{"events":[${event}]}}`)
      assert.equal(status, depth < 64 ? 200 : 400, `depth ${depth}`)
      assert.equal(deliveryStored(s.dataDir, `deep-${depth}`), status === 200)
      const api = await fetch(`${s.url}/api/flows/queue-async/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN }, body: `{"a":${deep}}` })
      assert.equal(api.status, depth < 64 ? 202 : 400, `API body of depth ${depth}: ${await api.text()}`)
    }
    assertNoPollution()
  })

  it('keeps __proto__ and constructor keys as plain data', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const event = JSON.stringify(profileEvent(`proto-${key}`, '2026-11-20T10:00:00Z')).slice(1, -1)
      const poisoned = protoJson(key).slice(1, -1)
      const body = `{${poisoned},"eventId":"proto-${key}","data":{${poisoned},"events":[{${poisoned},${event},"actor":{${poisoned},"id":"00u1","type":"User"},"debugContext":{"debugData":{${poisoned}}}}]}}`
      assert.equal(await post(body), 200, key)
      assertNoPollution()
    }
    const api = await fetch(`${s.url}/api/flows/queue-async/invoke?__proto__[polluted]=1&constructor[prototype][polluted]=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN },
      body: protoJson('__proto__'),
    })
    assert.equal(api.status, 202)
    assertNoPollution()
  })

  it('refuses broken JSON at an API Endpoint with 400, and takes anything else as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), fc.constantFrom('application/json', 'text/plain', 'application/vnd.x+json'), async (text, type) => {
        const res = await fetch(`${s.url}/api/flows/queue-async/invoke`, { method: 'POST', headers: { 'content-type': type, 'x-api-client-token': CLIENT_TOKEN }, body: text })
        await res.arrayBuffer()
        sent++
        assert.ok(res.status === 202 || res.status === 400, `${type} ${JSON.stringify(text)}: ${res.status}`)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
  it('leaves no run with an internal error and no polluted prototype behind', async (t) => {
    let ended = 0
    const runs = await waitFor(
      async () => {
        const r = readRows(s.dataDir).runs
        ended = r.filter((run) => run.status !== 'queued' && run.status !== 'running').length
        return ended === r.length && r
      },
      'the runs of accepted deliveries to end',
      { progress: () => ended },
    )
    const internal = runs.filter((r) => r.error?.includes('"INTERNAL"'))
    assert.deepEqual(internal, [], 'a run of odd event data fails with its reason, never an internal error')
    assertNoPollution()
    t.diagnostic(`seed ${SEED}: ${sent} hostile requests, answers ${JSON.stringify(Object.fromEntries(statuses))}, ${runs.length} runs`)
  })
})
