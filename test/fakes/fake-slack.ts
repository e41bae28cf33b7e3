/** A fake of Slack's Web API (`https://slack.com/api/<method>`): chat.postMessage, users.lookupByEmail, conversations.open. */
import { bearer, type FakeServer, type RecordedRequest, startFakeServer, type Trouble } from './fake-server.ts'

export interface FakeSlackOptions {
  /** The only bot token accepted; others get `ok:false invalid_auth`. */
  token?: string
  /** Channel names to ids. */
  channels?: Record<string, string>
  /** Emails to user ids. */
  users?: Record<string, string>
}

export type SlackTrouble = Trouble | { kind: 'okFalse'; error: string }

export interface FakeSlack extends Omit<FakeServer, 'failNext'> {
  failNext(trouble: SlackTrouble, times?: number): void
  /** The requests to one Web API method, e.g. `chat.postMessage`. */
  calls(method: string): RecordedRequest[]
  /** Resolves once `count` requests to one Web API method have arrived. */
  waitForCalls(method: string, count: number): Promise<RecordedRequest[]>
}

export const SLACK_TOKEN = 'xoxb-fake-0000-secret-token'

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = opts.token ?? SLACK_TOKEN
  const channels = opts.channels ?? { general: 'C0000GENERAL', alerts: 'C0000ALERTS' }
  const users = opts.users ?? { 'ann@example.com': 'U0000ANN' }
  let seq = 100
  const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ok: true, ...body } })
  const fail = (error: string) => ({ status: 200, body: { ok: false, error } })
  const server = await startFakeServer((req) => {
    if (bearer(req) !== token) return fail(bearer(req) ? 'invalid_auth' : 'not_authed')
    const args = req.form ?? new URLSearchParams()
    switch (req.path) {
      case '/api/chat.postMessage': {
        const wanted = args.get('channel') ?? ''
        const name = wanted.replace(/^#/, '')
        const id = Object.values(channels).includes(wanted) || /^D[A-Z0-9]+$/.test(wanted) ? wanted : channels[name]
        if (!id) return fail('channel_not_found')
        return ok({ channel: id, ts: `1700000000.000${seq++}`, message: { text: args.get('text'), username: args.get('username') ?? undefined } })
      }
      case '/api/users.lookupByEmail': {
        const id = users[args.get('email') ?? '']
        return id ? ok({ user: { id, profile: { email: args.get('email') } } }) : fail('users_not_found')
      }
      case '/api/conversations.open':
        return ok({ channel: { id: `D${(args.get('users') ?? '').replace(/^U/, '')}` } })
      default:
        return fail('unknown_method')
    }
  }, '/api/')
  return {
    ...server,
    failNext(trouble, times) {
      server.failNext(trouble.kind === 'okFalse' ? { kind: 'answer', answer: fail(trouble.error) } : trouble, times)
    },
    calls: (method) => server.requests.filter((r) => r.path === `/api/${method}`),
    waitForCalls: (method, count) => server.waitForRequests(count, (r) => r.path === `/api/${method}`),
  }
}
