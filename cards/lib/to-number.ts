import { CardFailedError } from '../../engine/errors.ts'

/** Okta's loose numbers: a number, or text that reads as one ("42", " 3.5 "). Anything else is an error. */
export function toNumber(v: unknown, name: string, cardId: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  throw new CardFailedError(`input "${name}": ${JSON.stringify(v ?? null)} is not a number`, cardId)
}

/** A result that is not a finite number (overflow) fails the card rather than travel on as null. */
export function finite(n: number, what: string, cardId: string): number {
  if (!Number.isFinite(n)) throw new CardFailedError(`${what} is too large to be a number`, cardId)
  return n
}

/** Add's and Multiply's numbers: `a`, `b` and each of `more`, named in errors by input. */
export function numbersOf({ a, b, more }: { a: unknown; b: unknown; more?: unknown[] }, cardId: string): number[] {
  return [toNumber(a, 'a', cardId), toNumber(b, 'b', cardId), ...(more ?? []).map((v, i) => toNumber(v, `more.${i}`, cardId))]
}
