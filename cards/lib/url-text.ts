/** Text helpers the URL cards share. */
import { CardFailedError } from '../../engine/errors.ts'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** A lone surrogate cannot be written as UTF-8: it becomes U+FFFD instead of failing the encoder. */
export const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\uFFFD')

/** Percent-decoding that fails the card, naming the text, on a broken escape (`%E0%A4%A`). */
export function decodeComponent(text: string, cardId: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new CardFailedError(`"${text.length > 80 ? `${text.slice(0, 80)}…` : text}" is not valid URL encoding`, cardId)
  }
}
