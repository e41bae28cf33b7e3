/**
 * Secrets: `flow serve` (a real process, logging at debug) runs flows that fail in every way,
 * with services that even echo the token back in their errors, and is called with wrong and
 * right secrets. The hook secret, client token and connector tokens must then appear nowhere:
 * not in its output, not in `flow history --json`, not in any byte of the store's files.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { type FakeGmail, type FakeServer, type FakeSlack, GMAIL_TOKEN, GRAPH_TOKEN, SLACK_TOKEN, startFakeGmail, startFakeGraph, startFakeSlack } from '../fakes/index.ts'
import { ROOT } from '../helpers.ts'
import { CLIENT_TOKEN, deliver, envelope, HOOK_SECRET, profileEvent, waitFor } from '../server/helpers.ts'
import { FIXTURES, killServers, FLOW_BIN, readRows, serveChild, storeBytes, tempDir } from './helpers.ts'

const run = promisify(execFile)
const SECRETS = { hook: HOOK_SECRET, client: CLIENT_TOKEN, slack: SLACK_TOKEN, gmail: GMAIL_TOKEN, graph: GRAPH_TOKEN }

describe('secrets stay secret when everything fails', () => {
  const data = tempDir('secrets')
  let slack: FakeSlack
  let gmail: FakeGmail
  let graph: FakeServer
  after(async () => {
    await killServers()
    await Promise.all([slack?.close(), gmail?.close(), graph?.close()])
    data.remove()
  })

  it('keeps every secret out of logs, errors, history and the database file', async (t) => {
    ;[slack, gmail, graph] = await Promise.all([startFakeSlack(), startFakeGmail(), startFakeGraph()])
    const echo = (token: string) => `invalid token ${token} (Bearer ${token})`
    slack.failNext({ kind: 'status', status: 500, body: { ok: false, error: echo(SLACK_TOKEN) } })
    slack.failNext({ kind: 'okFalse', error: echo(SLACK_TOKEN) })
    slack.failNext({ kind: 'status', status: 429, retryAfter: 0 }, 3)
    slack.failNext({ kind: 'close' })
    gmail.failNext({ kind: 'status', status: 401, body: { error: { code: 401, message: echo(GMAIL_TOKEN), status: 'UNAUTHENTICATED' } } }, 2)
    gmail.failNext({ kind: 'close' }, 2)
    graph.failNext({ kind: 'status', status: 500, body: { error: { code: 'InternalServerError', message: echo(GRAPH_TOKEN) } } }, 2)
    graph.failNext({ kind: 'status', status: 400, body: { error: { code: 'ErrorInvalidRecipients', message: echo(GRAPH_TOKEN) } } }, 2)
    const env = {
      LOG_LEVEL: 'debug',
      OKTA_HOOK_SECRET: HOOK_SECRET,
      CARDFLOW_CLIENT_TOKEN_API_ECHO: CLIENT_TOKEN,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.url,
      GMAIL_ACCESS_TOKEN: GMAIL_TOKEN,
      GMAIL_API_URL: gmail.url,
      GRAPH_ACCESS_TOKEN: GRAPH_TOKEN,
      GRAPH_API_URL: graph.url,
      // only bounds a hang: an echoed token must reach the engine, not be cut off by a timeout
      // on a busy machine (a timeout's message holds nothing from the service anyway)
      CARDFLOW_CONNECTOR_TIMEOUT_MS: '60000',
      CARDFLOW_CONNECTOR_RETRIES: '1',
    }
    const served = await serveChild(`${FIXTURES}connector-flows`, data.path, env)
    const events = Array.from({ length: 6 }, (_, i) => profileEvent(`sec-${i}`, `2026-11-20T10:00:0${i}Z`))
    assert.equal((await deliver(served.url, envelope('sec-d', events))).status, 200)
    // wrong secrets: a prefix, the secret with more, in another header, in the body
    for (const wrong of [HOOK_SECRET.slice(0, -1), `${HOOK_SECRET}x`, HOOK_SECRET.toUpperCase()]) {
      assert.equal((await deliver(served.url, envelope('sec-wrong', events), { authorization: wrong })).status, 401)
    }
    assert.equal((await deliver(served.url, envelope('sec-hdr', [profileEvent('sec-h', '2026-11-20T11:00:00Z')]), { 'x-note': HOOK_SECRET })).status, 200)
    const api = (headers: Record<string, string>, query = '') =>
      fetch(`${served.url}/api/flows/api-echo/invoke${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ note: CLIENT_TOKEN.slice(0, 4) }) })
    assert.equal((await api({ 'x-api-client-token': CLIENT_TOKEN.slice(0, -1) })).status, 401)
    assert.equal((await api({}, `?clientToken=${CLIENT_TOKEN}x`)).status, 401)
    for (const call of [api({ 'x-api-client-token': CLIENT_TOKEN }), api({}, `?clientToken=${CLIENT_TOKEN}`)]) {
      const res = await call
      const body = await res.text()
      for (const [name, secret] of Object.entries(SECRETS)) assert.ok(!body.includes(secret), `the ${name} secret in an API answer`)
    }
    let ended = 0
    await waitFor(
      async () => {
        const rows = readRows(data.path)
        ended = rows.runs.filter((r) => r.status === 'succeeded' || r.status === 'failed').length
        return rows.runs.length >= 21 && ended === rows.runs.length && rows
      },
      'every run to end',
      { progress: () => ended },
    )
    const failed = readRows(data.path).runs.filter((r) => r.status === 'failed')
    assert.deepEqual([slack, gmail, graph].map((f) => f.pendingTroubles()), [0, 0, 0], 'every fault was served')
    // Slack's ok:false, Gmail's two 401s and Graph's two 400s are final; the others are retried
    assert.ok(failed.length >= 5, `runs failed in several ways (${failed.length})`)

    served.child.kill('SIGTERM')
    assert.equal(await served.exited, 0)
    const flow = async (...args: string[]) => {
      const out = await run(process.execPath, [FLOW_BIN, ...args, '--data', data.path], { cwd: ROOT, env: { ...process.env, CARDFLOW_CONNECTIONS: '' } })
      return out.stdout + out.stderr
    }
    const places: Record<string, string> = {
      'serve output': served.lines.join('\n'),
      'flow history --json': await flow('history', '--json', '--limit', '1000'),
      'flow history <run> --json': (await Promise.all(failed.map((r) => flow('history', r.id, '--json')))).join('\n'),
      'the store files': storeBytes(data.path),
    }
    assert.ok(served.lines.length > 20, 'the engine logged its work')
    for (const [place, text] of Object.entries(places)) {
      for (const [name, secret] of Object.entries(SECRETS)) {
        assert.ok(!text.includes(secret), `the ${name} secret appears in ${place}`)
        assert.ok(!text.includes(Buffer.from(secret).toString('base64')), `the ${name} secret (base64) appears in ${place}`)
      }
    }
    t.diagnostic(`${readRows(data.path).runs.length} runs (${failed.length} failed), ${served.lines.length} log lines, ${Object.keys(SECRETS).length} secrets searched in ${Object.keys(places).length} places`)
  })
})
