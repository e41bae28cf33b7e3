/**
 * The text cards that take one text and give one value (Length, Uppercase, Trim, Capitalize,
 * Base64): null or missing text is empty text, numbers and true/false print as text, lists and
 * objects as JSON, as Okta's loose strings do.
 */
import type { ExportMapping } from '../../engine/export-mapping.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

/** The exported card's text: the field keyed `string` (Okta's key on its text cards) or `text`, else its first field. */
export const oneText: NonNullable<ExportMapping['map']> = (v) => mapped({ string: inputOf(v, ['string', 'text'], 0) ?? null })
