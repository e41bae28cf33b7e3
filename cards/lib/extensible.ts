/**
 * Okta cards that take "two or more" values (Add, Multiply, And, Or): two named inputs `a` and `b`,
 * then the ones an author adds with "click or drop here to create", kept in order as `more`.
 */
import { Type } from '@sinclair/typebox'
import type { ExportMapping } from '../../engine/export-mapping.ts'
import { extraInputs, inputOf, mapped } from '../../importer/mapping.ts'

export function twoOrMoreInputs(first: string, second: string, what: string) {
  return Type.Object({
    a: Type.Unknown({ description: first }),
    b: Type.Unknown({ description: second }),
    more: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 1000, description: `Further ${what}, as Okta's added inputs.` })),
  })
}

export const twoOrMore: NonNullable<ExportMapping['map']> = (v) => {
  const more = extraInputs(v, ['a', 'b'])
  return mapped({ a: v.input('a') ?? null, b: v.input('b') ?? null, more: more.length > 0 ? more : undefined })
}

/** `a` and `b` of a two-input card (Subtract, Divide), by key or else by position. */
export const aAndB: NonNullable<ExportMapping['map']> = (v) => mapped({ a: inputOf(v, ['a'], 0) ?? null, b: inputOf(v, ['b'], 1) ?? null })
