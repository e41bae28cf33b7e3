import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ConnectionMissingError } from '../../engine/errors.ts'
import { loadConnections } from '../../connectors/index.ts'
import { slack } from '../../connectors/slack/index.ts'
import { clientTokenVariable, connectionProblems, ConnectionsFileError } from '../../engine/connections.ts'
import { fixture, plan } from './helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'cardflow-connections-'))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const fileError = (text: string): string => {
  const path = write('bad.yaml', text)
  try {
    loadConnections({ file: path, env: {} })
  } catch (err) {
    assert.ok(err instanceof ConnectionsFileError)
    return err.describe().replace(path, 'bad.yaml')
  }
  assert.fail('expected a ConnectionsFileError')
}

describe('connections', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('makes the default connection of each service from environment variables', () => {
    const c = loadConnections({ env: { SLACK_BOT_TOKEN: 'xoxb-1234567', OKTA_ORG_URL: 'https://x.okta.com', OKTA_API_TOKEN: '00tok123456' } })
    assert.equal(c.has('slack'), true)
    assert.equal(c.has('okta', 'default'), true)
    assert.equal(c.has('gmail'), false)
    assert.equal(c.file, undefined)
    assert.deepEqual(c.secrets().sort(), ['00tok123456', 'xoxb-1234567'])
  })

  it('names the variables to set when a connection is missing or incomplete', () => {
    const c = loadConnections({ env: { GMAIL_CLIENT_ID: 'id', GRAPH_TENANT_ID: 't' } })
    assert.throws(() => c.client(slack, undefined), (err: unknown) => {
      assert.ok(err instanceof ConnectionMissingError)
      assert.equal(err.message, 'no slack connection "default": set SLACK_BOT_TOKEN (or add slack.default to a connections file (--connections or CARDFLOW_CONNECTIONS))')
      return true
    })
    assert.equal(c.problem('gmail'), 'gmail connection "default" is incomplete: set GMAIL_ACCESS_TOKEN, or GMAIL_CLIENT_SECRET and GMAIL_REFRESH_TOKEN')
    assert.equal(c.problem('office365'), 'office365 connection "default" is incomplete: set GRAPH_ACCESS_TOKEN, or GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET')
    assert.equal(c.problem('okta'), 'no okta connection "default": set OKTA_ORG_URL and OKTA_API_TOKEN (or add okta.default to a connections file (--connections or CARDFLOW_CONNECTIONS))')
  })

  it('reads named connections from the file with environment variable references, and the hook secret and client tokens', () => {
    const env = { OPS_SLACK_TOKEN: 'xoxb-ops-000001', FAKE_SLACK_URL: 'http://127.0.0.1:9/api/', FAKE_OKTA_URL: 'https://x.okta.com', OKTA_TOKEN_FOR_TEST: '00okta-0000001', HOOK_SECRET_FOR_TEST: 'Basic aG9vazpzZWNyZXQ=', CARDFLOW_CLIENT_TOKEN_OTHER_FLOW: 'env-client-token-02' }
    const c = loadConnections({ file: fixture('connections.yaml'), env })
    assert.equal(c.has('slack', 'ops'), true)
    assert.equal(c.has('slack'), false)
    assert.equal(c.has('okta'), true)
    assert.deepEqual(c.names('slack').sort(), ['broken', 'ops'])
    assert.equal(c.problem('slack', 'broken'), 'slack connection "broken" is incomplete: set UNSET_SLACK_TOKEN (used by slack.broken.token)')
    assert.match(c.problem('slack', 'nope')!, /^no slack connection "nope": add slack\.nope to the connections file .*connections\.yaml, with slack\.nope\.token$/)
    assert.equal(c.client(slack, 'ops').slackApiUrl, 'http://127.0.0.1:9/api/')
    assert.deepEqual(c.hookSecret(), { header: 'x-okta-secret', value: 'Basic aG9vazpzZWNyZXQ=' })
    assert.equal(c.clientToken('my-flow'), 'file-client-token-0001')
    assert.equal(c.clientToken('other-flow'), 'env-client-token-02')
    assert.equal(c.clientToken('unknown'), undefined)
    assert.deepEqual(c.secrets().sort(), ['00okta-0000001', 'Basic aG9vazpzZWNyZXQ=', 'env-client-token-02', 'file-client-token-0001', 'xoxb-ops-000001'])
    assert.deepEqual({ timeout: c.policy.timeoutMs, retries: c.policy.rateLimitRetries }, { timeout: 4000, retries: 2 })
  })

  it('takes the hook secret from OKTA_HOOK_SECRET with the authorization header by default', () => {
    assert.deepEqual(loadConnections({ env: { OKTA_HOOK_SECRET: 's3cret-value' } }).hookSecret(), { header: 'authorization', value: 's3cret-value' })
    assert.equal(loadConnections({ env: {} }).hookSecret(), undefined)
    assert.equal(clientTokenVariable('app-unassignment.email hook'), 'CARDFLOW_CLIENT_TOKEN_APP_UNASSIGNMENT_EMAIL_HOOK')
  })

  it('finds the file through CARDFLOW_CONNECTIONS, and lets the environment override its settings', () => {
    const path = write('c.yaml', 'slack:\n  default:\n    apiUrl: http://127.0.0.1:1/api\nsettings:\n  timeoutMs: 1000\n')
    const c = loadConnections({ env: { CARDFLOW_CONNECTIONS: path, SLACK_BOT_TOKEN: 'xoxb-env-000001', CARDFLOW_CONNECTOR_TIMEOUT_MS: '2500' } })
    assert.equal(c.file, path)
    assert.equal(c.client(slack, 'default').slackApiUrl, 'http://127.0.0.1:1/api/', 'file fields overlay the environment')
    assert.equal(c.policy.timeoutMs, 2500)
  })

  it('reports a bad connections file as file:line:col: message', () => {
    assert.equal(fileError('slack:\n  default:\n    tokn: x\n'), 'bad.yaml:3:5: slack.default: unknown key "tokn" (did you mean "token"?); expected token, apiUrl')
    assert.equal(fileError('slak:\n  default: {}\n'), 'bad.yaml:1:1: unknown key "slak" (did you mean "slack"?); expected one of slack, gmail, office365, okta, http, hooks, apiEndpoints, settings')
    assert.match(fileError('slack:\n  default:\n    token: [a\n'), /^bad\.yaml:\d+:\d+: /)
    const ref = (name: string) => '$' + `{${name}}`
    assert.equal(fileError(`okta:\n  default:\n    apiToken: ${ref('NOT A NAME')}\n`), `bad.yaml:3:15: "${ref('NOT A NAME')}" is not a variable reference; use ${ref('NAME')} with letters, digits and _`)
    assert.equal(fileError('settings:\n  retries: 3\n'), 'bad.yaml:2:3: settings: unknown key "retries"; expected timeoutMs, rateLimitRetries, errorRetries, maxWaitMs, backoffMs')
    assert.equal(fileError('- slack\n'), 'bad.yaml:1:1: the connections file must be a map')
    assert.match(loadConnectionsError(join(dir, 'missing.yaml')), /missing\.yaml:1:1: cannot read connections file: no such file$/)
  })

  it('lists, at each card, the connector cards whose connection is missing', async () => {
    const p = await plan('slack-named.yaml')
    const problems = connectionProblems(p, loadConnections({ env: { SLACK_BOT_TOKEN: 'xoxb-123456789' } }))
    assert.equal(problems.length, 1)
    assert.equal(problems[0]!.code, 'CONNECTION_MISSING')
    assert.match(problems[0]!.describe(), /slack-named\.yaml:10:5: card "send" \(slack\.sendMessageToChannel\): no slack connection "ops": add slack\.ops to a connections file/)
    const ok = connectionProblems(p, loadConnections({ file: fixture('connections.yaml'), env: { OPS_SLACK_TOKEN: 'xoxb-ops-000001' } }))
    assert.deepEqual(ok, [])
  })
})

function loadConnectionsError(file: string): string {
  try {
    loadConnections({ file, env: {} })
  } catch (err) {
    if (err instanceof ConnectionsFileError) return err.describe()
    throw err
  }
  return 'no error'
}
