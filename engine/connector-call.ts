/**
 * The one place a connector card's request leaves the engine: recorded in `outbound`, faked in
 * dry-run mode, otherwise sent with the named connection's client under a timeout, retried by
 * one policy for every service (429 honouring Retry-After; 5xx and network errors only when the
 * request is idempotent), and failed with a ConnectorError that never holds a token.
 */
import type { ConnectorCall } from './card.ts'
import type { ConnectorSpec } from './connector.ts'
import { ConnectionMissingError, ConnectorError, OutcomeUnknownError } from './errors.ts'
import { describeFailure, type Failure } from './failures.ts'
import type { OutboundRecord } from './history.ts'
import type { StepJournal } from './journal.ts'
import { makeRedactor, redactWith } from './redact.ts'

export interface ConnectionProvider {
  /** The client for a connector, by connection name (default connection when omitted). */
  client<C>(connector: ConnectorSpec<C>, name: string | undefined): C
  /** Values that must never be shown (tokens, secrets), for redaction. */
  secrets(): string[]
  /** Why a connection cannot be used (naming what to set), or undefined when it is complete. */
  problem?(connector: string, name?: string): string | undefined
  /** Retry and timeout settings from the connections file or environment. */
  readonly policy?: Partial<CallPolicy>
}

/** How long a call may take and how often it is tried again. */
export interface CallPolicy {
  /** Longest time one attempt may take, in ms. */
  timeoutMs: number
  /** How many times an HTTP 429 is retried (Okta's own connectors retry only these). */
  rateLimitRetries: number
  /** How many times a 5xx, network error or timeout is retried, for idempotent requests only. */
  errorRetries: number
  /** Longest wait between attempts, in ms; a longer Retry-After is cut to this. */
  maxWaitMs: number
  /** First wait after a 5xx or network error, in ms, doubled each retry. */
  backoffMs: number
}

export const DEFAULT_CALL_POLICY: Readonly<CallPolicy> = {
  timeoutMs: 10_000,
  rateLimitRetries: 3,
  errorRetries: 2,
  maxWaitMs: 30_000,
  backoffMs: 500,
}

export interface CallEnv {
  cardId: string
  dryRun: boolean
  connectionName: string | undefined
  connections: ConnectionProvider | undefined
  signal: AbortSignal
  record(entry: OutboundRecord): void
  /** Overrides the connections' policy, field by field. */
  policy?: Partial<CallPolicy>
  /** Where non-idempotent calls are recorded before they are sent and when they end, under `key`. */
  journal?: { steps: StepJournal; key: string }
}

export async function performCall<C, T>(call: ConnectorCall<C, T>, env: CallEnv): Promise<T> {
  const entry: OutboundRecord = {
    cardId: env.cardId,
    connector: call.connector.name,
    operation: call.operation,
    request: call.request,
    result: 'recorded',
    attempts: 0,
  }
  env.record(entry)
  if (env.dryRun) return call.dryRun()
  const journal = call.idempotent ? undefined : env.journal
  const earlier = journal?.steps.get(journal.key)
  if (earlier?.state === 'done') {
    entry.result = 'reused'
    return earlier.output as T
  }
  if (earlier?.state === 'intent' || earlier?.state === 'unknown') {
    entry.result = 'failed'
    throw new OutcomeUnknownError(
      call.connector.name,
      `${call.operation} was sent by attempt ${earlier.attempt} of this run, which ended before its answer was recorded; ` +
        'whether it took effect is unknown, so it is not sent again (check, then replay the run to send it)',
    )
  }
  let client: C
  try {
    if (!env.connections) {
      throw new ConnectionMissingError(
        `no ${call.connector.name} connection configured; set one up (see docs/connections.md) or run with --dry-run`,
        env.cardId,
      )
    }
    client = env.connections.client(call.connector, env.connectionName)
  } catch (err) {
    // nothing was sent, and history should not call it merely recorded
    entry.result = 'failed'
    throw err
  }
  try {
    await journal?.steps.intent(journal.key)
  } catch (err) {
    entry.result = 'failed'
    throw err
  }
  const policy: CallPolicy = { ...DEFAULT_CALL_POLICY, ...env.connections?.policy, ...env.policy }
  const retries = { rateLimited: 0, errors: 0 }
  for (;;) {
    entry.attempts++
    const outcome = await attempt(call, client, env.signal, policy.timeoutMs)
    if (outcome.ok) {
      entry.result = 'sent'
      journal?.steps.outcome(journal.key, 'done', redactWith(outcome.value, env.connections?.secrets() ?? []))
      return outcome.value
    }
    const wait = env.signal.aborted ? undefined : nextWait(outcome.failure, call.idempotent, policy, retries)
    if (wait === undefined) {
      entry.result = 'failed'
      const unknown = !call.idempotent && mayHaveArrived(outcome.failure, env.signal)
      journal?.steps.outcome(journal.key, unknown ? 'unknown' : 'not-sent')
      const err = connectorError(call, outcome.failure, entry.attempts, policy, env)
      throw unknown ? new OutcomeUnknownError(call.connector.name, `${err.message.slice(call.connector.name.length + 2)}; whether it took effect is unknown, so it is not sent again (check, then replay the run to send it)`) : err
    }
    await sleep(wait, env.signal)
  }
}

/**
 * Whether a failed send may still have reached the service: it timed out, the connection broke,
 * the run was cut short mid-call, or the service failed in a way that does not say it did nothing.
 * A 429, a refusal or a 503 (the service says it is not taking requests) left nothing behind.
 */
function mayHaveArrived(failure: Failure, signal: AbortSignal): boolean {
  if (signal.aborted) return true
  switch (failure.kind) {
    case 'timeout':
    case 'network':
      return true
    case 'server':
      return failure.status !== 503
    case 'rate-limited':
    case 'rejected':
      return false
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure }

/**
 * One try under its own deadline. The race makes the deadline hold even if a library ignores the
 * signal. The try's signal is its own controller, tied to the run's signal by a listener removed
 * afterwards: `AbortSignal.any([runSignal, …])` keeps every signal it makes alive for as long as
 * the run's signal lives, and the worker's lives as long as the engine (~1 KB per call, forever).
 */
async function attempt<C, T>(call: ConnectorCall<C, T>, client: C, outer: AbortSignal, timeoutMs: number): Promise<Outcome<T>> {
  const controller = new AbortController()
  const signal = controller.signal
  let timedOut = false
  const onCancel = () => controller.abort(outer.reason)
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'))
  }, timeoutMs)
  timer.unref()
  if (outer.aborted) onCancel()
  else outer.addEventListener('abort', onCancel, { once: true })
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  try {
    return { ok: true, value: await Promise.race([call.send(client, signal), aborted]) }
  } catch (err) {
    if (timedOut) return { ok: false, failure: { kind: 'timeout', detail: `no answer within ${timeoutMs} ms` } }
    if (outer.aborted) return { ok: false, failure: { kind: 'timeout', detail: 'the run was cancelled' } }
    return { ok: false, failure: call.connector.classify?.(err) ?? describeFailure(err) }
  } finally {
    clearTimeout(timer)
    outer.removeEventListener('abort', onCancel)
  }
}

/** Milliseconds to wait before the next attempt, or undefined when the call should fail now. */
function nextWait(failure: Failure, idempotent: boolean, policy: CallPolicy, retries: { rateLimited: number; errors: number }): number | undefined {
  switch (failure.kind) {
    case 'rate-limited': {
      if (retries.rateLimited >= policy.rateLimitRetries) return undefined
      retries.rateLimited++
      const asked = failure.retryAfter === undefined ? policy.backoffMs * 2 ** (retries.rateLimited - 1) : failure.retryAfter * 1000
      return Math.min(asked, policy.maxWaitMs)
    }
    case 'server':
    case 'network':
    case 'timeout':
      if (!idempotent || retries.errors >= policy.errorRetries) return undefined
      retries.errors++
      return Math.min(policy.backoffMs * 2 ** (retries.errors - 1), policy.maxWaitMs)
    case 'rejected':
      return undefined
  }
}

function connectorError<C, T>(call: ConnectorCall<C, T>, failure: Failure, attempts: number, policy: CallPolicy, env: CallEnv): ConnectorError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
  const notRetried = call.idempotent ? '' : ' (not retried: the request is not idempotent)'
  let message: string
  if (env.signal.aborted) return new ConnectorError(call.connector.name, `${call.operation} was cancelled (${tries})`, { retryable: true })
  switch (failure.kind) {
    case 'rate-limited':
      message = `${call.operation} was rate limited (HTTP 429) on each of ${tries}; gave up after ${policy.rateLimitRetries} retries`
      break
    case 'timeout':
      message = `${call.operation} timed out: ${failure.detail} (${tries})${attempts === 1 ? notRetried : ''}`
      break
    case 'server':
    case 'network':
      message = `${call.operation} failed: ${failure.detail} (${tries})${attempts === 1 ? notRetried : ''}`
      break
    case 'rejected':
      message = `${call.operation} failed: ${failure.detail}`
      break
  }
  // Libraries' messages are ours to show only once every known secret is scrubbed from them.
  const scrub = makeRedactor(env.connections?.secrets() ?? [])
  return new ConnectorError(call.connector.name, scrub(message) as string, {
    retryable: failure.kind !== 'rejected' || failure.transient === true,
    ...(failure.status !== undefined && { status: failure.status }),
    ...(failure.serviceCode !== undefined && { serviceCode: failure.serviceCode }),
  })
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
