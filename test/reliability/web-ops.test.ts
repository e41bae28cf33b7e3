/**
 * The web UI and the operations endpoints: a UI credential is never overridden by --ui-public,
 * signing out ends the session on the server and needs the CSRF token, refused sign-ins are
 * throttled per client, /metrics can require a token, API Endpoint URLs do not tell which flow
 * names exist, and what no route answers is a JSON error.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { registry } from '../../cards/index.ts'
import { ConfigError, createServer } from '../../server/server.ts'
import { openStore } from '../../store/index.ts'
import { flowCli } from '../helpers.ts'
import { CLIENT_TOKEN, FLOWS, type Running, startEngine } from '../server/helpers.ts'
import { tempDir } from './helpers.ts'

const UI_TOKEN = 'ui-admin-token-77f0a1'
const METRICS_TOKEN = 'metrics-token-5b2c9e'

describe('the web UI and operations endpoints', () => {
  let s: Running
  before(async () => {
    s = await startEngine({ ui: { token: UI_TOKEN, signInLimit: { max: 5, windowMs: 60_000 } }, metricsToken: METRICS_TOKEN, concurrency: 0 })
  })
  after(() => s.close())

  const signIn = async (): Promise<string> => {
    const res = await fetch(`${s.url}/ui/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${UI_TOKEN}&next=/ui`, redirect: 'manual' })
    assert.equal(res.status, 303)
    return /cardflow_ui=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0]
  }
  const csrfOf = async (cookie: string) => /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${s.url}/ui`, { headers: { cookie } })).text())![1]!

  it('refuses to start with --ui-public and a UI credential, in code and on the command line', async () => {
    const dir = tempDir('ui-public')
    const store = await openStore(dir.path)
    try {
      for (const ui of [{ token: UI_TOKEN, public: true }, { basic: { user: 'a', password: 'b' }, public: true }]) {
        await assert.rejects(createServer({ flowsDir: FLOWS, registry, store, publicHooks: true, logLevel: 'silent', ui }), (err: unknown) => err instanceof ConfigError && /--ui-public cannot be combined/.test(err.message))
      }
    } finally {
      await store.close()
      dir.remove()
    }
    const cli = await flowCli(['serve', '--flows', FLOWS, '--data', tempDir('ui-cli').path, '--port', '0', '--public-hooks', '--ui-public'], { CARDFLOW_UI_TOKEN: UI_TOKEN })
    assert.equal(cli.code, 2)
    assert.match(cli.err, /--ui-public cannot be combined with a web UI credential/)
  })

  it('ends the session on the server at sign-out, which needs the CSRF token', async () => {
    const cookie = await signIn()
    assert.equal((await fetch(`${s.url}/ui/runs`, { headers: { cookie }, redirect: 'manual' })).status, 200)
    // a sign-out from another site (no token, or a foreign origin) is refused and ends nothing
    const forged = await fetch(`${s.url}/ui/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' })
    assert.equal(forged.status, 403)
    const csrf = await csrfOf(cookie)
    const foreign = await fetch(`${s.url}/ui/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${csrf}`, redirect: 'manual' })
    assert.equal(foreign.status, 403)
    assert.equal((await fetch(`${s.url}/ui/runs`, { headers: { cookie }, redirect: 'manual' })).status, 200)
    const out = await fetch(`${s.url}/ui/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${csrf}`, redirect: 'manual' })
    assert.equal(out.status, 303)
    // the old cookie, kept by whoever copied it, no longer opens anything
    const after = await fetch(`${s.url}/ui/runs`, { headers: { cookie }, redirect: 'manual' })
    assert.equal(after.status, 303)
    assert.match(after.headers.get('location') ?? '', /^\/ui\/login/)
  })

  it('throttles refused sign-ins per client, and counts only refusals', async () => {
    const engine = await startEngine({ ui: { token: UI_TOKEN, signInLimit: { max: 3, windowMs: 60_000 } }, concurrency: 0 })
    try {
      const attempt = (token: string) => fetch(`${engine.url}/ui/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}`, redirect: 'manual' })
      const good = await fetch(`${engine.url}/ui/runs`, { headers: { authorization: `Bearer ${UI_TOKEN}` } })
      assert.equal(good.status, 200, 'a right credential does not count')
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) statuses.push((await attempt(`wrong-${i}`)).status)
      assert.deepEqual(statuses, [401, 401, 401, 429, 429, 429])
      // throttled means throttled: even the right token waits for the window
      assert.equal((await attempt(UI_TOKEN)).status, 429)
      const bearer = await fetch(`${engine.url}/ui/runs`, { headers: { authorization: 'Bearer guess' } })
      assert.equal(bearer.status, 429, 'guessing through the Authorization header counts too')
    } finally {
      await engine.close()
    }
  })

  it('asks /metrics for its token when one is set', async () => {
    assert.equal((await fetch(`${s.url}/metrics`)).status, 401)
    assert.equal((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401)
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    assert.equal(ok.status, 200)
    assert.match(await ok.text(), /cardflow_/)
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200, 'health stays open for probes')
  })

  it('answers an API Endpoint URL the same whether the flow exists or not, to a caller without its token', async () => {
    const answer = async (slug: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${s.url}/api/flows/${slug}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })
      return `${res.status} ${await res.text()}`
    }
    const existing = await answer('echo-sync')
    for (const slug of ['no-such-flow', 'profile-note', 'echo-sync%2F..', 'ECHO-SYNC', '__proto__', 'constructor']) {
      assert.equal(await answer(slug), existing, slug)
      assert.equal(await answer(slug, { 'x-api-client-token': 'guess' }), existing, slug)
    }
    assert.equal(await answer('echo-sync', { 'x-api-client-token': 'guess' }), existing)
    assert.match(await answer('echo-sync', { 'x-api-client-token': CLIENT_TOKEN }), /^200 /)
  })

  it('answers what no route answers with a JSON error, not an HTML page', async () => {
    for (const [method, path] of [['GET', '/nope'], ['POST', '/hooks/nope'], ['PUT', '/hooks/okta'], ['DELETE', '/api/flows/echo-sync/invoke'], ['GET', '/api'], ['GET', '/%E0%A4%A']]) {
      const res = await fetch(`${s.url}${path}`, { method: method! })
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path}: ${res.status}`)
      assert.match(res.headers.get('content-type') ?? '', /application\/json/, `${method} ${path}`)
      assert.equal(typeof ((await res.json()) as { error: unknown }).error, 'string')
    }
  })
})
