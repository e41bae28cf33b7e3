/** Ajv, set up once, for card inputs and trigger options. */
import type { TSchema } from '@sinclair/typebox'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export const ajv = addFormats(new Ajv({ allErrors: true, useDefaults: true, strict: false, coerceTypes: false }))

const cache = new WeakMap<object, ValidateFunction>()

export function validatorFor(schema: TSchema): ValidateFunction {
  let fn = cache.get(schema)
  if (!fn) {
    fn = ajv.compile(schema)
    cache.set(schema, fn)
  }
  return fn
}

/** One line per problem, naming the field: `"channel": must be string`. */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): string[] {
  const byPath = new Map<string, ErrorObject[]>()
  for (const e of errors ?? []) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e])
  return [...byPath.entries()].flatMap(([path, errs]) => {
    const name = `${prefix}${path.replace(/^\//, '').replaceAll('/', '.')}`
    const where = name ? `"${name}": ` : ''
    const consts = errs.filter((e) => e.keyword === 'const').map((e) => JSON.stringify(e.params.allowedValue))
    if (consts.length > 0) return [`${where}must be one of ${consts.join(', ')}`]
    return errs
      .filter((e) => e.keyword !== 'anyOf' || errs.length === 1)
      .map((e) =>
        e.keyword === 'required' ? `${where}missing "${e.params.missingProperty}"` : `${where}${e.message ?? 'invalid'}`,
      )
  })
}
