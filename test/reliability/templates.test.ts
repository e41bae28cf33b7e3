/**
 * A flow that validates runs: every template the checker accepts renders in every context
 * (text, an HTML body, Slack text, a Compose with a format), whatever the event holds, or the
 * checker refuses it at file:line:col. Template sources are generated from pieces of the whole
 * template surface (paths with spaces and brackets, helpers right and wrong, blocks, partials,
 * whitespace control, raw and triple mustaches) and run against generated event values.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { SEED, size } from './helpers.ts'

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userProfileUpdated\ncards:\n'

/** The input of one context: a card and the input its template goes in. */
const CONTEXTS: ((t: string) => string)[] = [
  (t) => `  - { id: c, card: text.compose, inputs: { text: ${t} } }\n`,
  (t) => `  - { id: c, card: text.compose, inputs: { format: html, text: ${t} } }\n`,
  (t) => `  - { id: c, card: text.compose, inputs: { format: slack, text: ${t} } }\n`,
  (t) => `  - { id: c, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: ${t} } }\n`,
  (t) => `  - { id: c, card: gmail.sendEmail, inputs: { To: a@example.com, Subject: s, Body: ${t}, Body is HTML?: true } }\n`,
  (t) => `  - { id: c, card: office365.sendEmail, inputs: { To: a@example.com, Subject: s, Body: ${t}, Message Type: "{{event.Okta User.Type}}" } }\n`,
]

/** What the README documents: each must check and render in every context. */
const DOCUMENTED = [
  'Hi {{event.Okta User.Alternate ID}}',
  '{{[event].[Okta User].[Display Name]}} changed {{event.Changed Attributes}}',
  'x {{[event].[Okta User].[Display Name]}}',
  '{{join [event].[Changed Attributes] ", "}}',
  '{{#if event.Actor.ID}}by {{event.Actor.Alternate ID}}{{else}}by nobody{{/if}}',
  '{{#each [event].[Okta User]}}[{{@key}}={{this}}]{{/each}}',
  '{{lower event.Actor.ID}} {{upper event.Actor.ID}} {{json [event].[Okta User]}}',
  '{{#unless (eq event.Actor.ID [event].[Okta User].ID)}}admin{{/unless}}',
  '{{{event.Okta User.Display Name}}} {{& event.Okta User.Display Name}} {{~event.Actor.ID~}}',
  '{{lookup [event].[Okta User] "Display Name"}} {{@root.event.Actor.ID}}',
  '\\{{not a mustache}} {{!-- a comment --}}',
]

const PIECES = [
  'text ', ' ', '<b>', '&', '{{', '}}', '{{{', '}}}', '{{~', '~}}', '{{&', '{{#', '{{/', '{{^', '{{>', '{{!', '{{else}}',
  'event', 'event.Okta User.Display Name', 'event.Actor.ID', '[event].[Okta User].[Display Name]', '[event]', '.[Okta User]',
  'event.Changed Attributes', 'this', '../x', '@index', '@root', '@partial-block', '@cardflow',
  'if', 'unless', 'each', 'with', 'lookup', 'log', 'json', 'join', 'lower', 'upper', 'eq', '__v', 'helperMissing', 'blockHelperMissing',
  '(', ')', '"s"', "'s'", '1', 'true', 'null', 'a=b', ' as |x|', '*inline', '{{{{raw}}}}', '{{{{/raw}}}}', '\\', '\n',
]

const template = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((p) => p.join(''))
const eventValue = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('{{x}}', '<script>', '&amp;', '', 'HTML', 'text'))

function flowWith(context: (t: string) => string, source: string): string {
  return HEAD + context(JSON.stringify(source))
}

function input(name: string, type: string) {
  return {
    'Changed Attributes': 'email,title',
    Actor: { ID: 'a1', 'Alternate ID': 'admin@example.com' },
    'Okta User': { ID: 'u1', 'Alternate ID': 'jane@example.com', 'Display Name': name, Type: type },
  }
}

async function runsCleanly(yaml: string, name: string, type: string): Promise<string | undefined> {
  const { plan, errors } = loadFlowSource(yaml, 'fuzz.yaml', registry)
  if (!plan) {
    for (const e of errors) assert.match(e.describe(), /^fuzz\.yaml:\d+:\d+: /, 'every refusal is located')
    return 'refused'
  }
  const run = await runFlow(plan, input(name, type), { dryRun: true })
  // a card may refuse a value (an address, a Message Type that is not one), never fail to render
  assert.notEqual(run.error?.code, 'INTERNAL', `INTERNAL for ${yaml}: ${run.error?.message}`)
  assert.doesNotMatch(run.error?.message ?? '', /could not be rendered|is not a function|Missing helper|partial/, yaml)
  return run.status
}

describe('a flow that validates runs', () => {
  it('checks and renders every documented template form in every context', async () => {
    for (const source of DOCUMENTED) {
      for (const context of CONTEXTS) {
        const status = await runsCleanly(flowWith(context, source), '<i>Ann & "Bo"</i>', 'HTML')
        assert.equal(status, 'succeeded', `${source} in ${context('…')}`)
      }
    }
  })

  it('refuses at file:line:col what cannot always render, and renders the rest', async (t) => {
    const refused = [
      ['{{> partial}}', /partials/],
      ['{{#if a b}}x{{/if}}', /"if" takes 1 argument, got 2/],
      ['{{#each}}x{{/each}}', /"each" takes 1 argument, got 0/],
      ['{{log event.Actor.ID}}', /unknown helper "log"/],
      ['{{nope event.Actor.ID}}', /unknown helper "nope"/],
      ['{{@cardflow}}', /unknown data variable/],
      ['{{#*inline "p"}}x{{/inline}}', /not supported/],
      ['{{#event.Actor}}x{{/event.Actor}}', /is not a helper/],
      ['{{lower}}', /unknown card "lower"/],
    ] as const
    for (const [source, why] of refused) {
      const { errors } = loadFlowSource(flowWith(CONTEXTS[0]!, source), 'fuzz.yaml', registry)
      assert.ok(errors.length > 0, `${source} was accepted`)
      assert.match(errors[0]!.describe(), /^fuzz\.yaml:6:\d+: /)
      assert.match(errors[0]!.describe(), why)
    }
    let accepted = 0
    let checked = 0
    await fc.assert(
      fc.asyncProperty(template, fc.nat({ max: CONTEXTS.length - 1 }), eventValue, eventValue, async (source, c, name, type) => {
        checked++
        if ((await runsCleanly(flowWith(CONTEXTS[c]!, source), name, type)) !== 'refused') accepted++
      }),
      { numRuns: size(1500, 20_000), seed: SEED },
    )
    t.diagnostic(`seed ${SEED}: ${checked} generated templates, ${accepted} accepted and run without a render failure, the rest refused at a location`)
  })
})
