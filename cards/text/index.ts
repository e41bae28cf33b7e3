/** The text family: every card and trigger it registers. Add a card here and in its own file. */
import base64Decode from './base64-decode.ts'
import base64Encode from './base64-encode.ts'
import capitalize from './capitalize.ts'
import compose from './compose.ts'
import concatenate from './concatenate.ts'
import find from './find.ts'
import findPattern from './find-pattern.ts'
import length from './length.ts'
import lowerCase from './lower-case.ts'
import replace from './replace.ts'
import replacePattern from './replace-pattern.ts'
import segment from './segment.ts'
import split from './split.ts'
import trim from './trim.ts'
import upperCase from './upper-case.ts'

export const cards = [
  base64Decode,
  base64Encode,
  capitalize,
  compose,
  concatenate,
  find,
  findPattern,
  length,
  lowerCase,
  replacePattern,
  replace,
  segment,
  split,
  trim,
  upperCase,
]
