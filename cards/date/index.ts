/** The date family: every card and trigger it registers. Add a card here and in its own file. */
import add from './add.ts'
import convert from './convert.ts'
import difference from './difference.ts'
import format from './format.ts'
import now from './now.ts'
import subtract from './subtract.ts'
import textToDate from './text-to-date.ts'

export const cards = [add, convert, difference, format, now, subtract, textToDate]
