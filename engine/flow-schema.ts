/**
 * The JSON Schema of flow files, generated from the card registry so it never drifts from the
 * cards. Editors use it for completion and validation (see README, "Editor support").
 */
import type { TSchema } from '@sinclair/typebox'
import type { AnyCardDef, AnyTriggerDef } from './card.ts'
import type { Registry } from './registry.ts'

type Json = Record<string, unknown>

/** TypeBox schemas carry symbols; JSON keeps only what editors read. */
const plain = (schema: TSchema): Json => JSON.parse(JSON.stringify(schema)) as Json

const REFERENCE = { type: 'string', pattern: '\\{\\{', description: 'a {{card.Output}} reference or a template' }
const ID = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }

function inputsSchema(def: AnyCardDef): Json {
  const properties: Json = {}
  for (const [name, schema] of Object.entries(def.inputs.properties)) {
    const s = plain(schema)
    properties[name] = { ...(s.description !== undefined && { description: s.description }), anyOf: [s, REFERENCE] }
  }
  return { type: 'object', properties, required: def.inputs.required ?? [], additionalProperties: false }
}

function cardRule(def: AnyCardDef): Json {
  const then: Json = {
    properties: {
      inputs: inputsSchema(def),
      ...(def.connector && { connection: { type: 'string', description: `name of a ${def.connector.name} connection (default: "default")` } }),
      ...Object.fromEntries((def.branches ?? []).map((b) => [b, { type: 'array', items: { $ref: '#/$defs/card' } }])),
      ...(def.branches && {
        outputs: {
          type: 'object',
          description: 'declared outputs: for each name, the value taken in each branch',
          additionalProperties: { type: 'object', properties: Object.fromEntries(def.branches.map((b) => [b, {}])), additionalProperties: false },
        },
      }),
    },
  }
  return { if: { properties: { card: { const: def.type } }, required: ['card'] }, then }
}

function triggerRule(def: AnyTriggerDef): Json {
  return { if: { properties: { card: { const: def.type } }, required: ['card'] }, then: { properties: { options: plain(def.options) } } }
}

export function flowSchema(registry: Registry): Json {
  const cardList = [...registry.cards.values()]
  const triggerList = [...registry.triggers.values()]
  const cardKeys = new Set(['id', 'card', 'inputs', 'connection', 'comment', 'outputs', ...cardList.flatMap((c) => c.branches ?? [])])
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://cardflow.dev/schemas/flow.schema.json',
    title: 'cardflow flow',
    type: 'object',
    required: ['name', 'trigger', 'cards'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      enabled: { type: 'boolean', default: true },
      trigger: {
        type: 'object',
        required: ['id', 'card'],
        additionalProperties: false,
        properties: {
          id: ID,
          card: { enum: triggerList.map((t) => t.type), markdownEnumDescriptions: triggerList.map((t) => `**${t.title}**: ${t.description}`) },
          options: { type: 'object' },
        },
        allOf: triggerList.map(triggerRule),
      },
      cards: { type: 'array', items: { $ref: '#/$defs/card' } },
    },
    $defs: {
      card: {
        type: 'object',
        required: ['id', 'card'],
        propertyNames: { enum: [...cardKeys] },
        properties: {
          id: ID,
          card: { enum: cardList.map((c) => c.type), markdownEnumDescriptions: cardList.map((c) => `**${c.title}**: ${c.description}`) },
          comment: { type: 'string' },
        },
        allOf: cardList.map(cardRule),
      },
    },
  }
}
