/** The importer on a small hand-made export: structure, references, branches, helpers, comments, unsupported cards. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { loadFlowSource } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { FlopackError, importFlopack } from '../../importer/index.ts'
import { importFile, plansOf } from './helpers.ts'
import { registry } from '../../cards/index.ts'

const FIXTURE = new URL('../fixtures/importer/tiny.flopack', import.meta.url)
const flows = importFile(FIXTURE)
const byName = new Map(flows.map((f) => [f.flow.name, f]))
const main = byName.get('Tell who changed a profile')!
const helper = byName.get('Greet')!

describe('flow import', () => {
  it('writes one file per flow, helper flows included, named after the flow', () => {
    assert.deepEqual(flows.map((f) => f.file).sort(), ['greet.yaml', 'tell-who-changed-a-profile.yaml'])
  })

  it('runs the event card once per event: the For Each helper\'s cards become the flow\'s own', () => {
    const doc = parse(main.yaml)
    assert.equal(doc.trigger.card, 'okta.userProfileUpdated')
    assert.deepEqual(doc.cards.map((c: { id: string }) => c.id), ['ifElse', 'callFlow', 'soundex'])
  })

  it('turns pins through expanded fields into references and If/Else + Join into declared outputs', () => {
    const [ifElse] = parse(main.yaml).cards
    assert.deepEqual(ifElse.inputs, { a: '{{userOktaProfileUpdated.Actor.ID}}', operator: 'equal', b: '{{userOktaProfileUpdated.Okta User.ID}}' })
    assert.deepEqual(ifElse.outputs, { who: { then: '{{compose.output}}', else: '{{compose2.output}}' } })
    assert.equal(ifElse.then[0].inputs.text, 'you did it')
  })

  it('links Call Flow to the helper by name and declares what it returns', () => {
    const call = parse(main.yaml).cards[1]
    assert.deepEqual(call.inputs, { flow: 'Greet', inputs: { who: '{{userOktaProfileUpdated.Okta User.ID}}' }, returns: ['greeting'] })
    assert.deepEqual(parse(helper.yaml).trigger, { id: 'helperFlow', card: 'control.helperFlow', options: { inputs: ['who'] } })
  })

  it('turns Compose fields into references and keeps literal braces as text', () => {
    assert.equal(parse(helper.yaml).cards[0].inputs.text, 'Hi {{helperFlow.who}}, see \\{{docs}}')
  })

  it('keeps Okta comments as YAML comments above the card', () => {
    assert.match(main.yaml, /# Who changed it\?\n\s+# Compare the actor with the user\.\n\s+- id: ifElse/)
  })

  it('keeps an unknown card with its address and inputs, and validate reports it at its line', () => {
    const odd = parse(main.yaml).cards[2]
    assert.deepEqual(odd.inputs, { address: 'root:kernel:string:0.0.1:soundex', name: 'Soundex', inputs: { text: '{{callFlow.greeting}}' }, outputs: ['output'] })
    const { errors } = loadFlowSource(main.yaml, 'main.yaml', registry)
    assert.equal(errors.length, 1)
    const line = main.yaml.split('\n').findIndex((l) => l.includes('- id: soundex')) + 1
    assert.equal(errors[0]!.location?.line, line)
    assert.match(errors[0]!.message, /unsupported Okta card root:kernel:string:0\.0\.1:soundex \("Soundex"\)/)
    assert.deepEqual(main.flow.unsupported, ['root:kernel:string:0.0.1:soundex'])
  })

  it('gives card ids that are unique and valid', () => {
    const ids = [...main.yaml.matchAll(/- id: (\S+)/g)].map((m) => m[1]!)
    assert.equal(new Set(ids).size, ids.length)
    for (const id of ids) assert.match(id, /^[A-Za-z_][A-Za-z0-9_-]*$/)
  })

  it('runs the imported flow with its helper: the branch that ran and the helper\'s Return', async () => {
    const runnable = main.yaml.slice(0, main.yaml.indexOf('  - id: soundex'))
    const plans = plansOf([helper, { ...main, yaml: runnable }])
    const plan = plans.get('Tell who changed a profile')!
    const event = { Actor: { ID: '00uAdmin' }, 'Okta User': { ID: '00uJane' }, 'Changed Attributes': 'email' }
    const run = await runFlow(plan, event, { dryRun: true, flows: (n) => plans.get(n) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const out = (id: string) => run.cards.find((c) => c.id === id)?.outputs
    assert.equal(out('ifElse')?.who, 'someone else did it')
    assert.match(String(out('callFlow')?.greeting), /^Hi 00uJane, see /)
  })

  it('renders literal braces from Okta text unchanged', async () => {
    const plans = plansOf([helper])
    const run = await runFlow(plans.get('Greet')!, { who: 'Ann' }, { dryRun: true })
    assert.equal(run.cards.find((c) => c.id === 'compose')?.outputs.output, 'Hi Ann, see {{docs}}')
  })

  it('rejects a file that is not an Okta export with one clear error', () => {
    assert.throws(() => importFlopack('{"type":"zip"}', 'x.flopack', registry), (e: unknown) => e instanceof FlopackError && /not an Okta Workflows export/.test(e.message))
    assert.throws(() => importFlopack('{oops', 'x.flopack', registry), /x\.flopack: not JSON/)
  })
})
