/** Okta converts values along pins: JSON text to a value and back become a JSON card before the card that reads it. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { importFlopack } from '../../importer/index.ts'

type Methods = { uuid: string; pins: Record<string, Record<string, { input: string; transform: unknown }[]>> }[]

/** tiny.flopack with its helper flow's Compose → Return pin converted as `convert` says. */
function tinyWith(convert: string): ReturnType<typeof importFlopack> {
  const pack = JSON.parse(readFileSync(new URL('../fixtures/importer/tiny.flopack', import.meta.url), 'utf8'))
  const compose = (pack.data.flos['helper-uuid'].data.methods as Methods).find((m) => m.uuid === 'h-compose')!
  compose.pins['hc-out']!['h-return']![0]!.transform = { 'hc-out': { convert, forceWrapArray: false, dest: 'hc-out' } }
  return importFlopack(JSON.stringify(pack), 'tiny.flopack', registry)
}

const greet = (flows: ReturnType<typeof importFlopack>) => flows.find((f) => f.flow.name === 'Greet')!

describe('conversions along pins', () => {
  it('parses JSON text with a JSON Parse card placed before the card that reads it', async () => {
    const flows = tinyWith('parse')
    const cards = parse(greet(flows).yaml).cards as { id: string; card: string; inputs: Record<string, unknown> }[]
    assert.deepEqual(cards.map((c) => c.card), ['text.compose', 'json.parse', 'control.return'])
    assert.equal(cards[1]!.inputs.string, '{{compose.output}}')
    assert.deepEqual(cards[2]!.inputs.output, { greeting: `{{${cards[1]!.id}.output}}` })
    // the helper composes text; here the text is JSON, as a flow that parses it would make
    const { plan, errors } = loadFlowSource(greet(flows).yaml, greet(flows).file, registry)
    assert.deepEqual(errors, [])
    const run = await runFlow(plan!, { who: 'Ann' }, { dryRun: true })
    // "Hi Ann, see {{docs}}" is not JSON: the parse card fails the run where Okta's conversion would
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.cardId, cards[1]!.id)
  })

  it('writes a value as JSON text with a JSON Stringify card', () => {
    const cards = parse(greet(tinyWith('stringify')).yaml).cards as { card: string; inputs: Record<string, unknown> }[]
    assert.deepEqual(cards.map((c) => c.card), ['text.compose', 'json.stringify', 'control.return'])
    assert.equal(cards[1]!.inputs.object, '{{compose.output}}')
  })

  it('leaves the other conversions as plain references, and wraps a value in a list for wrapArray', () => {
    assert.deepEqual((parse(greet(tinyWith('toString')).yaml).cards as { card: string }[]).map((c) => c.card), ['text.compose', 'control.return'])
    const wrapped = parse(greet(tinyWith('wrapArray')).yaml).cards.at(-1)
    assert.deepEqual(wrapped.inputs.output, { greeting: ['{{compose.output}}'] })
  })
})
