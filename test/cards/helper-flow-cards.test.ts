/** Call Flow, For Each, If Error, Reduce and Filter Custom run helper flows through the engine's flow resolver. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FlowPlan } from '../../engine/check.ts'
import type { RunRecord } from '../../engine/history.ts'
import { runFlow } from '../../engine/run.ts'
import { card, planOf, problemsOf } from '../helpers.ts'

const helper = (name: string, inputs: string[], cards: string) => `
name: ${name}
trigger: { id: h, card: control.helperFlow, options: { inputs: [${inputs.join(', ')}] } }
cards:
${cards}`

const HELPERS = [
  helper('Greet', ['who'], `
  - id: text
    card: text.compose
    inputs: { text: "Hi {{h.who}} #{{h.index}}" }
  - id: out
    card: control.return
    inputs: { output: { greeting: "{{text.output}}" } }`),
  helper('Fail on Bob', ['who'], `
  - id: check
    card: control.continueIf
    inputs: { a: "{{h.who}}", operator: not equal, b: Bob }
  - id: boom
    card: json.parse
    inputs: { string: "{{h.who}}" }`),
  helper('Add', ['item', 'memo'], `
  - id: sum
    card: number.add
    inputs: { a: "{{h.memo}}", b: "{{h.item}}" }
  - id: out
    card: control.return
    inputs: { output: { memo: "{{sum.output}}" } }`),
  helper('Is big', ['item', 'limit'], `
  - id: big
    card: boolean.compare
    inputs: { a: "{{h.item}}", operator: greater than, b: "{{h.limit}}" }
  - id: out
    card: control.return
    inputs: { output: { keep: "{{big.result}}" } }`),
  helper('Notify', ['who'], `
  - id: post
    card: slack.sendMessageToChannel
    inputs: { channel: "#people", text: "{{h.who}} is number {{h.index}}" }`),
  helper('Post then parse', ['who'], `
  - id: post
    card: slack.sendMessageToChannel
    inputs: { channel: "#people", text: "{{h.who}}" }
  - id: parse
    card: json.parse
    inputs: { string: "{{h.who}}" }`),
  helper('Loop', [], `
  - id: again
    card: control.callFlow
    inputs: { flow: Loop }`),
].map((y) => planOf(y))

const byName = new Map<string, FlowPlan>(HELPERS.map((p) => [p.name, p]))
const flows = (n: string) => byName.get(n)

function main(cards: string) {
  return planOf(`
name: Main
trigger: { id: start, card: control.helperFlow }
cards:
${cards}`)
}

describe('Call Flow', () => {
  it('gives back the values of the helper\'s Return card', async () => {
    const run = await runFlow(main(`
  - id: call
    card: control.callFlow
    inputs: { flow: Greet, inputs: { who: Ann }, returns: [greeting] }
  - id: use
    card: text.compose
    inputs: { text: "{{call.greeting}}!" }`), {}, { flows })
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'use').outputs.output, 'Hi Ann #!')
  })

  it('fails with the helper\'s own error, and names a missing helper', async () => {
    const failed = await runFlow(main(`
  - id: call
    card: control.callFlow
    inputs: { flow: Fail on Bob, inputs: { who: Ann } }`), {}, { flows })
    assert.equal(failed.status, 'failed')
    assert.match(failed.error!.message, /helper flow "Fail on Bob" failed at card "boom": not JSON/)
    const missing = await runFlow(main(`
  - id: call
    card: control.callFlow
    inputs: { flow: Nope }`), {}, { flows })
    assert.match(missing.error!.message, /no helper flow named "Nope"/)
  })

  it('stops a helper that calls itself instead of looping', async () => {
    const run = await runFlow(main(`
  - id: call
    card: control.callFlow
    inputs: { flow: Loop }`), {}, { flows })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /nest deeper than 16 calls/)
  })

  it('checks references to the outputs it declares', () => {
    const problems = problemsOf(`
name: Main
trigger: { id: start, card: control.helperFlow, options: { inputs: [who] } }
cards:
  - id: call
    card: control.callFlow
    inputs: { flow: Greet, inputs: { who: "{{start.who}}" }, returns: [greeting] }
  - id: use
    card: text.compose
    inputs: { text: "{{call.greting}} {{start.whom}}" }`)
    assert.equal(problems.length, 2)
    assert.match(problems[0]!, /card "call" has no output "greting" \(did you mean "greeting"\?\)/)
    assert.match(problems[1]!, /card "start" has no output "whom"/)
  })
})

describe('For Each', () => {
  it('runs the helper once per item with the item and its index, and records its requests', async () => {
    const run = await runFlow(main(`
  - id: each
    card: control.forEach
    inputs: { list: [Ann, Bo], flow: Notify, item: who }`), {}, { flows, dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(card(run, 'each').outputs, { runs: 2, failed: 0 })
    // each helper run's Slack request joins the calling run's history, under the For Each card
    assert.deepEqual(
      run.outbound.map((o) => [o.cardId, o.operation, o.request.text]),
      [
        ['each>post', 'chat.postMessage', 'Ann is number 0'],
        ['each>post', 'chat.postMessage', 'Bo is number 1'],
      ],
    )
  })

  it('stops at the first failure, unless told to ignore errors', async () => {
    const each = (ignoreErrors: boolean) =>
      runFlow(main(`
  - id: each
    card: control.forEach
    inputs: { list: ["[1]", Ann, "[2]"], flow: Post then parse, item: who, ignoreErrors: ${ignoreErrors} }`), {}, { flows, dryRun: true })
    const posted = (run: RunRecord) => run.outbound.map((o) => o.request.text)
    const strict = await each(false)
    assert.equal(strict.status, 'failed')
    assert.match(strict.error!.message, /helper flow "Post then parse" failed at card "parse": not JSON/)
    assert.deepEqual(posted(strict), ['[1]', 'Ann'], 'no helper ran after the failed one')
    const lenient = await each(true)
    assert.equal(lenient.status, 'succeeded')
    assert.deepEqual(card(lenient, 'each').outputs, { runs: 3, failed: 1 })
    assert.deepEqual(posted(lenient), ['[1]', 'Ann', '[2]'])
  })
})

describe('If Error', () => {
  it('gives the Try steps\' values, or the If Error values and the error when they fail', async () => {
    const ok = await runFlow(main(`
  - id: try
    card: control.ifError
    inputs: { flow: Greet, inputs: { who: Ann }, returns: [greeting], ifError: { greeting: none } }`), {}, { flows })
    assert.deepEqual(card(ok, 'try').outputs, { greeting: 'Hi Ann #', error: null })
    const bad = await runFlow(main(`
  - id: try
    card: control.ifError
    inputs: { flow: Fail on Bob, inputs: { who: Ann }, returns: [greeting], ifError: { greeting: none } }
  - id: after
    card: text.compose
    inputs: { text: "{{try.greeting}} / {{try.error.method}}" }`), {}, { flows })
    assert.equal(bad.status, 'succeeded')
    assert.equal(card(bad, 'after').outputs.output, 'none / json.parse')
    assert.equal((card(bad, 'try').outputs.error as { flo: string }).flo, 'Fail on Bob')
  })
})

describe('Reduce and Filter Custom', () => {
  it('folds a list through a helper and keeps the items a helper accepts', async () => {
    const run = await runFlow(main(`
  - id: total
    card: list.reduce
    inputs: { list: [1, 2, 3], memo: 10, flow: Add }
  - id: big
    card: list.filterCustom
    inputs: { list: [1, 5, 9], flow: Is big, inputs: { limit: 4 } }`), {}, { flows })
    assert.equal(card(run, 'total').outputs.item, 16)
    assert.deepEqual(card(run, 'big').outputs.list, [5, 9])
  })
})

describe('unsupported Okta cards', () => {
  it('are reported by validate at their line, trigger or card', () => {
    const problems = problemsOf(`
name: Kept
trigger:
  id: ev
  card: unsupported
  options: { address: "root:channels:http:okta:1.0.1:userLocked", name: User Locked }
cards:
  - id: odd
    card: unsupported
    inputs: { address: "root:kernel:string:0.0.1:base64", inputs: { text: "{{ev.anything}}" }, outputs: [output] }
  - id: use
    card: text.compose
    inputs: { text: "{{odd.output}}" }`)
    assert.deepEqual(problems, [
      '4:3: trigger "ev": unsupported Okta card root:channels:http:okta:1.0.1:userLocked ("User Locked"): cardflow has no card for it yet; replace it or remove it',
      '8:5: card "odd": unsupported Okta card root:kernel:string:0.0.1:base64: cardflow has no card for it yet; replace it or remove it',
    ])
  })
})
