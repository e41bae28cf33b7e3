import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runFlow } from '../../engine/run.ts'
import { card, planOf } from '../helpers.ts'

const helper = (name: string, text: string) =>
  planOf(`name: ${name}
trigger: { id: h, card: control.helperFlow, options: { inputs: [who] } }
cards:
  - { id: out, card: control.return, inputs: { output: { said: "${text} {{h.who}}" } } }
`)
const HELPERS = [helper('Small', 'small'), helper('Big', 'big'), helper('Other', 'other')]

const main = planOf(`name: sizes
trigger: { id: t, card: control.helperFlow, options: { inputs: [n] } }
cards:
  - id: size
    card: control.ifElseIf
    inputs:
      cases:
        - { a: "{{t.n}}", operator: less than, b: 10, flow: Small, inputs: { who: Ann } }
        - { a: "{{t.n}}", operator: less than, b: 100, flow: Big, inputs: { who: Bob } }
      otherwise: { flow: Other, inputs: { who: Cy } }
      returns: [said]
  - { id: show, card: text.compose, inputs: { text: "{{size.said}} ({{size.branch}})" } }
`)

const sizeOf = async (n: number) => {
  const run = await runFlow(main, { n }, { dryRun: true, flows: (name) => HELPERS.find((h) => h.name === name) })
  assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
  return card(run, 'show').outputs.output
}

describe('Branching - If/ElseIf', () => {
  it('runs the helper of the first case that holds, else the otherwise flow', async () => {
    assert.equal(await sizeOf(3), 'small Ann (1)')
    assert.equal(await sizeOf(30), 'big Bob (2)')
    assert.equal(await sizeOf(300), 'other Cy (0)')
  })

  it('gives empty values and branch -1 when nothing holds and there is no otherwise', async () => {
    const plan = planOf(`name: none
trigger: { id: t, card: control.helperFlow }
cards:
  - { id: b, card: control.ifElseIf, inputs: { cases: [{ a: 1, operator: equal, b: 2, flow: Small }], returns: [said] } }
`)
    const run = await runFlow(plan, {}, { dryRun: true, flows: () => undefined })
    assert.deepEqual(card(run, 'b').outputs, { said: null, branch: -1 })
  })
})
