/**
 * `POST /api/flows/<flow file name>/run`: an admin runs a Delegated Flow on demand with inputs
 * (`flow run` calls it). Only an admin credential runs it: a delegate token (CARDFLOW_DELEGATE_TOKEN)
 * or the web UI's token or basic login, compared in constant time; never `--ui-public`. The run is
 * stored with who ran it (never the credential) and answered 202 with its id.
 */
import { randomUUID } from 'node:crypto'
import express, { type Request, type Response, Router } from 'express'
import { newRunId, type Store, StoreUnavailableError } from '../store/index.ts'
import type { UiAuth } from '../ui/auth.ts'
import { headerValue, secretMatches, sendError } from '../web/http.ts'
import type { FlowSet } from './flows.ts'
import type { Log } from './log.ts'

export const CALLER_HEADER = 'x-cardflow-caller'

export interface DelegatedOptions {
  store: Store
  flows: FlowSet
  log: Log
  ui: UiAuth | undefined
  delegateTokens: readonly string[]
  maxBodyBytes: number
  onEnqueued(): void
}

/** Compared against when no token is configured, so a refusal costs the same either way. */
const NO_TOKEN = randomUUID()

export function delegatedRoutes(o: DelegatedOptions): Router {
  const router = Router()
  router.post('/api/flows/:slug/run', (req, res, next) => {
    const how = credential(req, o)
    if (!how) return sendError(res, 401, 'missing or wrong credential: send Authorization: Bearer <CARDFLOW_DELEGATE_TOKEN or web UI token>, or the web UI basic login')
    res.locals.startedBy = startedBy(req, how)
    next()
  }, express.raw({ type: () => true, limit: o.maxBodyBytes }), (req, res) => run(o, req, res))
  return router
}

/** How the caller proved to be an admin, or undefined. Every configured secret is compared, so timing tells nothing. */
function credential(req: Request, o: DelegatedOptions): string | undefined {
  const header = headerValue(req, 'authorization') ?? ''
  const space = header.indexOf(' ')
  const scheme = header.slice(0, Math.max(0, space)).toLowerCase()
  const value = header.slice(space + 1).trim()
  if (scheme === 'bearer') {
    const delegate = [...o.delegateTokens, NO_TOKEN].map((t) => secretMatches(value, t)).some(Boolean)
    const ui = secretMatches(value, o.ui?.token ?? NO_TOKEN) && o.ui?.token !== undefined
    return delegate ? 'delegate token' : ui ? 'web UI token' : undefined
  }
  if (scheme === 'basic' && o.ui?.basic) {
    const expected = `${o.ui.basic.user}:${o.ui.basic.password}`
    if (secretMatches(Buffer.from(value, 'base64').toString('utf8'), expected)) return `web UI user ${o.ui.basic.user}`
  }
  return undefined
}

/** Who ran it, as history shows it: the name the caller gave (plain characters, cut short) and the credential's kind. */
function startedBy(req: Request, how: string): string {
  const given = (headerValue(req, CALLER_HEADER) ?? '').replace(/[^\w .@+-]/g, '').trim().slice(0, 100)
  return given === '' ? how : `${given} (${how})`
}

/** The inputs as the flow declares them: an object of text, numbers, true/false (Okta allows no lists). */
function readInputs(raw: string, names: readonly string[]): { ok: true; input: Record<string, unknown> } | { ok: false; message: string } {
  let body: unknown
  try {
    body = raw === '' ? {} : JSON.parse(raw)
  } catch {
    return { ok: false, message: 'the body is not valid JSON: send {"input": {...}}' }
  }
  const input = (body as { input?: unknown } | null)?.input ?? {}
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'the body must be {"input": {...}}, the input an object of the flow\'s inputs' }
  }
  for (const [key, value] of Object.entries(input)) {
    if (!names.includes(key)) return { ok: false, message: `unknown input "${key}"; the flow takes ${names.length === 0 ? 'no inputs' : names.map((n) => `"${n}"`).join(', ')}` }
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      return { ok: false, message: `input "${key}" must be text, a number or true/false (got ${Array.isArray(value) ? 'a list' : 'an object'})` }
    }
  }
  return { ok: true, input: input as Record<string, unknown> }
}

async function run(o: DelegatedOptions, req: Request, res: Response): Promise<void> {
  const slug = String(req.params.slug)
  const flow = o.flows.delegatedFlow(slug)
  if (!flow?.delegated) return sendError(res, 404, `no delegated flow "${slug}" is served (its trigger must be control.delegatedFlow)`)
  const read = readInputs(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '', flow.delegated.inputs)
  if (!read.ok) return sendError(res, 400, read.message)
  const by = String(res.locals.startedBy)
  const id = newRunId()
  try {
    await o.store.enqueueRun({ id, flow: flow.slug, source: 'delegated', input: flow.delegated.outputs(read.input, by), startedBy: by })
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err
    o.log.error({ flow: flow.slug, err: err.message }, 'delegated run not stored')
    return sendError(res, 503, 'the engine cannot store the run now; retry later')
  }
  o.log.info({ flow: flow.slug, runId: id, startedBy: by }, `flow ${flow.slug} run on demand by ${by}`)
  o.onEnqueued()
  res.status(202).json({ runId: id, flow: flow.slug })
}
