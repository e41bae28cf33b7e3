/** Patterns come from the flow author; a bad one is a clear card error, and long inputs are capped. */
import { CardFailedError } from '../../engine/errors.ts'

export const MAX_PATTERN = 1000

export function regexOf(pattern: string, flags: string, cardId: string): RegExp {
  if (pattern.length > MAX_PATTERN) throw new CardFailedError(`pattern longer than ${MAX_PATTERN} characters`, cardId)
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw new CardFailedError(`bad pattern /${pattern}/: ${(err as Error).message}`, cardId)
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
