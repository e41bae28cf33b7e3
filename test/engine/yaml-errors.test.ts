/** YAML mistakes are reported at their cause, in plain words, once. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseYaml } from '../../engine/parse.ts'
import { problemsOf } from '../helpers.ts'

const FLOW_HEAD = 'name: x\ntrigger: { id: e, card: okta.userProfileUpdated }\ncards:\n'

/** [what, YAML, expected "line:col: message" pattern] */
const CASES: [string, string, RegExp][] = [
  ['an unclosed [ is reported where it opens', `${FLOW_HEAD}  - id: a\n    card: list.construct\n    inputs:\n      items: [a, b\n  - id: b\n    card: text.compose\n    inputs:\n      text: hi\n`, /^7:14: the "\[" that starts here is never closed \(a "\]" is missing\)$/],
  ['an unclosed { on the trigger line', 'name: x\ntrigger: { id: e, card: okta.userProfileUpdated\ncards:\n  - id: a\n    card: text.compose\n', /^2:10: the "\{" that starts here is never closed/],
  ['a key indented more than its siblings, at that key', `${FLOW_HEAD}  - id: a\n    card: text.compose\n     inputs:\n      text: hi\n`, /^6:6: the key "inputs" is indented more than "card" above it \(5 spaces, 4 expected\)/],
  ['a key indented less than its siblings, at that key', 'name: x\ncards:\n  - id: a\n   card: b\n', /^4:4: the key "card" is not lined up with "id" above it \(3 spaces where "id" has 4\)/],
  ['a key between two levels', 'a:\n  b:\n    c: 1\n   d: 2\n', /^4:4: the key "d" is not lined up with "c"/],
  ['a value holding ": " unquoted', `${FLOW_HEAD}  - id: a\n    card: text.compose\n    inputs:\n      text: Hello: {{e.Message}}\n`, /^7:13: the value holds ": " .* put the whole value in quotes/],
  ['a missing colon', 'cards:\n  - id: a\n    inputs:\n      x: 1\n    card b\n', /^5:5: expected "key: value" here: is a ":" missing after "card"\?/],
  ['an unclosed double quote, where it opens', 'name: "x\ntrigger: {}\ncards: []\n', /^1:7: the double quote that starts here is never closed/],
  ['a tab used to indent', 'name: x\ntrigger:\n\tid: e\n', /^3:1: a tab is used to indent this line/],
  ['a key given twice', 'name: a\nname: b\n', /^2:1: the key "name" is given twice in the same map/],
  ['brackets and quotes inside a block text are the author\'s', `${FLOW_HEAD}  - id: a\n    inputs:\n      text: |\n        [not a list "nor a quote\n      items: [a, b\n`, /^8:14: the "\[" that starts here is never closed/],
]

describe('YAML errors', () => {
  for (const [what, yaml, expected] of CASES) {
    it(what, () => {
      const errors = parseYaml(yaml, 'f.yaml').errors.map((e) => e.describe().replace(/^f\.yaml:/, ''))
      assert.equal(errors.length, 1, `one message for one mistake: ${errors.join(' | ')}`)
      assert.match(errors[0]!, expected)
      assert.doesNotMatch(errors[0]!, /compact mapping|[Ii]mplicit (map )?keys|Nested mappings/, 'no parser jargon')
    })
  }

  it('keeps the parser\'s words, marked, for a mistake it cannot explain better', () => {
    const [error] = parseYaml('a:\n  - x\n  y: 1\n', 'f.yaml').errors
    assert.match(error!.describe(), /^f\.yaml:3:1: YAML: /)
  })

  it('reports a typo in a card type once, not again for every reference to that card', () => {
    const problems = problemsOf(`${FLOW_HEAD}  - id: note\n    card: text.compse\n    inputs:\n      text: hi\n  - id: again\n    card: text.compose\n    inputs:\n      text: "{{note.output}} and {{note.output}}"\n    then: []\n`)
    assert.equal(problems.length, 2, problems.join('\n'))
    assert.match(problems[0]!, /^5:11: unknown card type "text.compse" \(did you mean "text.compose"\?\)/)
    assert.match(problems[1]!, /unknown key "then"/, 'a real mistake on another card is still reported')
  })
})
