/**
 * Auth: the hook secret and client tokens refuse every wrong value (each prefix of the real one,
 * longer, other case, other header, generated strings of every length) with 401 and store
 * nothing; the web UI refuses history without credentials; the store's files are the owner's.
 */
import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { CLIENT_TOKEN, deliver, envelope, HOOK_SECRET, profileEvent, type Running, startEngine } from '../server/helpers.ts'
import { readRows, SEED, size, tempDir } from './helpers.ts'

const UI_TOKEN = 'ui-admin-token-3c9e71'

/** Every prefix, the secret with more, other case, and one character changed at each position. */
function nearMisses(secret: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i < secret.length; i++) out.add(secret.slice(0, i))
  for (let i = 0; i < secret.length; i++) out.add(`${secret.slice(0, i)}${secret[i] === 'x' ? 'y' : 'x'}${secret.slice(i + 1)}`)
  // (HTTP itself trims spaces around a header value, so padding is not a different secret)
  for (const more of [`${secret}x`, secret.toUpperCase(), secret.toLowerCase(), `${secret}${secret}`, `Basic ${secret}`]) out.add(more)
  out.delete(secret)
  return [...out]
}

describe('authentication refuses every wrong credential', () => {
  let s: Running
  let tried = 0
  const dir = tempDir('auth')
  before(async () => {
    // the sign-in throttle (tested in web-ops.test.ts) is raised here, so that every near miss is seen refused by the guard itself
    s = await startEngine({ ui: { token: UI_TOKEN, signInLimit: { max: 100_000, windowMs: 60_000 } }, concurrency: 0, dataDir: join(dir.path, 'new-data') })
  })
  after(async () => {
    await s.close()
    dir.remove()
  })

  it('answers 401 to a missing hook secret and to each near miss, storing nothing', async () => {
    const body = envelope('auth-d', [profileEvent('auth-ev', '2026-11-20T10:00:00Z')])
    const noSecret = await fetch(`${s.url}/hooks/okta`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    assert.equal(noSecret.status, 401)
    for (const wrong of nearMisses(HOOK_SECRET)) {
      tried++
      assert.equal((await deliver(s.url, body, { authorization: wrong })).status, 401, JSON.stringify(wrong))
    }
    assert.equal((await deliver(s.url, body, { authorization: '', 'x-okta-secret': HOOK_SECRET })).status, 401, 'the secret in another header')
    assert.equal(readRows(s.dataDir).deliveries.size, 0)
  })

  it('answers 401 to generated secrets of every length', async () => {
    const body = envelope('auth-gen', [profileEvent('auth-gen-ev', '2026-11-20T10:00:00Z')])
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }).filter((x) => x.trim() !== HOOK_SECRET && !/[\r\n\0]/.test(x)), async (wrong) => {
        tried++
        assert.equal((await deliver(s.url, body, { authorization: wrong.trim() || 'x' })).status, 401)
      }),
      { numRuns: size(100, 2000), seed: SEED },
    )
    assert.equal(readRows(s.dataDir).deliveries.size, 0)
  })

  it('answers 401 to each near miss of a client token, in the header and the query', async () => {
    for (const wrong of nearMisses(CLIENT_TOKEN)) {
      tried += 2
      const header = await fetch(`${s.url}/api/flows/queue-async/invoke`, { method: 'POST', headers: { 'x-api-client-token': wrong } })
      assert.equal(header.status, 401, JSON.stringify(wrong))
      const query = await fetch(`${s.url}/api/flows/queue-async/invoke?clientToken=${encodeURIComponent(wrong)}`, { method: 'POST' })
      assert.equal(query.status, 401, JSON.stringify(wrong))
    }
    assert.equal(readRows(s.dataDir).runs.length, 0)
  })

  it('keeps the web UI and its flow history behind the admin token', async (t) => {
    const pages = ['/ui', '/ui/runs', '/ui/flows', '/ui/runs/00000000-0000-0000-0000-000000000000']
    const headerSets: Record<string, string>[] = [{}, ...nearMisses(UI_TOKEN).map((w) => ({ authorization: `Bearer ${w}` })), { cookie: 'cardflow_ui=1.forged' }, { authorization: `Basic ${Buffer.from(`admin:${UI_TOKEN}`).toString('base64')}` }]
    for (const page of pages) {
      for (const headers of headerSets) {
        tried++
        const res = await fetch(`${s.url}${page}`, { headers, redirect: 'manual' })
        await res.arrayBuffer()
        assert.ok(res.status === 401 || res.status === 303, `${page} with ${JSON.stringify(headers)}: ${res.status}`)
      }
    }
    const replay = await fetch(`${s.url}/ui/runs/x/replay`, { method: 'POST', redirect: 'manual' })
    assert.ok(replay.status === 401 || replay.status === 303 || replay.status === 403)
    const allowed = await fetch(`${s.url}/ui/runs`, { headers: { authorization: `Bearer ${UI_TOKEN}` } })
    assert.equal(allowed.status, 200, 'the right token opens it')
    t.diagnostic(`${tried} wrong credentials refused`)
  })

  it('refuses a malformed session cookie with 401, not a 500', async () => {
    const res = await fetch(`${s.url}/ui/runs`, { headers: { cookie: 'cardflow_ui=%E0%A4%A' }, redirect: 'manual' })
    await res.arrayBuffer()
    assert.ok(res.status === 401 || res.status === 303, `answered ${res.status}`)
  })

  it('creates the data directory readable by its owner only', () => {
    assert.equal(statSync(s.dataDir).mode & 0o077, 0, `the data directory is private (mode ${(statSync(s.dataDir).mode & 0o777).toString(8)})`)
  })
})
