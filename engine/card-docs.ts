/** The card reference (docs/cards.md), generated from the card schemas like the editor schema. */
import type { TObject, TSchema } from '@sinclair/typebox'
import type { AnyCardDef } from './card.ts'
import type { Registry } from './registry.ts'

type S = { type?: string | string[]; items?: S; anyOf?: S[]; const?: unknown; description?: string; default?: unknown }

export function typeName(schema: TSchema): string {
  const s = schema as S
  if (s.anyOf) {
    const consts = s.anyOf.filter((x) => x.const !== undefined)
    if (consts.length === s.anyOf.length) return `one of ${consts.map((x) => `\`${String(x.const)}\``).join(', ')}`
    return s.anyOf.map((x) => typeName(x as TSchema)).join(' or ')
  }
  if (s.type === 'array') return `list of ${s.items ? typeName(s.items as TSchema) : 'any'}`
  if (s.type === 'string') return 'text'
  if (s.type === 'integer' || s.type === 'number') return 'number'
  if (s.type === 'boolean') return 'true/false'
  if (s.type === 'object') return 'object'
  if (s.type === 'null') return 'null'
  return 'any'
}

function table(obj: TObject, withRequired: boolean): string {
  const rows = Object.entries(obj.properties).map(([name, schema]) => {
    const s = schema as S
    const req = withRequired ? ` | ${(obj.required ?? []).includes(name) && s.default === undefined ? 'yes' : 'no'}` : ''
    const def = s.default === undefined ? '' : ` (default \`${JSON.stringify(s.default)}\`)`
    return `| \`${name}\` | ${typeName(schema)}${req} | ${(s.description ?? '').replaceAll('|', '\\|')}${def} |`
  })
  if (rows.length === 0) return '_none_\n'
  const head = withRequired ? '| name | type | required | notes |\n|---|---|---|---|' : '| name | type | notes |\n|---|---|---|'
  return `${head}\n${rows.join('\n')}\n`
}

/** Each worked example as one line: inputs → outputs (or the error it shows). */
function examples(list: AnyCardDef['examples']): string {
  if (!list || list.length === 0) return ''
  const json = (v: unknown) => `\`${JSON.stringify(v).replaceAll('`', "'")}\``
  const lines = list.map((e) => {
    const result = e.error !== undefined ? `fails: ${e.error}` : e.outputs !== undefined ? json(e.outputs) : 'succeeds'
    return `- ${e.title}: ${json(e.inputs)} → ${result}`
  })
  return `\nExamples:\n\n${lines.join('\n')}\n`
}

/** docs/cards.md: every trigger and card of the registry, by family, from their schemas. */
export function cardReference(registry: Registry): string {
  const families = new Map<string, string[]>()
  const add = (type: string, text: string) => {
    const family = type.split('.')[0] ?? type
    families.set(family, [...(families.get(family) ?? []), text])
  }
  for (const t of registry.triggers.values()) {
    add(t.type, `### \`${t.type}\` (trigger): ${t.title}\n\n${t.description}\n\nOptions:\n\n${table(t.options, false)}\nOutputs:\n\n${table(t.outputs, false)}`)
  }
  for (const c of registry.cards.values()) {
    const extra = c.connector ? `\n\nConnection: \`${c.connector.name}\`.` : ''
    const branches = c.branches ? `\n\nBranches: ${c.branches.map((b) => `\`${b}\``).join(', ')}.` : ''
    add(c.type, `### \`${c.type}\`: ${c.title}\n\n${c.description}${extra}${branches}\n\nInputs:\n\n${table(c.inputs, true)}\nOutputs:\n\n${table(c.outputs, false)}${examples(c.examples)}`)
  }
  const names = [...families.keys()].sort()
  const toc = names.map((f) => `- [${f}](#${f}) (${families.get(f)!.length})`).join('\n')
  const body = names.map((f) => `## ${f}\n\n${families.get(f)!.join('\n')}`).join('\n')
  return `${HEADER}\n${toc}\n\n${body}`
}

const HEADER = `# Card reference

Generated from the card registry by \`npm run schema\`; do not edit (a test fails when it is stale).
Each card's inputs and outputs keep Okta's names. Values are literals, \`{{card.Output}}\`
references, or templates mixing both; see the README for the flow format.
`
