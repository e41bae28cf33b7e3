import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { bearer, type FinishedRun, profileRun, profileRuns, SCRIPT_NAME, startUiEngine, UI_TOKEN, type UiEngine } from './helpers.ts'

const get = (e: UiEngine, path: string, headers: Record<string, string> = {}) => fetch(`${e.url}${path}`, { headers, redirect: 'manual' })

function csrfOf(page: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(page)
  assert.ok(m, 'the page carries a CSRF token')
  return m[1]!
}

function logSink(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
}

describe('web UI with an admin token', () => {
  let e: UiEngine
  let ok: FinishedRun
  let failed: FinishedRun
  let stopped: FinishedRun
  before(async () => {
    e = await startUiEngine()
    ok = await profileRun(e, 'title')
    failed = await profileRun(e, 'email', SCRIPT_NAME)
    stopped = await profileRun(e, 'nickName')
  })
  after(() => e.close())

  it('recorded real runs that succeeded, failed and stopped', () => {
    assert.deepEqual([ok.status, failed.status, stopped.status], ['succeeded', 'failed', 'stopped'])
  })

  it('sends a browser without credentials to the sign-in form and refuses other requests', async () => {
    const res = await get(e, `/ui/runs/${failed.id}`)
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), `/ui/login?next=${encodeURIComponent(`/ui/runs/${failed.id}`)}`)
    assert.equal((await get(e, '/ui', bearer('wrong-token'))).status, 303)
    const post = await fetch(`${e.url}/ui/runs/${ok.id}/replay`, { method: 'POST', redirect: 'manual' })
    assert.equal(post.status, 401)
    assert.doesNotMatch(await post.text(), /Jane Doe|00uAdmin|CONNECTION_MISSING/)
  })

  it('serves pages to a Bearer token with a strict CSP and no caching', async () => {
    const res = await get(e, '/ui', bearer())
    assert.equal(res.status, 200)
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'none'/)
    assert.match(csp, /style-src 'nonce-[A-Za-z0-9+/=]+'/)
    assert.doesNotMatch(csp, /unsafe-inline|script-src/)
    assert.equal(res.headers.get('x-frame-options'), 'DENY')
    assert.equal(res.headers.get('cache-control'), 'no-store')
    const redirect = await get(e, '/')
    assert.equal(redirect.headers.get('location'), '/ui')
  })

  it('lists every flow file: served, disabled and invalid, with the last day counted', async () => {
    const page = await (await get(e, '/ui', bearer())).text()
    const row = (slug: string) => new RegExp(`<tr data-flow="${slug}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? ''
    assert.match(row('profile-notify'), /Tell a user about a profile change/)
    assert.match(row('profile-notify'), /<td>3<\/td>/)
    assert.match(row('profile-notify'), /status=failed&amp;since=24h">1</)
    assert.match(row('quiet'), /<td>no<\/td>/)
    assert.match(row('broken'), /invalid/)
    assert.match(row('broken'), /broken\.yaml:7:11/)
  })

  it('escapes event data: a script in a display name is shown as text', async () => {
    const page = await (await get(e, `/ui/runs/${failed.id}`, bearer())).text()
    assert.ok(!page.includes('<script>'), 'no script element in the page')
    assert.ok(!page.includes('<img src=x'), 'no injected element in the page')
    assert.ok(page.includes('&lt;script&gt;document.title=\\&quot;pwned\\&quot;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'))
  })

  it('shows the failed card error, the stop message and the original event', async () => {
    const failedPage = await (await get(e, `/ui/runs/${failed.id}`, bearer())).text()
    assert.match(failedPage, /data-role="card-error"><b>CONNECTION_MISSING<\/b> no slack connection configured/)
    assert.match(failedPage, /data-role="event">[^<]*user\.account\.update_profile/)
    const stoppedPage = await (await get(e, `/ui/runs/${stopped.id}`, bearer())).text()
    assert.match(stoppedPage, /data-role="stop-message"><b>Stopped:<\/b> Only the nickname changed; nobody needs to know\./)
  })

  it('signs in with the form: an HttpOnly, SameSite cookie that holds no token', async () => {
    const wrong = await fetch(`${e.url}/ui/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope', next: '/ui/runs' }), redirect: 'manual' })
    assert.equal(wrong.status, 401)
    const res = await fetch(`${e.url}/ui/login`, { method: 'POST', body: new URLSearchParams({ token: UI_TOKEN, next: 'https://evil.example/' }), redirect: 'manual' })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/ui')
    const cookie = res.headers.get('set-cookie') ?? ''
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Strict/)
    assert.ok(!cookie.includes(UI_TOKEN))
    const session = cookie.split(';')[0]!
    assert.equal((await get(e, '/ui/runs', { cookie: session })).status, 200)
    const forged = session.replace(/\.[^.]+$/, '.forged')
    assert.equal((await get(e, '/ui/runs', { cookie: forged })).status, 303)
  })

  it('replays from the form only with the page token and from the same origin', async () => {
    const login = await fetch(`${e.url}/ui/login`, { method: 'POST', body: new URLSearchParams({ token: UI_TOKEN }), redirect: 'manual' })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
    const csrf = csrfOf(await (await get(e, `/ui/runs/${stopped.id}`, { cookie })).text())
    const replay = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${e.url}/ui/runs/${stopped.id}/replay`, { method: 'POST', body: new URLSearchParams(body), headers: { cookie, ...headers }, redirect: 'manual' })
    assert.equal((await replay({})).status, 403)
    assert.equal((await replay({ csrf: 'made-up' })).status, 403)
    assert.equal((await replay({ csrf }, { origin: 'https://evil.example' })).status, 403)
    const res = await replay({ csrf }, { origin: e.url })
    assert.equal(res.status, 303)
    const newId = decodeURIComponent((res.headers.get('location') ?? '').replace('/ui/runs/', ''))
    const run = await e.engine.store.getRun(newId)
    assert.equal(run?.replayOf, stopped.id)
    assert.equal(run?.source, 'replay')
  })

  it('lets a Bearer client replay without a form token, and answers 404 for an unknown run', async () => {
    const res = await fetch(`${e.url}/ui/runs/${ok.id}/replay`, { method: 'POST', headers: bearer(), redirect: 'manual' })
    assert.equal(res.status, 303)
    assert.equal((await get(e, '/ui/runs/no-such-run', bearer())).status, 404)
    assert.equal((await fetch(`${e.url}/ui/runs/no-such-run/replay`, { method: 'POST', headers: bearer() })).status, 404)
  })

  it('filters Flow History by status and flow and pages through it', async () => {
    const failedOnly = await (await get(e, '/ui/runs?status=failed&flow=profile-notify&since=24h', bearer())).text()
    assert.ok(failedOnly.includes(`data-run="${failed.id}"`))
    assert.ok(!failedOnly.includes(`data-run="${ok.id}"`))
    await profileRuns(e, Array.from({ length: 50 }, () => 'title'))
    const first = await (await get(e, '/ui/runs', bearer())).text()
    assert.equal(first.match(/<tr data-run=/g)?.length, 50)
    assert.match(first, /rel="next" href="\/ui\/runs\?page=2"/)
    const second = await (await get(e, '/ui/runs?page=2', bearer())).text()
    assert.ok((second.match(/<tr data-run=/g)?.length ?? 0) >= 3)
    assert.match(second, /rel="prev"/)
    assert.ok(second.includes(`data-run="${ok.id}"`), 'the oldest run is on the last page')
  })
})

describe('web UI configuration', () => {
  it('is not mounted without a credential, and the log says so', async () => {
    const lines: string[] = []
    const e = await startUiEngine({ ui: undefined, logLevel: 'info', logDestination: logSink(lines) })
    try {
      assert.equal((await get(e, '/ui')).status, 404)
      assert.equal((await get(e, '/ui', bearer())).status, 404)
      assert.ok(lines.some((l) => l.includes('web UI not mounted')))
    } finally {
      await e.close()
    }
  })

  it('asks for basic credentials when configured, and still wants the form token to replay', async () => {
    const e = await startUiEngine({ ui: { basic: { user: 'admin', password: 'correct horse battery' } } })
    try {
      const run = await profileRun(e, 'title')
      const none = await get(e, '/ui')
      assert.equal(none.status, 401)
      assert.match(none.headers.get('www-authenticate') ?? '', /^Basic realm="cardflow"/)
      const basic = (p: string) => ({ authorization: `Basic ${Buffer.from(`admin:${p}`).toString('base64')}` })
      assert.equal((await get(e, '/ui', basic('wrong'))).status, 401)
      const page = await get(e, `/ui/runs/${run.id}`, basic('correct horse battery'))
      assert.equal(page.status, 200)
      const csrf = csrfOf(await page.text())
      const replay = (body: Record<string, string>) =>
        fetch(`${e.url}/ui/runs/${run.id}/replay`, { method: 'POST', headers: basic('correct horse battery'), body: new URLSearchParams(body), redirect: 'manual' })
      assert.equal((await replay({})).status, 403)
      assert.equal((await replay({ csrf })).status, 303)
    } finally {
      await e.close()
    }
  })

  it('serves without credentials only when made public, with a warning', async () => {
    const lines: string[] = []
    const e = await startUiEngine({ ui: { public: true }, logLevel: 'info', logDestination: logSink(lines) })
    try {
      assert.equal((await get(e, '/ui/runs')).status, 200)
      assert.ok(lines.some((l) => l.includes('"level":40') && l.includes('public')))
    } finally {
      await e.close()
    }
  })
})
