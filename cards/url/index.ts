/** The url family: every card it registers. Add a card here and in its own file. */
import decodeComponent from './decode-component.ts'
import decodeQuery from './decode-query.ts'
import encodeComponent from './encode-component.ts'
import encodeQuery from './encode-query.ts'
import format from './format.ts'
import parse from './parse.ts'

export const cards = [decodeComponent, decodeQuery, encodeComponent, encodeQuery, format, parse]
