/** The unsupported family: every card and trigger it registers. Add a card here and in its own file. */
import { unsupportedCard, unsupportedTrigger } from './unsupported.ts'

export const cards = [unsupportedCard]
export const triggers = [unsupportedTrigger]
