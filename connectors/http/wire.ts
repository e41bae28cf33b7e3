/**
 * One HTTP exchange on a guarded pool: no redirect is followed (a 3xx comes back as it is, so a
 * redirect cannot carry the connection's credentials to another host), the answer is read up to
 * a size limit, and a compressed answer is inflated within the same limit.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { type Agent, request } from 'undici'

export interface WireRequest {
  method: string
  url: URL
  /** Lower-case names. */
  headers: Record<string, string>
  body?: string
}

export interface WireAnswer {
  status: number
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>
  body: Buffer
}

/** The service answered more than the connection allows (`maxResponseBytes`). */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError'
  constructor(limit: number) {
    super(`the answer is larger than ${limit} bytes (maxResponseBytes)`)
  }
}

export async function exchange(agent: Agent, req: WireRequest, signal: AbortSignal, maxBytes: number): Promise<WireAnswer> {
  const res = await request(req.url, {
    dispatcher: agent,
    method: req.method as 'GET',
    headers: req.headers,
    ...(req.body !== undefined && { body: req.body }),
    signal,
    maxRedirections: 0,
  })
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  const declared = Number(headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.body.destroy()
    throw new ResponseTooLargeError(maxBytes)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      res.body.destroy()
      throw new ResponseTooLargeError(maxBytes)
    }
    chunks.push(chunk as Buffer)
  }
  return { status: res.statusCode, headers, body: inflate(Buffer.concat(chunks), headers['content-encoding'], maxBytes) }
}

/** A body the service compressed (only when the card asked for it with Accept-Encoding). */
function inflate(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const coding = encoding?.trim().toLowerCase()
  if (!coding || coding === 'identity' || body.length === 0) return body
  const opts = { maxOutputLength: maxBytes }
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(body, opts)
    if (coding === 'deflate') return inflateSync(body, opts)
    if (coding === 'br') return brotliDecompressSync(body, opts)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ResponseTooLargeError(maxBytes)
    throw err
  }
  return body
}
