/**
 * How Return, Continue If, Return Error and the Wait cards steer a run: Return ends the flow (or the
 * block it is in), a wait is recorded in a test run, and a suspending run ends `waiting` and resumes
 * without running again what ran before the wait.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FlowPlan } from '../../engine/check.ts'
import { type RunOptions, runFlow } from '../../engine/run.ts'
import { card, planOf } from '../helpers.ts'

const flow = (cards: string) => planOf(`name: Main\ntrigger: { id: start, card: control.helperFlow, options: { inputs: [n] } }\ncards:\n${cards}`)
const at = (iso: string) => () => new Date(iso)

describe('Return', () => {
  it('ends the flow: the cards after it are skipped and the run succeeds with its values', async () => {
    const run = await runFlow(flow(`  - { id: give, card: control.return, inputs: { output: { a: 1 } } }\n  - { id: after, card: text.compose, inputs: { text: x } }`), {})
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'after').status, 'skipped')
    assert.deepEqual(run.result, { kind: 'values', values: { a: 1 } })
  })

  it('inside an If/Else branch ends the branch only: the flow goes on after the block', async () => {
    const run = await runFlow(
      flow(`  - id: test
    card: control.ifElse
    inputs: { a: "{{start.n}}", operator: greater than, b: 1 }
    then:
      - { id: early, card: control.return, inputs: { output: { size: big } } }
      - { id: never, card: text.compose, inputs: { text: x } }
    else: []
  - { id: after, card: text.compose, inputs: { text: went on } }`),
      { n: 5 },
    )
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'never').status, 'skipped')
    assert.equal(card(run, 'after').outputs.output, 'went on')
  })

  it('ends a helper flow, whose caller goes on with the values', async () => {
    const helper = planOf(`name: H\ntrigger: { id: h, card: control.helperFlow }\ncards:\n  - { id: r, card: control.return, inputs: { output: { v: 1 } } }\n  - { id: boom, card: json.parse, inputs: { string: nope } }`)
    const run = await runFlow(flow(`  - { id: call, card: control.callFlow, inputs: { flow: H, returns: [v] } }`), {}, { flows: (n) => (n === 'H' ? helper : undefined) })
    assert.equal(run.status, 'succeeded')
    assert.deepEqual(card(run, 'call').outputs, { v: 1 })
  })
})

describe('Continue If', () => {
  it('stops the run when false at the top level', async () => {
    const run = await runFlow(flow(`  - { id: go, card: control.continueIf, inputs: { a: 1, operator: equal, b: 2, message: no } }\n  - { id: after, card: text.compose, inputs: { text: x } }`), {})
    assert.equal(run.status, 'stopped')
    assert.equal(run.message, 'no')
    assert.equal(card(run, 'after').status, 'skipped')
  })

  it('inside a branch ends the branch and the flow goes on after the block', async () => {
    const run = await runFlow(
      flow(`  - id: test
    card: control.ifElse
    inputs: { a: 1, operator: equal, b: 1 }
    then:
      - { id: go, card: control.continueIf, inputs: { a: 1, operator: equal, b: 2, message: not here } }
      - { id: never, card: text.compose, inputs: { text: x } }
    else: []
  - { id: after, card: text.compose, inputs: { text: went on } }`),
      {},
    )
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'go').status, 'stopped')
    assert.equal(card(run, 'never').status, 'skipped')
    assert.equal(card(run, 'after').status, 'succeeded')
  })
})

describe('Return Error', () => {
  it('fails the run with the author\'s message, its own code and status code', async () => {
    const run = await runFlow(flow(`  - { id: fail, card: control.returnErrorIf, inputs: { a: "{{start.n}}", operator: is empty, message: User not found., statusCode: 404 } }`), { n: null })
    assert.equal(run.status, 'failed')
    assert.deepEqual(run.error, { code: 'RETURN_ERROR', message: 'User not found.', statusCode: 404, cardId: 'fail' })
  })

  it('is caught by If Error around it', async () => {
    const tryFlow = planOf(`name: T\ntrigger: { id: h, card: control.helperFlow }\ncards:\n  - { id: fail, card: control.returnError, inputs: { message: bad input } }`)
    const run = await runFlow(flow(`  - { id: guard, card: control.ifError, inputs: { flow: T } }\n  - { id: after, card: text.compose, inputs: { text: "{{guard.error.message}}" } }`), {}, { flows: (n) => (n === 'T' ? tryFlow : undefined) })
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'after').outputs.output, 'bad input')
  })
})

describe('If Error', () => {
  it('runs its If Error steps with the error and the same inputs when the Try steps fail', async () => {
    const helpers = new Map([
      ['T', planOf(`name: T\ntrigger: { id: h, card: control.helperFlow, options: { inputs: [who] } }\ncards:\n  - { id: fail, card: control.returnError, inputs: { message: "no user {{h.who}}", statusCode: 404 } }`)],
      ['C', planOf(`name: C\ntrigger: { id: h, card: control.helperFlow, options: { inputs: [who] } }\ncards:\n  - { id: r, card: control.return, inputs: { output: { said: "{{h.error.message}} ({{h.who}})" } } }`)],
    ])
    const run = await runFlow(flow(`  - { id: guard, card: control.ifError, inputs: { flow: T, catch: C, inputs: { who: ann }, returns: [said] } }`), {}, { flows: (n) => helpers.get(n) })
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'guard').outputs.said, 'no user ann (ann)')
  })
})

const WAITING = `  - { id: first, card: date.now }
  - { id: pause, card: control.waitFor, inputs: { delay: 2, unit: day } }
  - { id: after, card: text.compose, inputs: { text: "started {{first.iso}}" } }`

describe('Wait For and Wait Until', () => {
  it('in a test run record the wait and go on at once', async () => {
    const run = await runFlow(flow(WAITING), {}, { now: at('2026-01-01T00:00:00Z') })
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'pause').waitUntil, '2026-01-03T00:00:00.000Z')
    assert.equal(card(run, 'pause').waitRecorded, true)
    assert.equal(card(run, 'after').status, 'succeeded')
  })

  it('in a suspending run end the run waiting, keeping what ran before', async () => {
    const run = await runFlow(flow(WAITING), {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    assert.equal(run.status, 'waiting')
    assert.equal(run.waitUntil, '2026-01-03T00:00:00.000Z')
    assert.equal(run.waitingCard, 'pause')
    assert.equal(card(run, 'first').status, 'succeeded')
    assert.equal(card(run, 'pause').status, 'waiting')
    assert.equal(card(run, 'after').status, 'skipped')
  })

  it('resume when due without running again what ran before the wait', async () => {
    const plan = flow(WAITING)
    const first = await runFlow(plan, {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    const opts: RunOptions = { now: at('2026-01-03T00:00:05Z'), waits: 'suspend', resume: first, runId: first.runId }
    const resumed = await runFlow(plan, {}, opts)
    assert.equal(resumed.status, 'succeeded')
    assert.equal(card(resumed, 'first').resumed, true)
    assert.equal(card(resumed, 'after').outputs.output, 'started 2026-01-01T00:00:00.000Z')
    assert.equal(card(resumed, 'pause').waitUntil, '2026-01-03T00:00:00.000Z')
  })

  it('resumed, run a helper\'s cards afresh even where their ids are those of cards before the wait', async () => {
    const helper = planOf(`name: H\ntrigger: { id: h, card: control.helperFlow }\ncards:\n  - { id: first, card: date.now }\n  - { id: r, card: control.return, inputs: { output: { at: "{{first.iso}}" } } }`)
    const plan = flow(`${WAITING}\n  - { id: call, card: control.callFlow, inputs: { flow: H, returns: [at] } }`)
    const opts: RunOptions = { waits: 'suspend', flows: () => helper }
    const first = await runFlow(plan, {}, { ...opts, now: at('2026-01-01T00:00:00Z') })
    const resumed = await runFlow(plan, {}, { ...opts, now: at('2026-01-04T00:00:00Z'), resume: first })
    assert.equal(card(resumed, 'call').outputs.at, '2026-01-04T00:00:00.000Z')
  })

  it('resumed by a store whose clock says the wait is over, go on though this engine\'s clock lags', async () => {
    const plan = flow(WAITING)
    const first = await runFlow(plan, {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    const resumed = await runFlow(plan, {}, { now: at('2026-01-02T23:59:59Z'), waits: 'suspend', resume: { ...first, due: true } })
    assert.equal(resumed.status, 'succeeded')
    assert.equal(card(resumed, 'pause').waitUntil, '2026-01-03T00:00:00.000Z')
  })

  it('resumed, do not answer again with a card that answered before the wait (Close)', async () => {
    const plan = flow(`  - { id: ack, card: http.close, inputs: { statusCode: 200, body: accepted } }
  - { id: pause, card: control.waitFor, inputs: { delay: 1, unit: hour } }
  - { id: done, card: control.return, inputs: { output: { late: true } } }`)
    const answers: unknown[] = []
    const opts: RunOptions = { waits: 'suspend', onAnswer: (a) => answers.push(a) }
    const first = await runFlow(plan, {}, { ...opts, now: at('2026-01-01T00:00:00Z') })
    assert.equal(answers.length, 1)
    const resumed = await runFlow(plan, {}, { ...opts, now: at('2026-01-01T02:00:00Z'), resume: first })
    assert.equal(resumed.status, 'succeeded')
    assert.equal(answers.length, 1, 'the resumed Close does not answer again')
    assert.deepEqual(resumed.result, first.result, 'what was answered stays the result')
  })

  it('resumed too early wait again until the same time', async () => {
    const plan = flow(WAITING)
    const first = await runFlow(plan, {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    const again = await runFlow(plan, {}, { now: at('2026-01-02T00:00:00Z'), waits: 'suspend', resume: first })
    assert.equal(again.status, 'waiting')
    assert.equal(again.waitUntil, '2026-01-03T00:00:00.000Z')
  })

  it('inside an If/Else branch suspend the run and resume inside the branch', async () => {
    const plan = flow(`  - id: test
    card: control.ifElse
    inputs: { a: 1, operator: equal, b: 1 }
    then:
      - { id: pause, card: control.waitUntil, inputs: { dateTime: "2026-01-02T00:00:00Z" } }
      - { id: inner, card: text.compose, inputs: { text: done } }
    else: []
    outputs:
      said: { then: "{{inner.output}}", else: none }
  - { id: after, card: text.compose, inputs: { text: "{{test.said}}" } }`)
    const first = await runFlow(plan, {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    assert.equal(first.status, 'waiting')
    assert.equal(first.waitingCard, 'pause')
    assert.equal(card(first, 'test').status, 'waiting')
    const resumed = await runFlow(plan, {}, { now: at('2026-01-02T00:00:01Z'), waits: 'suspend', resume: first })
    assert.equal(resumed.status, 'succeeded')
    assert.equal(card(resumed, 'after').outputs.output, 'done')
  })

  it('inside a helper flow fail clearly rather than suspend', async () => {
    const helper: FlowPlan = planOf(`name: H\ntrigger: { id: h, card: control.helperFlow }\ncards:\n  - { id: pause, card: control.waitFor, inputs: { delay: 1, unit: hour } }`)
    const run = await runFlow(flow(`  - { id: call, card: control.callFlow, inputs: { flow: H } }`), {}, { waits: 'suspend', flows: () => helper })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /a wait inside a helper flow cannot be suspended/)
  })

  it('a time already past still waits Okta\'s one-second minimum', async () => {
    const run = await runFlow(flow(`  - { id: pause, card: control.waitUntil, inputs: { dateTime: "2025-01-01T00:00:00Z" } }`), {}, { now: at('2026-01-01T00:00:00Z'), waits: 'suspend' })
    assert.equal(run.status, 'waiting')
    assert.equal(run.waitUntil, '2026-01-01T00:00:01.000Z')
  })
})

describe('Pause and Pause Raw', () => {
  const PAUSING = `  - { id: ask, card: control.pause, inputs: { values: { status: pending }, resumeFields: [approved] } }
  - { id: after, card: text.compose, inputs: { text: "approved: {{ask.approved}}" } }`

  it('in a test run record the pause and go on with the resume values null', async () => {
    const run = await runFlow(flow(PAUSING), {})
    assert.equal(run.status, 'succeeded')
    assert.equal(card(run, 'ask').paused, true)
    assert.equal(card(run, 'after').outputs.output, 'approved: ')
  })

  it('in a suspending run answer the caller and wait, with no due time, for a resume request', async () => {
    const plan = flow(PAUSING)
    const first = await runFlow(plan, {}, { waits: 'suspend' })
    assert.equal(first.status, 'waiting')
    assert.equal(first.waitUntil, undefined)
    assert.equal(first.waitingCard, 'ask')
    assert.deepEqual(first.result, { kind: 'values', values: { status: 'pending' } })
    const resumed = await runFlow(plan, {}, { waits: 'suspend', resume: { ...first, resumeWith: { headers: {}, body: { approved: true }, query: {} } } })
    assert.equal(resumed.status, 'succeeded')
    assert.equal(card(resumed, 'after').outputs.output, 'approved: true')
  })

  it('resumed, take only the body\'s own fields as outputs, null for the others', async () => {
    const plan = flow(`  - { id: ask, card: control.pause, inputs: { resumeFields: [approved, constructor] } }`)
    const first = await runFlow(plan, {}, { waits: 'suspend' })
    const resumed = await runFlow(plan, {}, { waits: 'suspend', resume: { ...first, resumeWith: { body: ['not', 'an', 'object'] } } })
    assert.deepEqual(card(resumed, 'ask').outputs, { approved: null, constructor: null })
    const again = await runFlow(plan, {}, { waits: 'suspend', resume: { ...first, resumeWith: { body: { approved: 'yes' } } } })
    assert.deepEqual(card(again, 'ask').outputs, { approved: 'yes', constructor: null })
  })

  it('Pause Raw gives the resume request\'s headers and body', async () => {
    const plan = flow(`  - { id: ask, card: control.pauseRaw, inputs: { body: wait } }`)
    const first = await runFlow(plan, {}, { waits: 'suspend' })
    const resumed = await runFlow(plan, {}, { waits: 'suspend', resume: { ...first, resumeWith: { headers: { 'x-a': '1' }, body: 'ok', query: {} } } })
    assert.deepEqual(card(resumed, 'ask').outputs, { Headers: { 'x-a': '1' }, Body: 'ok' })
  })

  it('Pause Raw answers with its status, headers and body', async () => {
    const run = await runFlow(flow(`  - { id: ask, card: control.pauseRaw, inputs: { statusCode: 200, headers: { Content-Type: text/plain }, body: wait } }`), {}, { waits: 'suspend' })
    assert.equal(run.status, 'waiting')
    assert.deepEqual(run.result, { kind: 'http', statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'wait' })
  })
})
