/**
 * The limit: a hand-written pipeline doing the profile-update flow's work with nothing in
 * between. express parses the delivery, the same text is composed by hand, it is POSTed to the
 * fake Slack (form-encoded, bearer token, keep-alive), and Okta gets its 200 after Slack
 * answered, as Node-RED does. Nothing is stored, logged or recorded: what this machine's HTTP
 * stack gives for the whole path. Args: <slackUrl> <token>.
 */
import { Agent, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'

const [slackUrl, token] = process.argv.slice(2) as [string, string]
const target = new URL('chat.postMessage', slackUrl)
const agent = new Agent({ keepAlive: true, maxSockets: 64 })
const MONITORED = new Set(['email', 'primaryPhone', 'mobilePhone', 'manager', 'firstName', 'lastName'])

interface Event {
  eventType?: string
  actor?: { id?: string; alternateId?: string }
  target?: { type?: string; id?: string; alternateId?: string }[]
  debugContext?: { debugData?: { changedAttributes?: string } }
}

/** The message for one event, or undefined when it tells nobody (the flow's Continue If). */
function compose(event: Event): string | undefined {
  if (event.eventType !== 'user.account.update_profile') return undefined
  const user = event.target?.find((t) => t.type === 'User') ?? {}
  const changed = String(event.debugContext?.debugData?.changedAttributes ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const monitored = [...new Set(changed.filter((a) => MONITORED.has(a)))]
  if (monitored.length === 0) return undefined
  const who =
    event.actor?.id === user.id ? 'You updated your profile yourself.' : `Your profile was updated by ${event.actor?.alternateId}. If you did not expect this, contact IT.`
  return `Hi ${user.alternateId}, these attributes of your Okta profile changed: ${monitored.join(', ')}.\n${who}`
}

function post(text: string): Promise<void> {
  const body = new URLSearchParams({ channel: '#okta-profile-changes', username: 'Okta profile watch', text }).toString()
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`Slack answered ${res.statusCode}`))))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const app = express()
app.disable('x-powered-by')
app.post('/hooks/okta', express.json({ limit: '1mb' }), async (req, res) => {
  try {
    for (const event of (req.body?.data?.events ?? []) as Event[]) {
      const text = compose(event)
      if (text !== undefined) await post(text)
    }
    res.status(200).end()
  } catch {
    res.status(502).end()
  }
})
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }))
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
