/**
 * `/api/flows/<flow file name>/invoke`: API Endpoint flows, once per request (GET or POST).
 * The run is stored before anything else happens. `async` answers 202 with the run id; `sync`
 * runs at once and answers with the Return card's output, or with a Close card's answer as soon
 * as it has run while the flow goes on. The client token never reaches history: it is taken
 * out of the headers and query the flow sees.
 */
import { randomUUID } from 'node:crypto'
import express, { type Request, type Response, Router } from 'express'
import type { FlowResult, RunRecord } from '../engine/history.ts'
import { type Store, StoreUnavailableError } from '../store/index.ts'
import { MAX_DEPTH, nestsDeeperThan } from '../engine/json-limits.ts'
import type { FlowSet, ServedFlow } from './flows.ts'
import { headerValue, safeHeaders, secretMatches, sendError } from '../web/http.ts'
import type { Log } from './log.ts'
import type { Worker } from './worker.ts'

const TOKEN_HEADER = 'x-api-client-token'
const TOKEN_QUERY = 'clientToken'

export interface ApiOptions {
  store: Store
  flows: FlowSet
  worker: Worker
  log: Log
  /** The client token of a flow, by flow file name. */
  clientToken(slug: string): string | undefined
  maxBodyBytes: number
  syncTimeoutMs: number
  leaseMs: number
}

export function apiRoutes(o: ApiOptions): Router {
  const router = Router()
  const path = '/api/flows/:slug/invoke'
  const authorize = (req: Request, res: Response, next: () => void) => {
    const flow = o.flows.apiFlow(String(req.params.slug))
    if (!flow) return sendError(res, 404, `no API Endpoint flow named "${String(req.params.slug)}" is served`)
    if (!flow.http?.public) {
      const expected = o.clientToken(flow.slug)
      const given = headerValue(req, TOKEN_HEADER) ?? queryToken(req)
      if (expected === undefined || !secretMatches(given, expected)) return sendError(res, 401, 'missing or wrong client token')
    }
    res.locals.flow = flow
    next()
  }
  const handler = (req: Request, res: Response) => invoke(o, res.locals.flow as ServedFlow, req, res)
  // An Okta event hook pointed at an API Endpoint flow is verified once with a GET, like /hooks/okta:
  // echoing the challenge reveals nothing, so it is answered with or without the client token.
  const verify = (req: Request, res: Response, next: () => void) => {
    const challenge = headerValue(req, 'x-okta-verification-challenge')
    if (!challenge || !o.flows.apiFlow(String(req.params.slug))) return next()
    res.status(200).json({ verification: challenge })
  }
  router.get(path, verify, authorize, handler)
  router.post(path, authorize, express.raw({ type: () => true, limit: o.maxBodyBytes }), handler)
  return router
}

function queryToken(req: Request): string | undefined {
  const v = (req.query as Record<string, unknown>)[TOKEN_QUERY]
  return typeof v === 'string' ? v : undefined
}

/** JSON when it says so, text otherwise, null when there is none. */
function readBody(req: Request): { ok: true; body: unknown } | { ok: false; message: string } {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
  if (raw === '') return { ok: true, body: null }
  if (!req.is('application/json') && !req.is('+json')) return { ok: true, body: raw }
  try {
    const body: unknown = JSON.parse(raw)
    return nestsDeeperThan(body, MAX_DEPTH) ? { ok: false, message: `the body nests deeper than ${MAX_DEPTH} levels` } : { ok: true, body }
  } catch {
    return { ok: false, message: 'the body is not valid JSON' }
  }
}

async function invoke(o: ApiOptions, flow: ServedFlow, req: Request, res: Response): Promise<void> {
  const parsed = readBody(req)
  if (!parsed.ok) return sendError(res, 400, parsed.message)
  const { [TOKEN_QUERY]: _token, ...query } = req.query as Record<string, unknown>
  const input = { headers: safeHeaders(req, [TOKEN_HEADER], [o.clientToken(flow.slug) ?? '']), body: parsed.body, query }
  const sync = flow.http?.sync === true
  const newRun = { id: randomUUID(), flow: flow.slug, source: 'request' as const, input }
  let claim: Awaited<ReturnType<Store['enqueueRun']>>
  try {
    claim = await o.store.enqueueRun(newRun, sync ? { leaseMs: o.leaseMs } : {})
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err
    o.log.error({ flow: flow.slug, err: err.message }, 'API request not stored')
    return sendError(res, 503, 'the engine cannot store the request now; retry later')
  }
  if (!sync) {
    o.worker.wake()
    res.status(202).json({ runId: claim.id })
    return
  }
  let answerNow: (result: FlowResult) => void = () => undefined
  const early = new Promise<{ early: FlowResult }>((resolve) => {
    answerNow = (result) => resolve({ early: result })
  })
  const first = await withTimeout(Promise.race([o.worker.execute(claim, { retry: false, onAnswer: answerNow }), early]), o.syncTimeoutMs)
  if (!first) {
    res.status(504).json({ runId: claim.id, error: `the flow did not finish within ${o.syncTimeoutMs / 1000} s; it goes on running` })
    return
  }
  if ('early' in first) {
    res.setHeader('x-cardflow-run-id', claim.id)
    answerResult(res, first.early)
    return
  }
  answerSync(res, first)
}

/** The flow's result is the answer: Return's values as JSON, Return Raw's status, headers and body; none answers 204. */
function answerSync(res: Response, record: RunRecord): void {
  res.setHeader('x-cardflow-run-id', record.runId)
  if (record.status === 'failed') {
    // a service the flow called failed for now (429, 5xx, timeout): the caller may try again later
    const status = record.error?.retryable === true ? 503 : 500
    res.status(status).json({ runId: record.runId, error: { code: record.error?.code, message: record.error?.message, retryable: record.error?.retryable === true } })
    return
  }
  answerResult(res, record.result)
}

function answerResult(res: Response, result: FlowResult | undefined): void {
  if (result?.kind === 'http') answerRaw(res, result)
  else if (result === undefined || result.values === undefined) res.status(204).end()
  else res.status(200).json(result.values)
}

/** Headers a flow may not set: they belong to the connection or would smuggle a second answer. */
const HOP_BY_HOP = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'trailer', 'te', 'proxy-authenticate', 'proxy-authorization', 'set-cookie'])

/** Return Raw: the flow's own status, headers and body (text as is, anything else as JSON). */
function answerRaw(res: Response, raw: Extract<FlowResult, { kind: 'http' }>): void {
  for (const [name, value] of Object.entries(raw.headers)) {
    const lower = name.toLowerCase()
    if (HOP_BY_HOP.has(lower) || lower === 'x-cardflow-run-id' || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower) || value === null || value === undefined) continue
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    // a header value holding a line break would start a header of its own
    if (/[\r\n\0]/.test(text)) continue
    res.setHeader(lower, text)
  }
  res.status(raw.statusCode)
  if (raw.body === null || raw.body === undefined || raw.statusCode === 204 || raw.statusCode === 304) return void res.end()
  if (typeof raw.body === 'string') {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8')
    return void res.send(raw.body)
  }
  res.json(raw.body)
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
