/**
 * One small taxonomy of errors. Each has a stable `code`; where it comes from a flow file it
 * carries the file and `line:col`, and where it comes from a card, the card id.
 */

export interface SourceLocation {
  file: string
  line: number
  col: number
}

export function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.col}` : ''
}

/** Every code an error or a run record can carry; history, the API and the CLI show these. */
export type ErrorCode =
  /** The flow file: not YAML, or too large, deep or aliased. */
  | 'FLOW_SYNTAX'
  | 'FLOW_REFERENCE'
  | 'FLOW_SCHEMA'
  /** A card's resolved inputs do not match its schema. */
  | 'CARD_INPUT'
  | 'CARD_FAILED'
  /** The flow's author ended it with an error of their own (Return Error, Return Error If). */
  | 'RETURN_ERROR'
  | 'CONNECTOR'
  /**
   * A non-idempotent connector call left and no answer says whether it arrived (a timeout, a cut
   * connection, an attempt that stopped mid-call): it is not sent again behind the author's back.
   */
  | 'OUTCOME_UNKNOWN'
  | 'CONNECTION_MISSING'
  | 'AUTH'
  /** A test input, API body or connections file cannot be read. */
  | 'INPUT'
  | 'TIMEOUT'
  /** The card registry cannot be built (bad or repeated card id). */
  | 'REGISTRY'
  /** The engine cannot start as configured. */
  | 'CONFIG'
  /** The store cannot do the operation now (locked, full, unreachable). */
  | 'STORE_UNAVAILABLE'
  | 'REPLAY'
  /** A queued run's flow is no longer served. */
  | 'FLOW_NOT_SERVED'
  /** A run interrupted more often than its attempts allow. */
  | 'ABANDONED'
  /** The run's claim on the queue was lost (another engine took it over). */
  | 'LEASE_LOST'
  /** Our own bug: anything not foreseen. */
  | 'INTERNAL'

export class CardflowError extends Error {
  readonly code: ErrorCode
  readonly location: SourceLocation | undefined
  readonly cardId: string | undefined

  constructor(
    code: ErrorCode,
    message: string,
    opts: { location?: SourceLocation; cardId?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = new.target.name
    this.code = code
    this.location = opts.location
    this.cardId = opts.cardId
  }

  /** `file:line:col: message`, the form every diagnostic is printed in. */
  describe(): string {
    const where = formatLocation(this.location)
    return where ? `${where}: ${this.message}` : this.message
  }
}

/** The flow file is not valid YAML, or is too large, too deep or too aliased to read safely. */
export class FlowSyntaxError extends CardflowError {
  constructor(message: string, location?: SourceLocation) {
    super('FLOW_SYNTAX', message, location ? { location } : {})
  }
}

/** A reference to a card or output that does not exist or is not visible where it is used. */
export class FlowReferenceError extends CardflowError {
  constructor(message: string, location?: SourceLocation, cardId?: string) {
    super('FLOW_REFERENCE', message, { ...(location && { location }), ...(cardId && { cardId }) })
  }
}

/** The flow's shape is wrong: unknown card type, unknown or missing input, wrong literal type. */
export class FlowSchemaError extends CardflowError {
  constructor(message: string, location?: SourceLocation, cardId?: string) {
    super('FLOW_SCHEMA', message, { ...(location && { location }), ...(cardId && { cardId }) })
  }
}

/** A card's resolved inputs do not match its schema at run time. */
export class CardInputError extends CardflowError {
  constructor(message: string, cardId?: string) {
    super('CARD_INPUT', message, cardId ? { cardId } : {})
  }
}

/** A card could not do its work for a reason of its own (bad value, failed operation). */
export class CardFailedError extends CardflowError {
  constructor(message: string, cardId?: string) {
    super('CARD_FAILED', message, cardId ? { cardId } : {})
  }
}

/** The flow ended with the author's own error (Return Error): their message, and the HTTP status an API Endpoint answers with. */
export class ReturnedError extends CardflowError {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    cardId?: string,
  ) {
    super('RETURN_ERROR', message, cardId ? { cardId } : {})
  }
}

/** A call to an outside service failed. `retryable` says whether trying again may help. */
export class ConnectorError extends CardflowError {
  readonly service: string
  readonly retryable: boolean
  readonly status: number | undefined
  readonly serviceCode: string | undefined

  constructor(
    service: string,
    message: string,
    opts: { retryable: boolean; status?: number; serviceCode?: string; cause?: unknown },
  ) {
    super('CONNECTOR', `${service}: ${message}`, opts.cause === undefined ? {} : { cause: opts.cause })
    this.service = service
    this.retryable = opts.retryable
    this.status = opts.status
    this.serviceCode = opts.serviceCode
  }
}

/** A call that may have reached the service, and is not sent again without the author deciding. */
export class OutcomeUnknownError extends CardflowError {
  constructor(service: string, message: string) {
    super('OUTCOME_UNKNOWN', `${service}: ${message}`)
  }
}

/** A connector card has no usable connection configured. */
export class ConnectionMissingError extends CardflowError {
  constructor(message: string, cardId?: string) {
    super('CONNECTION_MISSING', message, cardId ? { cardId } : {})
  }
}

/** A request lacked valid credentials. The message never holds the credential. */
export class AuthError extends CardflowError {
  constructor(message: string) {
    super('AUTH', message)
  }
}

/** The engine cannot start as configured (a missing secret, conflicting options). */
export class ConfigError extends CardflowError {
  constructor(message: string) {
    super('CONFIG', message)
  }
}

/** The input given to `flow test` (or an API call) cannot be turned into trigger outputs. */
export class InputError extends CardflowError {
  constructor(message: string, location?: SourceLocation) {
    super('INPUT', message, location ? { location } : {})
  }
}

/** Plain data for history and JSON output. */
export interface ErrorRecord {
  code: ErrorCode
  message: string
  retryable?: boolean
  /** The status code a Return Error card gave, for an API Endpoint's answer. */
  statusCode?: number
}

export function toErrorRecord(err: unknown): ErrorRecord {
  if (err instanceof ConnectorError) {
    return { code: err.code, message: err.message, retryable: err.retryable }
  }
  if (err instanceof ReturnedError) return { code: err.code, message: err.message, ...(err.statusCode !== undefined && { statusCode: err.statusCode }) }
  if (err instanceof OutcomeUnknownError) return { code: err.code, message: err.message, retryable: false }
  // the store could not write for a moment (locked, full): nothing was sent, a later attempt may succeed
  if (err instanceof CardflowError && (err.code === 'STORE_UNAVAILABLE' || err.code === 'LEASE_LOST')) return { code: err.code, message: err.message, retryable: true }
  if (err instanceof CardflowError) return { code: err.code, message: err.message }
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message }
  return { code: 'INTERNAL', message: String(err) }
}
