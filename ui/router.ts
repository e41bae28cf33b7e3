/**
 * The web UI as an express Router, mounted by the server under `/ui`: flows, one flow with its
 * picture, Flow History, one run, and Replay. Server-rendered, no script, a strict CSP.
 */
import { randomBytes } from 'node:crypto'
import express, { type NextFunction, type Request, type Response, Router } from 'express'
import { rateLimit } from 'express-rate-limit'
import { type Store, StoreUnavailableError } from '../store/index.ts'
import { CLEAR_COOKIE, Guard, type Principal, sessionCookie, type UiAuth } from './auth.ts'
import type { UiFlow } from './catalog.ts'
import { flowGraph } from './graph.ts'
import { type Html, html, page } from './html.ts'
import { loginPage, safeNext } from './pages/login.ts'
import { flowPage, flowsPage } from './pages/flows.ts'
import { runPage } from './pages/run.ts'
import { readRunsQuery, runsPage } from './pages/runs.ts'
import { renderSvg } from './svg.ts'

export interface UiLog {
  warn(obj: object, msg?: string): void
}

export interface UiOptions {
  store: Store
  /** The flow files to list (see flowCatalog), read on every page view. */
  flows: () => Promise<readonly UiFlow[]> | readonly UiFlow[]
  auth: UiAuth
  /** Enqueues a run's stored input again; resolves with the new run's id. */
  replay: (runId: string) => Promise<string>
  log?: UiLog
}

interface Locals {
  nonce: string
  principal?: Principal
}

const FORM_LIMIT = '4kb'

export function createUiRouter(o: UiOptions): Router {
  const guard = new Guard(o.auth)
  const router = Router()
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT })
  router.use(securityHeaders)
  // Guessing credentials is throttled per client: refused sign-ins and credentials count, others do not.
  const limit = o.auth.signInLimit ?? { max: 10, windowMs: 15 * 60 * 1000 }
  router.use(
    rateLimit({
      windowMs: limit.windowMs,
      limit: limit.max,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.statusCode !== 403,
      // our own log says what happened; the library's checks would print to the console
      validate: false,
      handler: (_req, res) => send(res, 'Too many attempts', html`<h1>Too many attempts</h1><p>Too many refused sign-ins from this address. Wait a while, then try again.</p>`, 429),
    }),
  )
  const send = (res: Response, title: string, body: Html, status = 200) => {
    const l = res.locals as Locals
    const signedIn = l.principal?.via === 'cookie'
    res.status(status).type('html').send(page({ title, body, nonce: l.nonce, signedIn, ...(l.principal && { csrf: guard.csrfToken(l.principal) }) }))
  }

  const notFound = (_req: Request, res: Response, message: string) => send(res, 'Not found', html`<h1>Not found</h1><p>${message}</p>`, 404)

  router.get('/login', (req, res) => send(res, 'Sign in', loginPage(safeNext(req.query.next), undefined)))
  router.post('/login', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const next = safeNext(body.next)
    if (!guard.usesForm || typeof body.token !== 'string' || !guard.tokenMatches(body.token)) {
      o.log?.warn({ ip: req.ip }, 'web UI sign-in refused')
      return send(res, 'Sign in', loginPage(next, 'That token is not right.'), 401)
    }
    res.setHeader('set-cookie', sessionCookie(guard.newSession(), req.secure))
    res.redirect(303, next)
  })

  router.use((req, res, next) => {
    const principal = guard.principal(req)
    if (principal) {
      ;(res.locals as Locals).principal = principal
      return next()
    }
    if (guard.usesBasic) res.setHeader('www-authenticate', 'Basic realm="cardflow", charset="UTF-8"')
    if (req.method === 'GET' && guard.usesForm && !guard.usesBasic) return res.redirect(303, `/ui/login?next=${encodeURIComponent(req.originalUrl)}`)
    send(res, 'Sign in', loginPage(safeNext(req.originalUrl), 'Sign in to see flow history.', guard.usesForm), 401)
  })

  // Signing out is a write: it needs the page's CSRF token, and ends the session on the server.
  router.post('/logout', form, (req, res) => {
    const principal = (res.locals as Locals).principal!
    if (!guard.postAllowed(req, principal, (req.body as Record<string, unknown> | undefined)?.csrf)) {
      return send(res, 'Refused', html`<h1>Refused</h1><p>This request did not come from this page. Open a page and press Sign out again.</p>`, 403)
    }
    guard.endSession(principal)
    res.setHeader('set-cookie', CLEAR_COOKIE)
    res.redirect(303, '/ui/login')
  })

  const flows = async () => [...(await o.flows())]
  const flowNamed = async (slug: string) => (await flows()).find((f) => f.slug === slug)

  router.get('/', async (_req, res) => send(res, 'Flows', await flowsPage(o.store, await flows())))
  router.get('/flows/:slug', async (req, res) => {
    const flow = await flowNamed(String(req.params.slug))
    if (!flow) return notFound(req, res, `There is no flow file named "${String(req.params.slug)}".`)
    send(res, flow.plan?.name ?? flow.slug, await flowPage(o.store, flow))
  })
  router.get('/flows/:slug/graph.svg', async (req, res) => {
    const flow = await flowNamed(String(req.params.slug))
    if (!flow?.plan) return notFound(req, res, 'No picture: the flow is missing or does not check.')
    res.type('image/svg+xml').send(renderSvg(flowGraph(flow.plan)))
  })
  router.get('/runs', async (req, res) => {
    const q = readRunsQuery(req.query as Record<string, unknown>)
    send(res, 'Flow History', await runsPage(o.store, q, (await flows()).map((f) => f.slug)))
  })
  router.get('/runs/:id', async (req, res) => {
    const run = await o.store.getRun(String(req.params.id))
    if (!run) return notFound(req, res, 'No such run (it may have been pruned).')
    const plan = (await flowNamed(run.flow))?.plan
    send(res, `Run of ${run.flow}`, runPage(run, plan, guard.csrfToken((res.locals as Locals).principal!)))
  })
  router.post('/runs/:id/replay', form, async (req, res) => {
    const principal = (res.locals as Locals).principal!
    if (!guard.postAllowed(req, principal, (req.body as Record<string, unknown> | undefined)?.csrf)) {
      return send(res, 'Refused', html`<h1>Refused</h1><p>This request did not come from this page. Open the run and press Replay again.</p>`, 403)
    }
    const run = await o.store.getRun(String(req.params.id))
    if (!run) return notFound(req, res, 'No such run (it may have been pruned).')
    let id: string
    try {
      id = await o.replay(run.id)
    } catch (err) {
      if (err instanceof StoreUnavailableError) throw err
      return send(res, 'Cannot replay', html`<h1>Cannot replay</h1><p>${(err as Error).message}</p>`, 409)
    }
    res.redirect(303, `/ui/runs/${encodeURIComponent(id)}`)
  })
  router.use(notFound as (req: Request, res: Response) => void)
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof StoreUnavailableError)) return next(err)
    send(res, 'Busy', html`<h1>Try again</h1><p>The store cannot be read now: ${err.message}</p>`, 503)
  })
  return router
}

/** Every page: scripts off, one nonced <style>, no framing, no caching of personal data. */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  const nonce = randomBytes(16).toString('base64')
  ;(res.locals as Locals).nonce = nonce
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  )
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('x-frame-options', 'DENY')
  res.setHeader('referrer-policy', 'same-origin')
  res.setHeader('cache-control', 'no-store')
  next()
}
