/** A fake of the Gmail API (`https://gmail.googleapis.com/`): users.messages.send. */
import { bearer, type FakeServer, startFakeServer } from './fake-server.ts'

export const GMAIL_TOKEN = 'ya29.fake-gmail-access-token'

export interface FakeGmail extends FakeServer {
  /** The decoded RFC 2822 text of each message sent, in order. */
  sentMime(): string[]
}

export async function startFakeGmail(opts: { tokens?: string[] } = {}): Promise<FakeGmail> {
  const tokens = opts.tokens ?? [GMAIL_TOKEN]
  let seq = 0
  const server = await startFakeServer((req) => {
    if (!tokens.includes(bearer(req) ?? '')) {
      return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } }
    }
    const m = /^\/gmail\/v1\/users\/([^/]+)\/messages\/send$/.exec(req.path)
    if (req.method !== 'POST' || !m) return { status: 404, body: { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } } }
    const raw = (req.json as { raw?: unknown } | undefined)?.raw
    if (typeof raw !== 'string') return { status: 400, body: { error: { code: 400, message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required", status: 'INVALID_ARGUMENT' } } }
    seq++
    return { status: 200, body: { id: `18f0000000000${seq}`, threadId: `18f0000000000${seq}`, labelIds: ['SENT'] } }
  })
  return {
    ...server,
    sentMime: () =>
      server.requests
        .map((r) => (r.json as { raw?: unknown } | undefined)?.raw)
        .filter((raw): raw is string => typeof raw === 'string')
        .map((raw) => Buffer.from(raw, 'base64url').toString('utf8')),
  }
}
