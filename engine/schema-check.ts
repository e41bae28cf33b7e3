/** Ajv, set up once, for card inputs and trigger options. */
import type { TSchema } from '@sinclair/typebox'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { literalOf, type ValueNode } from './values.ts'

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

/** Keywords that only describe a value and never fail one. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly'])

/** A schema that every text meets: of type string, or of any type, and with no other rule. */
function takesAnyText(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false
  const s = schema as Record<string, unknown>
  return Object.keys(s).every((k) => ANNOTATIONS.has(k) || (k === 'type' && s.type === 'string'))
}

/** A schema of an object whose fields are checked each on its own: no keyword relates one field to another. */
function checksFieldsApart(schema: Record<string, unknown>): boolean {
  const extra = schema.additionalProperties
  return (
    schema.type === 'object' &&
    (extra === undefined || typeof extra === 'boolean') &&
    Object.keys(schema).every((k) => k === 'type' || k === 'properties' || k === 'required' || k === 'additionalProperties' || ANNOTATIONS.has(k))
  )
}

/**
 * Whether a card's inputs, as the flow file writes them, are valid in every run, and if so the
 * defaults the check would add (name and value, in order). They are when each input is a value
 * known before the run, or a template (a text, whatever it renders) where the schema takes any
 * text, and the inputs pass the check once with every template rendered empty: no run can
 * give them anything else. The check then need not run again in each run (it was a tenth of a
 * run of a few small cards). Undefined when each run must be checked: an input refers to
 * another card's output, a template sits inside a list or an object, the schema relates
 * fields, or the check would add anything but plain values.
 */
export function alwaysValid(schema: TSchema, inputs: readonly [string, ValueNode][]): [string, unknown][] | undefined {
  const props = (schema.properties ?? {}) as Record<string, unknown>
  if (!checksFieldsApart(schema)) return undefined
  const sample: Record<string, unknown> = {}
  for (const [name, node] of inputs) {
    if (node.kind === 'template') {
      if (!takesAnyText(props[name])) return undefined
      sample[name] = ''
      continue
    }
    const literal = literalOf(node)
    if (!literal) return undefined
    sample[name] = literal.value
  }
  const before = JSON.stringify(sample)
  const validate = validatorFor(schema)
  if (!validate(sample)) return undefined
  const names = new Set(inputs.map(([name]) => name))
  const added = Object.keys(sample).filter((name) => !names.has(name))
  const given = Object.fromEntries(Object.entries(sample).filter(([name]) => names.has(name)))
  // the check changed nothing inside the inputs, and added only plain values
  if (JSON.stringify(given) !== before) return undefined
  const defaults = added.map((name): [string, unknown] => [name, sample[name]])
  return defaults.every(([, v]) => v === null || typeof v !== 'object') ? defaults : undefined
}
