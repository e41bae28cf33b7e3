/**
 * `/api/flows/<flow file name>/invoke`: API Endpoint flows, once per request (GET or POST).
 * The run is stored before anything else happens. `async` answers 202 with the run id; `sync`
 * runs at once and answers with the Return card's output, or with a Close card's answer as soon
 * as it has run while the flow goes on. The client token never reaches history: it is taken
 * out of the headers and query the flow sees.
 *
 * `/api/flows/<flow file name>/resume/<run id>` (Okta's Resume URL): a run of that flow paused by
 * Pause or Pause Raw goes on, the request being what the paused card gives; same token, same
 * modes (a sync flow answers with the flow's output from there on).
 */
import { randomUUID } from 'node:crypto'
import express, { type Request, type Response, Router } from 'express'
import type { FlowResult, RunRecord } from '../engine/history.ts'
import { type ClaimedRun, newRunId, type Store, StoreUnavailableError } from '../store/index.ts'
import { MAX_DEPTH, nestsDeeperThan } from '../engine/json-limits.ts'
import type { FlowSet, ServedFlow } from './flows.ts'
import { makeScrubber } from '../engine/redact.ts'
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
  /** Every secret the engine knows, so none sent in another header or the query is stored. */
  secrets(): readonly string[]
  maxBodyBytes: number
  syncTimeoutMs: number
  leaseMs: number
  /** Sync calls running at once; past it callers get 503 with Retry-After. */
  maxSyncCalls: number
  /** Async calls stored and not yet ended; past it callers get 429 with Retry-After. */
  maxQueuedCalls: number
}

/** Compared against when a flow does not exist or has no token, so that costs as much as a wrong token. */
const NO_TOKEN = randomUUID()

export function apiRoutes(o: ApiOptions): Router {
  const router = Router()
  const path = '/api/flows/:slug/invoke'
  const authorize = (req: Request, res: Response, next: () => void) => {
    const flow = o.flows.apiFlow(String(req.params.slug))
    if (!flow?.http?.public) {
      // an unknown flow gets the same answer as a wrong token: callers cannot learn which flows exist
      const expected = flow ? o.clientToken(flow.slug) : undefined
      const given = headerValue(req, TOKEN_HEADER) ?? queryToken(req)
      const matches = secretMatches(given, expected ?? NO_TOKEN)
      if (!flow || expected === undefined || !matches) return sendError(res, 401, 'missing or wrong client token')
    }
    res.locals.flow = flow
    next()
  }
  const calls = new Admission(o)
  const handler = (req: Request, res: Response) => invoke(o, calls, res.locals.flow as ServedFlow, req, res)
  // An Okta event hook pointed at an API Endpoint flow is verified once with a GET, like /hooks/okta:
  // echoing the challenge reveals nothing, so it is answered for any name, with or without a token.
  const verify = (req: Request, res: Response, next: () => void) => {
    const challenge = headerValue(req, 'x-okta-verification-challenge')
    if (!challenge) return next()
    res.status(200).json({ verification: challenge })
  }
  router.get(path, verify, authorize, handler)
  router.post(path, authorize, express.raw({ type: () => true, limit: o.maxBodyBytes }), handler)
  // --- waits: resuming a paused run ---
  const resumePath = '/api/flows/:slug/resume/:runId'
  const resumer = (req: Request, res: Response) => resume(o, calls, res.locals.flow as ServedFlow, req, res)
  router.get(resumePath, authorize, resumer)
  router.post(resumePath, authorize, express.raw({ type: () => true, limit: o.maxBodyBytes }), resumer)
  // --- end of waits ---
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

/**
 * API calls get their own bounded share of the engine: at most `maxSyncCalls` sync runs at once
 * (beside the worker pool's event runs, never taking its slots) and `maxQueuedCalls` async runs
 * waiting or running. Past either, callers are told to come back, and event runs keep flowing.
 */
class Admission {
  private sync = 0
  private readonly queued = new Set<string>()

  constructor(private readonly o: Pick<ApiOptions, 'maxSyncCalls' | 'maxQueuedCalls' | 'worker'>) {
    o.worker.onEnded((runId) => this.queued.delete(runId))
  }

  enterSync(): boolean {
    if (this.sync >= this.o.maxSyncCalls) return false
    this.sync++
    return true
  }

  leaveSync(): void {
    this.sync--
  }

  queueFull(): boolean {
    return this.queued.size >= this.o.maxQueuedCalls
  }

  queuedRun(runId: string): void {
    this.queued.add(runId)
  }
}

function busy(res: Response, status: 429 | 503, retryAfterS: number, message: string): void {
  res.setHeader('retry-after', String(retryAfterS))
  sendError(res, status, message)
}

type Start = (o: ApiOptions, calls: Admission, flow: ServedFlow, req: Request, res: Response, body: unknown, sync: boolean) => Promise<{ ended: Promise<unknown> }>

function invoke(o: ApiOptions, calls: Admission, flow: ServedFlow, req: Request, res: Response): Promise<void> {
  return admitted(o, calls, flow, req, res, run)
}

/** Admits the call (bounded sync slots, bounded async queue) and starts it with `start`. */
async function admitted(o: ApiOptions, calls: Admission, flow: ServedFlow, req: Request, res: Response, start: Start): Promise<void> {
  const parsed = readBody(req)
  if (!parsed.ok) return sendError(res, 400, parsed.message)
  const sync = flow.http?.sync === true
  if (sync ? !calls.enterSync() : calls.queueFull()) {
    const what = sync ? `${o.maxSyncCalls} API calls are running` : `${o.maxQueuedCalls} API calls are waiting to run`
    return busy(res, sync ? 503 : 429, sync ? 1 : 5, `${what}; retry later`)
  }
  // a sync call holds its slot until its run ends, even one that outlives the caller's wait
  const running = start(o, calls, flow, req, res, parsed.body, sync)
  if (sync) running.then(({ ended }) => ended.finally(() => calls.leaveSync()), () => calls.leaveSync())
  await running
}

/** What the flow sees of a request: its headers, body and query, without the client token or any known secret. */
function requestInput(o: ApiOptions, req: Request, body: unknown): { headers: Record<string, string>; body: unknown; query: Record<string, unknown> } {
  const { [TOKEN_QUERY]: _token, ...query } = req.query as Record<string, unknown>
  // a known secret sent anywhere else in the request (another header, the query, the body) is not stored
  const scrub = makeScrubber(o.secrets())
  return { headers: safeHeaders(req, [TOKEN_HEADER], o.secrets()), body: scrub(body), query: scrub(query) as Record<string, unknown> }
}

/** Stores and runs the call, and answers; resolves with the run's end (a sync run may outlive the answer). */
const run: Start = async (o, calls, flow, req, res, body, sync) => {
  const input = requestInput(o, req, body)
  const newRun = { id: newRunId(), flow: flow.slug, source: 'request' as const, input }
  let claim: Awaited<ReturnType<Store['enqueueRun']>>
  try {
    claim = await o.store.enqueueRun(newRun, sync ? { leaseMs: o.leaseMs } : {})
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err
    o.log.error({ flow: flow.slug, err: err.message }, 'API request not stored')
    sendError(res, 503, 'the engine cannot store the request now; retry later')
    return { ended: Promise.resolve() }
  }
  if (!sync) {
    calls.queuedRun(claim.id)
    o.worker.wake()
    res.status(202).json({ runId: claim.id })
    return { ended: Promise.resolve() }
  }
  return runNow(o, claim, res)
}

// --- waits: resuming a paused run ---
/** Longer than any run id this engine makes; a longer one is answered as unknown without a lookup. */
const MAX_RUN_ID = 200

/** Resumes a paused run of the flow: 404 when there is none of that id, 409 when it is not paused. */
const resumeRun: Start = async (o, calls, flow, req, res, body, sync) => {
  const runId = String(req.params.runId)
  const none = { ended: Promise.resolve() }
  const unavailable = (err: unknown) => {
    if (!(err instanceof StoreUnavailableError)) throw err
    o.log.error({ flow: flow.slug, err: err.message }, 'resume request not stored')
    sendError(res, 503, 'the engine cannot store the request now; retry later')
    return none
  }
  let stored: Awaited<ReturnType<Store['getRun']>>
  try {
    stored = runId.length <= MAX_RUN_ID ? await o.store.getRun(runId) : undefined
  } catch (err) {
    return unavailable(err)
  }
  // another flow's run is as unknown as a missing one: a token of one flow learns nothing of others
  if (!stored || stored.flow !== flow.slug) {
    sendError(res, 404, `no such run of flow ${flow.slug}`)
    return none
  }
  let claim: ClaimedRun | undefined
  if (stored.status === 'waiting' && stored.waitUntil === undefined) {
    try {
      claim = await o.store.resumeRun(runId, flow.slug, requestInput(o, req, body), sync ? { leaseMs: o.leaseMs } : {})
    } catch (err) {
      return unavailable(err)
    }
  }
  if (!claim) {
    const why = stored.status === 'waiting' && stored.waitUntil ? `it waits until ${stored.waitUntil}` : stored.status === 'waiting' ? 'it was resumed already' : `it is ${stored.status}`
    sendError(res, 409, `run ${runId} is not paused: ${why}`)
    return none
  }
  o.log.info({ runId, flow: flow.slug }, 'paused run resumed')
  if (!sync) {
    calls.queuedRun(claim.id)
    o.worker.wake()
    res.status(202).json({ runId: claim.id })
    return none
  }
  return runNow(o, claim, res)
}

function resume(o: ApiOptions, calls: Admission, flow: ServedFlow, req: Request, res: Response): Promise<void> {
  return admitted(o, calls, flow, req, res, resumeRun)
}
// --- end of waits ---

/** Runs a sync call's claimed run and answers: at its end, or at once when a card answers now (Close, Pause). */
async function runNow(o: ApiOptions, claim: ClaimedRun, res: Response): Promise<{ ended: Promise<unknown> }> {
  let answerNow: (result: FlowResult) => void = () => undefined
  const early = new Promise<{ early: FlowResult }>((resolve) => {
    answerNow = (result) => resolve({ early: result })
  })
  const execution = o.worker.execute(claim, { retry: false, onAnswer: answerNow })
  // Close (or Pause) answers the caller before the run ends; the run goes on holding its slot
  const first = await withTimeout(Promise.race([execution, early]), o.syncTimeoutMs)
  if (!first) res.status(504).json({ runId: claim.id, error: `the flow did not finish within ${o.syncTimeoutMs / 1000} s; it goes on running` })
  else if ('early' in first) {
    res.setHeader('x-cardflow-run-id', claim.id)
    answerResult(res, first.early)
  } else answerSync(res, first)
  return { ended: execution }
}

/** The flow's result is the answer: Return's values as JSON, Return Raw's status, headers and body; none answers 204. */
function answerSync(res: Response, record: RunRecord): void {
  res.setHeader('x-cardflow-run-id', record.runId)
  if (record.status === 'waiting' && record.result === undefined) {
    // a wait with nothing answered before it (Wait For in a sync flow): the run goes on later
    res.status(202).json({ runId: record.runId, status: 'waiting', ...(record.waitUntil && { waitUntil: record.waitUntil }) })
    return
  }
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
