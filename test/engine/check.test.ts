import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { problemsOf } from '../helpers.ts'

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userProfileUpdated\ncards:\n'

describe('flow validation', () => {
  it('accepts a valid flow', () => {
    assert.deepEqual(problemsOf(`${HEAD}  - id: a\n    card: text.compose\n    inputs: { text: "hi {{event.Okta User.Alternate ID}}" }\n`), [])
  })

  it('reports an unknown card type with a suggestion', () => {
    assert.deepEqual(problemsOf(`${HEAD}  - id: a\n    card: text.compse\n`), ['7:11: unknown card type "text.compse" (did you mean "text.compose"?)'])
  })

  it('reports an unknown input and a missing one', () => {
    const problems = problemsOf(`${HEAD}  - id: a\n    card: text.split\n    inputs:\n      txt: x\n`)
    assert.deepEqual(problems, ['9:7: card "a" (text.split) has no input "txt" (did you mean "text"?)', '9:7: card "a" input "text": required'])
  })

  it('reports a literal of the wrong type', () => {
    const problems = problemsOf(`${HEAD}  - id: a\n    card: list.join\n    inputs:\n      list: [a]\n      separator: 5\n`)
    assert.deepEqual(problems, ['10:18: card "a" input "separator": must be string'])
  })

  it('reports an operator that is not one of the comparisons', () => {
    const [p] = problemsOf(`${HEAD}  - id: a\n    card: control.continueIf\n    inputs: { a: 1, operator: equals, b: 1 }\n`)
    assert.match(p!, /^8:31: card "a" input "operator": must be one of "equal", "not equal"/)
  })

  it('reports duplicate ids, including the trigger id', () => {
    const problems = problemsOf(`${HEAD}  - id: event\n    card: text.compose\n    inputs: { text: x }\n`)
    assert.deepEqual(problems, ['6:5: duplicate id "event" (first used at line 3)'])
  })

  it('reports a reference to an unknown card with a suggestion', () => {
    const problems = problemsOf(`${HEAD}  - id: a\n    card: text.compose\n    inputs: { text: "{{evnt.Actor.ID}}" }\n`)
    assert.deepEqual(problems, ['8:21: card "a": unknown card "evnt" in {{evnt.Actor.ID}} (did you mean "event"?)'])
  })

  it('reports an output the card does not have, and a field of an output', () => {
    const problems = problemsOf(
      `${HEAD}  - id: a\n    card: text.compose\n    inputs: { text: "{{event.Okta user.ID}} {{event.Actor.Alternate Id}}" }\n`,
    )
    assert.deepEqual(problems, [
      '8:21: card "a": card "event" has no output "Okta user" (did you mean "Okta User"?)',
      '8:21: card "a": "event.Actor" has no field "Alternate Id" (did you mean "Alternate ID"?)',
    ])
  })

  it('reports a reference into a branch from outside it', () => {
    const problems = problemsOf(
      `${HEAD}  - id: b\n    card: control.ifElse\n    inputs: { a: 1, operator: equal, b: 1 }\n    then:\n      - id: inner\n        card: text.compose\n        inputs: { text: x }\n  - id: after\n    card: text.compose\n    inputs: { text: "{{inner.output}}" }\n`,
    )
    assert.equal(problems.length, 1)
    assert.match(problems[0]!, /^15:21: card "after": "inner" is inside the "then" branch of "b" and is not visible here/)
  })

  it('reports a reference to a later card as a cycle, and a self reference', () => {
    const problems = problemsOf(
      `${HEAD}  - id: a\n    card: text.compose\n    inputs: { text: "{{b.output}}" }\n  - id: b\n    card: text.compose\n    inputs: { text: "{{b.output}}" }\n`,
    )
    assert.deepEqual(problems, [
      '8:21: card "a": "b" runs after "a" (line 9); cards run top to bottom, so this reference would be a cycle',
      '11:21: card "b": {{b.output}} refers to the card itself (a cycle)',
    ])
  })

  it('reports every problem at once', () => {
    const problems = problemsOf(`name: t\nextra: 1\ntrigger:\n  id: event\n  card: okta.nope\ncards:\n  - id: a\n    card: nope\n  - card: text.compose\n`)
    assert.equal(problems.length, 4, problems.join('\n'))
  })

  it('checks declared If/Else outputs: each branch maps a value', () => {
    const problems = problemsOf(
      `${HEAD}  - id: b\n    card: control.ifElse\n    inputs: { a: 1, operator: equal, b: 1 }\n    outputs:\n      x: { then: 1 }\n`,
    )
    assert.deepEqual(problems, ['10:10: card "b" output "x": no value for branch "else"'])
  })

  it('checks trigger options', () => {
    const problems = problemsOf('name: t\ntrigger:\n  id: e\n  card: okta.userUnassignedFromApplication\n  options: { application: 5 }\ncards: []\n')
    assert.deepEqual(problems, ['5:12: trigger "e" "options.application": must be string'])
  })

  it('knows dynamic outputs of Object Get Multiple', () => {
    const yaml = `${HEAD}  - id: get\n    card: object.getMultiple\n    inputs: { object: "{{event.Actor}}", paths: { id: ID } }\n  - id: use\n    card: text.compose\n    inputs: { text: "{{get.id}} {{get.nope}}" }\n`
    assert.deepEqual(problemsOf(yaml), ['11:21: card "use": card "get" has no output "nope"'])
  })
})
