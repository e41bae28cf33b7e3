import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Type } from '@sinclair/typebox'
import splitDef from '../../cards/text/split.ts'
import type { StepJournal, StepRecord } from '../../engine/journal.ts'
import { REDACTED } from '../../engine/redact.ts'
import { runFlow } from '../../engine/run.ts'
import { alwaysValid } from '../../engine/schema-check.ts'
import { card, planOf, profileInput, runYaml } from '../helpers.ts'

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userProfileUpdated\ncards:\n'
const WHO = `${HEAD}  - id: who
    card: control.ifElse
    inputs: { a: "{{event.Actor.ID}}", operator: equal, b: "{{event.Okta User.ID}}" }
    then:
      - { id: self, card: text.compose, inputs: { text: "you" } }
    else:
      - { id: other, card: text.compose, inputs: { text: "{{event.Actor.Alternate ID}}" } }
    outputs:
      by: { then: "{{self.output}}", else: "{{other.output}}" }
  - id: msg
    card: text.compose
    inputs: { text: "changed by {{who.by}}" }
`

describe('the interpreter', () => {
  it('runs the then branch when the condition holds and maps its declared output', async () => {
    const [run] = await runYaml(WHO, profileInput('u1', 'u1', 'email'))
    assert.equal(run!.status, 'succeeded')
    assert.equal(card(run!, 'self').status, 'succeeded')
    assert.equal(card(run!, 'other').status, 'skipped')
    assert.equal(card(run!, 'msg').outputs.output, 'changed by you')
  })

  it('runs the else branch otherwise', async () => {
    const [run] = await runYaml(WHO, profileInput('admin', 'u1', 'email'))
    assert.equal(card(run!, 'self').status, 'skipped')
    assert.deepEqual(card(run!, 'other').parent, { id: 'who', branch: 'else' })
    assert.equal(card(run!, 'msg').outputs.output, 'changed by admin@example.com')
  })

  it('passes a single reference as its typed value and renders mixed text as text', async () => {
    const yaml = `${HEAD}  - { id: l, card: list.construct, inputs: { items: [a, 2, true] } }
  - { id: typed, card: list.join, inputs: { list: "{{l.list}}", separator: "-" } }
  - { id: text, card: text.compose, inputs: { text: "items: {{l.list}} actor: {{event.Actor}}" } }
`
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'x'))
    assert.equal(card(run!, 'typed').outputs.output, 'a-2-true')
    assert.equal(card(run!, 'text').outputs.output, 'items: ["a",2,true] actor: {"ID":"a","Alternate ID":"a@example.com"}')
  })

  it('stops the flow without error when Continue If is false, and skips the rest', async () => {
    const yaml = `${HEAD}  - { id: gate, card: control.continueIf, inputs: { a: "{{event.Changed Attributes}}", operator: equal, b: email, message: not an email change } }
  - { id: after, card: text.compose, inputs: { text: x } }
`
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'title'))
    assert.equal(run!.status, 'stopped')
    assert.equal(run!.message, 'not an email change')
    assert.equal(card(run!, 'gate').status, 'stopped')
    assert.equal(card(run!, 'after').status, 'skipped')
    assert.equal(run!.error, undefined)
  })

  it('fails the run with the card error when inputs do not match the schema at run time', async () => {
    const yaml = `${HEAD}  - { id: j, card: list.join, inputs: { list: "{{event.Changed Attributes}}" } }
  - { id: after, card: text.compose, inputs: { text: x } }
`
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'title'))
    assert.equal(run!.status, 'failed')
    assert.deepEqual(run!.error, { code: 'CARD_INPUT', message: '"list": must be array', cardId: 'j' })
    assert.equal(card(run!, 'after').status, 'skipped')
  })

  it('reports a failure inside a branch as the inner card\'s error', async () => {
    const yaml = `${HEAD}  - id: b
    card: control.ifElse
    inputs: { a: 1, operator: equal, b: 1 }
    then:
      - { id: bad, card: list.join, inputs: { list: "{{event.Changed Attributes}}" } }
`
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'x'))
    assert.equal(run!.status, 'failed')
    assert.equal(run!.error?.cardId, 'bad')
    assert.equal(card(run!, 'b').status, 'failed')
    assert.deepEqual(card(run!, 'b').error, { code: 'CARD_FAILED', message: 'branch "then" failed at card "bad"' })
  })

  it('never compiles event data as a template', async () => {
    const yaml = `${HEAD}  - { id: m, card: text.compose, inputs: { text: "hi {{event.Okta User.Alternate ID}}" } }\n`
    const input = profileInput('a', 'b', 'x')
    input['Okta User']['Alternate ID'] = '{{#each this}}{{@key}}{{/each}} {{> partial}} {{constructor}}'
    const [run] = await runYaml(yaml, input)
    assert.equal(card(run!, 'm').outputs.output, 'hi {{#each this}}{{@key}}{{/each}} {{> partial}} {{constructor}}')
  })

  it('does not walk into prototypes through references', async () => {
    const yaml = `${HEAD}  - { id: o, card: object.construct, inputs: { fields: { a: 1 } } }
  - { id: m, card: text.compose, inputs: { text: "[{{o.output.constructor}}][{{o.output.__proto__}}][{{o.output.a}}]" } }
  - { id: r, card: object.getMultiple, inputs: { object: "{{o.output}}", paths: { c: constructor.name, p: __proto__ } } }
`
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'x'))
    assert.equal(card(run!, 'm').outputs.output, '[][][1]')
    assert.deepEqual(card(run!, 'r').outputs, { c: null, p: null })
  })

  it('redacts secret values and secret-named fields from history', async () => {
    const plan = planOf(`${HEAD}  - { id: m, card: text.compose, inputs: { text: "token is {{event.Actor.Alternate ID}}" } }\n`)
    const outputs = { 'Changed Attributes': 'x', Actor: { ID: 'a', 'Alternate ID': 's3cr3t-value' }, 'Okta User': { ID: 'b' }, Headers: { authorization: 'Bearer abc' } }
    const run = await runFlow(plan, outputs, { dryRun: true, secrets: ['s3cr3t-value'] })
    assert.equal(card(run, 'm').outputs.output, `token is ${REDACTED}`)
    assert.deepEqual((run.trigger.outputs.Headers as Record<string, unknown>).authorization, REDACTED)
    assert.doesNotMatch(JSON.stringify(run), /s3cr3t-value/)
  })

  it('records inputs, outputs, status and a duration for every card', async () => {
    const [run] = await runYaml(WHO, profileInput('u1', 'u1', 'email'))
    for (const c of run!.cards) {
      assert.ok(['succeeded', 'skipped'].includes(c.status))
      assert.ok(Number.isFinite(c.durationMs) && c.durationMs >= 0, `card ${c.id} took ${c.durationMs} ms`)
    }
    assert.deepEqual(card(run!, 'who').inputs, { a: 'u1', operator: 'equal', b: 'u1' })
    assert.equal(run!.cards.length, 4)
  })

  it('takes a connector call from the step journal when an earlier attempt of the run made it, and refuses to guess an unknown one', async () => {
    const plan = planOf(`${HEAD}  - { id: post, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "{{event.Changed Attributes}}" } }\n`)
    const outputs = { 'Changed Attributes': 'email', Actor: { ID: 'a' }, 'Okta User': { ID: 'b' } }
    const written: string[] = []
    const journal = (earlier: StepRecord | undefined): StepJournal => ({
      get: (key) => (key === 'post#0' ? earlier : undefined),
      intent: async (key) => void written.push(`intent ${key}`),
      outcome: (key, state) => void written.push(`${state} ${key}`),
    })
    const done = { key: 'post#0', attempt: 1, state: 'done' as const, output: { Timestamp: '1700000000.000100', Channel: 'C1' } }
    const again = await runFlow(plan, outputs, { journal: journal(done) })
    assert.equal(card(again, 'post').reused, true)
    assert.deepEqual(card(again, 'post').outputs, { Message: done.output })
    assert.deepEqual([again.outbound[0]?.result, written], ['reused', []], 'nothing is sent or written again')
    const unknown = await runFlow(plan, outputs, { journal: journal({ ...done, state: 'intent', output: undefined }) })
    assert.deepEqual([unknown.status, unknown.error?.code, unknown.error?.retryable], ['failed', 'OUTCOME_UNKNOWN', false])
    assert.match(unknown.error!.message, /chat\.postMessage was sent by attempt 1 of this run.*not sent again/)
  })
})

describe('inputs checked once for every run', () => {
  const SPLIT = (inputs: string) => `${HEAD}  - { id: s, card: text.split, inputs: ${inputs} }\n`

  it('gets the defaults the check adds when its inputs are text and values written in the file', async () => {
    const TEXT = '{ text: "id,{{event.Changed Attributes}}" }'
    assert.deepEqual(alwaysValid(splitDef.inputs, planOf(SPLIT(TEXT)).cards[0]!.inputs), [['separator', ',']])
    for (const changed of ['email,title', '']) {
      const [run] = await runYaml(SPLIT(TEXT), profileInput('a', 'u', changed))
      assert.equal(run!.status, 'succeeded')
      assert.deepEqual(card(run!, 's').inputs, { text: `id,${changed}`, separator: ',' })
    }
  })

  it('is checked in each run when a template feeds a field that takes only some texts', async () => {
    const plan = planOf(SPLIT('{ text: "a,b", separator: "{{event.Changed Attributes}}" }'))
    assert.equal(alwaysValid(splitDef.inputs, plan.cards[0]!.inputs), undefined)
    const [run] = await runYaml(SPLIT('{ text: "a,b", separator: "{{event.Changed Attributes}}" }'), profileInput('a', 'u', ''))
    assert.equal(run!.status, 'failed')
    assert.match(run!.error!.message, /separator.*fewer than 1 character/)
  })

  it('is checked in each run when an input refers to an output, or the check would change a value', () => {
    const ref = planOf(SPLIT('{ text: "{{event.Changed Attributes}}", separator: "{{event.Actor.ID}}" }')).cards[0]!.inputs
    assert.equal(alwaysValid(splitDef.inputs, ref), undefined)
    const withDefaultInside = Type.Object({ o: Type.Object({ n: Type.Number({ default: 1 }) }) })
    assert.equal(alwaysValid(withDefaultInside, [['o', { kind: 'literal', value: {} }]]), undefined)
    const relating = Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.String() })])
    assert.equal(alwaysValid(relating, [['a', { kind: 'literal', value: 'x' }]]), undefined)
    assert.equal(alwaysValid(Type.Object({ n: Type.Number() }), [['n', { kind: 'literal', value: 'x' }]]), undefined)
  })
})
