/**
 * How Okta cards send: one request through `ctx.call` (recorded, faked in dry runs, retried on
 * 429 until Okta's rate-limit reset), or a list read page by page, each page its own call,
 * following Okta's `Link: rel="next"` until the card has what it asked for.
 */
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import type { OktaMethod, OktaResponse } from '../../connectors/okta/client.ts'
import { okta } from '../../connectors/okta/index.ts'
import { MAX_PAGES, nextLink } from '../../connectors/okta/pages.ts'
import { OktaPathError } from '../../connectors/okta/path.ts'

export interface OktaRequest {
  method: OktaMethod
  /** The operation as history shows it, ids as placeholders: `POST /api/v1/users/{id}/lifecycle/suspend`. */
  operation: string
  /** Builds the path (``oktaPath`…` ``); a value that cannot be a path segment fails the card before anything is sent. */
  path: () => string
  query?: Record<string, string>
  body?: unknown
  headers?: Record<string, string>
  /** What a reviewer sees in history: ids and options, never a token or a password. */
  request: Record<string, unknown>
  /** Safe to send twice: 5xx and network errors are retried too. */
  idempotent: boolean
  /** The plausible answer of a dry run. */
  dryRun: () => Omit<OktaResponse, 'headers'> & { headers?: Record<string, string> }
}

/** The path, or the card fails naming the input and what is wrong with its value. */
export function pathOf(ctx: CardContext, build: () => string): string {
  try {
    return build()
  } catch (err) {
    if (err instanceof OktaPathError) throw new CardFailedError(err.message, ctx.cardId)
    throw err
  }
}

export async function oktaSend(ctx: CardContext, r: OktaRequest): Promise<OktaResponse> {
  const path = pathOf(ctx, r.path)
  const opts = { ...(r.query && { query: r.query }), ...(r.body !== undefined && { body: r.body }), ...(r.headers && { headers: r.headers }) }
  return ctx.call({
    connector: okta,
    operation: r.operation,
    request: r.request,
    idempotent: r.idempotent,
    send: (client, signal) => client.exchange(r.method, path, { ...opts, signal }),
    dryRun: () => ({ headers: {}, ...r.dryRun() }),
  })
}

export interface OktaListRequest {
  operation: string
  path: () => string
  /** Query of the first page; later pages are Okta's `next` links, taken whole. */
  query?: Record<string, string>
  request: Record<string, unknown>
  /** The items of a dry run's one page. */
  sample: () => unknown[]
}

/**
 * The list's items page by page. The caller stops reading when it has enough; a page that is not
 * a JSON list, or is empty, ends the list. At most MAX_PAGES pages are read.
 */
export async function* oktaPages(ctx: CardContext, r: OktaListRequest): AsyncGenerator<unknown[]> {
  let url: string | undefined = pathOf(ctx, r.path)
  for (let page = 1; url !== undefined && page <= MAX_PAGES; page++) {
    const target: string = url
    const first = page === 1
    const res: OktaResponse = await ctx.call({
      connector: okta,
      operation: r.operation,
      request: first ? r.request : { ...r.request, page },
      idempotent: true,
      send: (client, signal) => client.exchange('GET', target, { ...(first && r.query && { query: r.query }), signal }),
      dryRun: () => ({ status: 200, headers: {}, body: r.sample() }),
    })
    // an empty page ends the list even with a next link: the System Log's polling cursor always has one
    if (!Array.isArray(res.body) || res.body.length === 0) return
    yield res.body
    url = nextLink(res.headers['link'])
  }
}

/** Okta's Status Code outputs: the HTTP status of the answer. */
export const statusOf = (res: OktaResponse) => res.status

/** An object field of an Okta resource, or {}. */
export function objectOf(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

/** Text, or null: Okta's optional date and text fields. */
export const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)
