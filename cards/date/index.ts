/** The date family: every card and trigger it registers. Add a card here and in its own file. */
import convert from './convert.ts'
import format from './format.ts'
import now from './now.ts'
import subtract from './subtract.ts'
import textToDate from './text-to-date.ts'

export const cards = [convert, format, now, subtract, textToDate]
