/** A fake of Microsoft Graph (`https://graph.microsoft.com/`): sendMail for a user or for `me`. */
import { bearer, type FakeServer, startFakeServer } from './fake-server.ts'

export const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6ImZha2UtZ3JhcGgtdG9rZW4ifQ'

export async function startFakeGraph(opts: { tokens?: string[] } = {}): Promise<FakeServer> {
  const tokens = opts.tokens ?? [GRAPH_TOKEN]
  return startFakeServer((req) => {
    if (!tokens.includes(bearer(req) ?? '')) {
      return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } } }
    }
    if (req.method === 'POST' && /^\/v1\.0\/(me|users\/[^/]+)\/sendMail$/.test(req.path)) {
      const message = (req.json as { message?: { toRecipients?: unknown[] } } | undefined)?.message
      if (!message?.toRecipients?.length) return { status: 400, body: { error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' } } }
      return { status: 202 }
    }
    return { status: 404, body: { error: { code: 'ResourceNotFound', message: `No resource for ${req.path}` } } }
  })
}
