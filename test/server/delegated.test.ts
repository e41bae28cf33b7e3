/**
 * Delegated flows: an admin runs one on demand with inputs at POST /api/flows/<flow>/run, with a
 * delegate token or the web UI's credential (never without one, never with --ui-public); history
 * records who ran it and never the credential; `flow run` calls it from the command line.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { flowCli } from '../helpers.ts'
import { type Running, startEngine, waitFor } from './helpers.ts'

const FLOWS = fileURLToPath(new URL('../../examples/schedules/', import.meta.url))
const TOKEN = 'delegate-token-3c81f0aa'
const BASIC = { user: 'admin', password: 'ui-password-19d2' }

describe('delegated flows', () => {
  let e: Running
  before(async () => {
    e = await startEngine({ flowsDir: FLOWS, delegateTokens: [TOKEN], ui: { basic: BASIC } })
  })
  after(() => e.close())

  const post = (slug: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${e.url}/api/flows/${slug}/run`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const finished = (runId: string) =>
    waitFor(async () => {
      const run = await e.engine.store.getRun(runId)
      return run?.status === 'succeeded' && run
    }, `run ${runId} to finish`)

  it('runs the flow with its inputs and records who ran it, never the credential', async () => {
    const res = await post('offboard-user', { input: { login: 'jane@example.com', notify: true } }, { authorization: `Bearer ${TOKEN}`, 'x-cardflow-caller': 'alice<script>' })
    assert.equal(res.status, 202)
    const { runId } = (await res.json()) as { runId: string }
    const run = await finished(runId)
    assert.equal(run.source, 'delegated')
    assert.equal(run.startedBy, 'alicescript (delegate token)')
    assert.equal(run.record?.cards.find((c) => c.id === 'line')?.outputs?.output, 'alicescript (delegate token) offboards jane@example.com')
    assert.doesNotMatch(JSON.stringify(run), new RegExp(TOKEN))
    const [listed] = await e.engine.store.listRuns({ flow: 'offboard-user', limit: 1 })
    assert.equal(listed?.startedBy, 'alicescript (delegate token)')
  })

  it('takes the web UI basic login as the admin who ran it', async () => {
    const basic = `Basic ${Buffer.from(`${BASIC.user}:${BASIC.password}`).toString('base64')}`
    const res = await post('offboard-user', { input: { login: 'joe@example.com' } }, { authorization: basic })
    assert.equal(res.status, 202)
    const { runId } = (await res.json()) as { runId: string }
    assert.equal((await finished(runId)).startedBy, 'web UI user admin')
    const page = await (await fetch(`${e.url}/ui/runs/${runId}`, { headers: { authorization: basic } })).text()
    assert.match(page, /delegated by web UI user admin/, 'the run page says who ran it')
  })

  it('refuses a missing or wrong credential, then unknown flows and inputs, with what is wrong', async () => {
    assert.equal((await post('offboard-user', { input: {} }, {})).status, 401)
    assert.equal((await post('offboard-user', { input: {} }, { authorization: 'Bearer nope' })).status, 401)
    assert.equal((await post('offboard-user', { input: {} }, { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` })).status, 401)
    assert.equal((await post('no-such-flow', { input: {} }, {})).status, 401, 'who is not an admin learns nothing of the flows')
    const error = async (res: Response) => [res.status, ((await res.json()) as { error: string }).error]
    assert.deepEqual(await error(await post('no-such-flow', { input: {} })), [404, 'no delegated flow "no-such-flow" is served (its trigger must be control.delegatedFlow)'])
    assert.equal((await post('nightly-report', { input: {} })).status, 404, 'a scheduled flow is not run on demand')
    assert.deepEqual(await error(await post('offboard-user', { input: { user: 'x' } })), [400, 'unknown input "user"; the flow takes "login", "notify"'])
    assert.deepEqual(await error(await post('offboard-user', { input: { login: ['a', 'b'] } })), [400, 'input "login" must be text, a number or true/false (got a list)'])
    assert.deepEqual(await error(await post('offboard-user', '{"input": ')), [400, 'the body is not valid JSON: send {"input": {...}}'])
    assert.equal((await e.engine.store.listRuns({ flow: 'offboard-user', limit: 100 })).filter((r) => r.status === 'failed').length, 0)
  })

  it('`flow run` queues a run, and says why when the server refuses or cannot be reached', async () => {
    const ok = await flowCli(['run', 'offboard-user', '--input', '{"login": "ann@example.com"}', '--url', e.url, '--as', 'bob'], { CARDFLOW_DELEGATE_TOKEN: TOKEN })
    assert.equal(ok.code, 0, ok.err)
    const runId = /queued run (\S+) of offboard-user/.exec(ok.out)?.[1]
    assert.ok(runId, ok.out)
    assert.equal((await finished(runId)).startedBy, 'bob (delegate token)')
    const shown = await flowCli(['history', runId, '--data', e.dataDir])
    assert.match(shown.out, /offboard-user {2}succeeded .* source delegated {2}by bob \(delegate token\)/)

    const wrong = await flowCli(['run', 'offboard-user', '--url', e.url], { CARDFLOW_DELEGATE_TOKEN: 'not-it' })
    assert.equal(wrong.code, 1)
    assert.match(wrong.err, /flow run: 401: missing or wrong credential.*check CARDFLOW_DELEGATE_TOKEN/)
    assert.doesNotMatch(wrong.err, /not-it/)
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-run-'))
    writeFileSync(join(dir, 'who.json'), '{"who": 1}')
    const unknown = await flowCli(['run', 'offboard-user', '--input', `@${join(dir, 'who.json')}`, '--url', e.url], { CARDFLOW_DELEGATE_TOKEN: TOKEN })
    rmSync(dir, { recursive: true, force: true })
    assert.match(unknown.err, /400: unknown input "who"/)
    const badJson = await flowCli(['run', 'offboard-user', '--input', '{login', '--url', e.url], { CARDFLOW_DELEGATE_TOKEN: TOKEN })
    assert.equal(badJson.code, 2)
    assert.match(badJson.err, /--input is not valid JSON/)
    const closed = await closedPort()
    const down = await flowCli(['run', 'offboard-user', '--url', `http://127.0.0.1:${closed}`], { CARDFLOW_DELEGATE_TOKEN: TOKEN })
    assert.equal(down.code, 1)
    assert.match(down.err, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\); is \`flow serve\` running there`))
  })
})

/** A port nothing listens on: one the system just handed out and took back. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

describe('delegated flows on an engine whose web UI is public', () => {
  it('runs nothing without a credential: --ui-public opens the pages, not the runs', async () => {
    const e = await startEngine({ flowsDir: FLOWS, ui: { public: true } })
    try {
      const res = await fetch(`${e.url}/api/flows/offboard-user/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input": {}}' })
      assert.equal(res.status, 401)
    } finally {
      await e.close()
    }
  })
})
