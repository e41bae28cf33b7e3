/**
 * Every registered card and trigger held to the same rules: id and file name, schemas, docs, a
 * located error for a bad input, and its worked examples run through the engine in dry-run mode.
 */
import assert from 'node:assert/strict'
import { basename, dirname } from 'node:path'
import { describe, it } from 'node:test'
import { stringify } from 'yaml'
import { registry } from '../../cards/index.ts'
import type { AnyCardDef, CardExample } from '../../engine/card.ts'
import { ajv } from '../../engine/schema-check.ts'
import { CARD_ID_PATTERN } from '../../engine/registry.ts'
import { runFlow } from '../../engine/run.ts'
import type { TableDef } from '../../engine/tables.ts'
import { temporaryTables } from '../../store/table-provider.ts'
import { planOf, problemsOf } from '../helpers.ts'

const NOW = new Date('2026-11-20T10:02:44.901Z')

/** `text.findPattern` lives in `cards/text/find-pattern.ts`; a family of one card (`unsupported`) in `cards/unsupported/unsupported.ts`. */
function expectedFile(type: string): string {
  const [family, operation] = type.split('.') as [string, string | undefined]
  const kebab = (operation ?? family).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  return `cards/${family}/${kebab}.ts`
}

function fileOf(source: string | undefined): string {
  return source ? `${basename(dirname(dirname(source)))}/${basename(dirname(source))}/${basename(source)}` : '(unknown)'
}

/** A one-card flow: the card under test after a helper-flow trigger, its inputs as literals. */
function flowWith(card: AnyCardDef, inputs: Record<string, unknown>): string {
  const body = stringify({ name: 'conformance', trigger: { id: 'start', card: 'control.helperFlow' }, cards: [{ id: 'subject', card: card.type, inputs }] })
  return body
}

async function runExample(card: AnyCardDef, example: CardExample): Promise<{ status: string; outputs?: Record<string, unknown>; error?: { message: string } }> {
  // a card the checker always refuses (an unsupported Okta card) shows its error at check time
  const problems = problemsOf(flowWith(card, example.inputs))
  if (problems.length > 0) return { status: 'failed', error: { message: problems.join('\n') } }
  const helpers = new Map(Object.entries(example.helpers ?? {}).map(([name, yaml]) => [name, planOf(yaml, `${name}.yaml`)]))
  const plan = planOf(flowWith(card, example.inputs), `${card.type}.yaml`)
  // the tables an example uses: a temporary store holding its rows
  const defs = new Map<string, TableDef>(Object.entries(example.tables ?? {}).map(([name, t]) => [name, { name, columns: t.columns }]))
  const tables = await temporaryTables(defs, Object.fromEntries(Object.entries(example.tables ?? {}).map(([name, t]) => [name, t.rows ?? []])), NOW)
  try {
    const run = await runFlow(plan, {}, { dryRun: true, now: () => NOW, flows: (name) => helpers.get(name), tables: tables.provider })
    return run.cards.find((c) => c.id === 'subject')!
  } finally {
    await tables.close()
  }
}

/** An input whose schema has one plain type, and a literal of another type for it. */
function wrongTyped(card: AnyCardDef): [string, unknown] | undefined {
  for (const [name, schema] of Object.entries(card.inputs.properties)) {
    const type = (schema as { type?: unknown }).type
    if (type === 'string') return [name, [1, 2]]
    if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'array') return [name, { not: 'this' }]
  }
  return undefined
}

describe('every registered card', () => {
  for (const card of registry.cards.values()) {
    describe(card.type, () => {
      it('has a family.operation id and lives in the file named after it', () => {
        assert.match(card.type, CARD_ID_PATTERN)
        assert.equal(fileOf(card.source), expectedFile(card.type))
      })

      it('has a title, a description and schemas that compile', () => {
        assert.ok(card.title.trim().length > 0 && card.description.trim().length > 20, 'title and description')
        assert.equal(typeof ajv.compile(card.inputs), 'function')
        assert.equal(typeof ajv.compile(card.outputs), 'function')
        if (card.connector) assert.equal(card.kind, 'connector')
      })

      it('reports a bad input at its line and column, naming the card', () => {
        const unknown = problemsOf(flowWith(card, { 'no such input': 1 }))
        assert.ok(unknown.some((p) => /^\d+:\d+: card "subject" \(.+\) has no input "no such input"/.test(p)), unknown.join('\n'))
        const wrong = wrongTyped(card)
        if (wrong) {
          const problems = problemsOf(flowWith(card, { [wrong[0]]: wrong[1] }))
          assert.ok(problems.some((p) => /^\d+:\d+: card "subject"/.test(p) && p.includes(`"${wrong[0]}"`)), problems.join('\n'))
        }
      })

      it('runs its worked examples in dry-run mode', async () => {
        assert.ok((card.examples ?? []).length > 0, `${card.type} has no examples`)
        for (const example of card.examples ?? []) {
          const record = await runExample(card, example)
          if (example.error !== undefined) {
            assert.equal(record.status, 'failed', `${example.title}: expected a failure`)
            assert.ok(record.error?.message.includes(example.error), `${example.title}: ${record.error?.message}`)
          } else {
            assert.notEqual(record.status, 'failed', `${example.title}: ${record.error?.message}`)
          }
          if (example.outputs !== undefined) assert.deepEqual(record.outputs, example.outputs, example.title)
        }
      })
    })
  }
})

describe('every registered trigger', () => {
  for (const trigger of registry.triggers.values()) {
    it(`${trigger.type} has an id, a file, docs and schemas that compile`, () => {
      assert.match(trigger.type, CARD_ID_PATTERN)
      assert.equal(fileOf(trigger.source), expectedFile(trigger.type))
      assert.ok(trigger.title.trim().length > 0 && trigger.description.trim().length > 20)
      assert.equal(typeof ajv.compile(trigger.options), 'function')
      assert.equal(typeof ajv.compile(trigger.outputs), 'function')
      if (trigger.eventTypes.length > 0) assert.equal(typeof trigger.fromEvent, 'function', 'an event trigger builds its outputs from the event')
    })
  }
})
