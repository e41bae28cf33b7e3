// Node-RED 4 embedded headless (no editor, no admin API) with a generated flow doing the
// profile-update flow's work: http in -> function (compose the text) -> http request (POST to
// the fake Slack, like chat.postMessage) -> http response. Args: <userDir> <slackUrl> <token>.
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import RED from 'node-red'

const [userDir, slackUrl, token] = process.argv.slice(2)

// The same work as flows/notify-user-on-profile-update.yaml, for the first event of a delivery.
const compose = `
const MONITORED = ['email', 'primaryPhone', 'mobilePhone', 'manager', 'firstName', 'lastName']
const event = msg.payload && msg.payload.data && msg.payload.data.events && msg.payload.data.events[0]
if (!event || event.eventType !== 'user.account.update_profile') return [null, msg]
const user = (event.target || []).find((t) => t.type === 'User') || {}
const changed = String(((event.debugContext || {}).debugData || {}).changedAttributes || '').split(',').map((s) => s.trim()).filter(Boolean)
const monitored = [...new Set(changed.filter((a) => MONITORED.includes(a)))]
if (monitored.length === 0) return [null, msg]
const who = event.actor.id === user.id
  ? 'You updated your profile yourself.'
  : 'Your profile was updated by ' + event.actor.alternateId + '. If you did not expect this, contact IT.'
msg.headers = { authorization: ${JSON.stringify(`Bearer ${token}`)}, 'content-type': 'application/x-www-form-urlencoded' }
msg.payload = { channel: '#okta-profile-changes', username: 'Okta profile watch',
  text: 'Hi ' + user.alternateId + ', these attributes of your Okta profile changed: ' + monitored.join(', ') + '.\\n' + who }
return [msg, null]
`

const flows = [
  { id: 'bench', type: 'tab', label: 'bench' },
  { id: 'in', z: 'bench', type: 'http in', url: '/hooks/okta', method: 'post', wires: [['fn']] },
  { id: 'fn', z: 'bench', type: 'function', func: compose, outputs: 2, wires: [['slack'], ['res']] },
  { id: 'slack', z: 'bench', type: 'http request', method: 'POST', ret: 'obj', url: `${slackUrl}chat.postMessage`, wires: [['res']] },
  { id: 'res', z: 'bench', type: 'http response', statusCode: '200', wires: [] },
]
writeFileSync(join(userDir, 'flows.json'), JSON.stringify(flows))

const server = createServer()
RED.init(server, {
  userDir,
  flowFile: 'flows.json',
  httpAdminRoot: false,
  httpNodeRoot: '/',
  credentialSecret: false,
  logging: { console: { level: 'warn', metrics: false, audit: false } },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false },
  telemetry: { enabled: false },
  editorTheme: { palette: { catalogues: [] } },
})
server.on('request', RED.httpNode)
await RED.start()
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }))
})
process.once('SIGTERM', async () => {
  await RED.stop()
  server.close(() => process.exit(0))
})
