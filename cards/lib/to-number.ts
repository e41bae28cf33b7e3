import { CardFailedError } from '../../engine/errors.ts'

/** Okta's loose numbers: a number, or text that reads as one ("42", " 3.5 "). Anything else is an error. */
export function toNumber(v: unknown, name: string, cardId: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  throw new CardFailedError(`input "${name}": ${JSON.stringify(v ?? null)} is not a number`, cardId)
}
