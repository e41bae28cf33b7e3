import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { graph } from '../../cli/graph.ts'
import { flowGraph, toMermaid } from '../../ui/graph.ts'
import { renderSvg } from '../../ui/svg.ts'
import { planOf, ROOT } from '../helpers.ts'
import { FLOWS } from './helpers.ts'

const FLOW = readFileSync(join(FLOWS, 'profile-notify.yaml'), 'utf8')
const CARD_IDS = ['event', 'greeting', 'worthTelling', 'onlyTitle', 'titleNote', 'post']

/** Every tag closes in order, attributes are quoted, and no raw `<` or `&` is left in text. */
function assertWellFormed(xml: string): void {
  const stack: string[] = []
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g
  let last = 0
  for (const m of xml.matchAll(tag)) {
    const text = xml.slice(last, m.index)
    assert.doesNotMatch(text, /<|&(?!(amp|lt|gt|quot|#39);)/, `stray markup before ${m[0]}`)
    last = m.index + m[0].length
    if (m[4] === '/') continue
    if (m[1] === '/') assert.equal(stack.pop(), m[2], `</${m[2]}> closes the wrong element`)
    else stack.push(m[2]!)
  }
  assert.doesNotMatch(xml.slice(last), /[<&]/)
  assert.deepEqual(stack, [], 'unclosed elements')
}

describe('flow graph', () => {
  it('has a node for the trigger and every card, branches in order and a join with the declared outputs', () => {
    const g = flowGraph(planOf(FLOW))
    for (const id of CARD_IDS) assert.ok(g.nodes.some((n) => n.cardId === id && n.kind !== 'join' && n.kind !== 'stop'), id)
    const fromIf = g.edges.filter((e) => e.from === 'c:onlyTitle' && e.label !== undefined)
    assert.deepEqual(fromIf, [
      { from: 'c:onlyTitle', to: 'c:titleNote', label: 'then' },
      { from: 'c:onlyTitle', to: 'c:post', label: 'else' },
    ])
    assert.deepEqual(g.nodes.find((n) => n.key === 'j:onlyTitle')?.lines, ['→ note'])
    assert.ok(g.edges.some((e) => e.from === 'c:titleNote' && e.to === 'j:onlyTitle'))
    assert.ok(g.edges.some((e) => e.from === 'c:post' && e.to === 'j:onlyTitle'))
  })

  it('marks connector cards with their connection and shows where Continue If stops', () => {
    const g = flowGraph(planOf(FLOW))
    const post = g.nodes.find((n) => n.key === 'c:post')!
    assert.equal(post.kind, 'connector')
    assert.deepEqual(post.lines, ['Slack - Send Message to Channel', 'slack · ops'])
    const stop = g.nodes.find((n) => n.key === 's:worthTelling')!
    assert.deepEqual(stop.lines, ['Only the nickname changed; nobody needs to know.'])
    assert.ok(g.edges.some((e) => e.from === 'c:worthTelling' && e.to === 's:worthTelling' && e.label === 'false'))
  })

  it('joins an empty branch straight from the branching card', () => {
    const plan = planOf(`name: f
trigger: { id: t, card: okta.userProfileUpdated }
cards:
  - id: pick
    card: control.ifElse
    inputs: { a: 1, operator: equal, b: 1 }
    then:
      - { id: yes, card: text.compose, inputs: { text: y } }
    else: []
`)
    assert.ok(flowGraph(plan).edges.some((e) => e.from === 'c:pick' && e.to === 'j:pick' && e.label === 'else'))
  })

  it('draws well-formed SVG holding every card id, with labels and text escaped', () => {
    const plan = planOf(FLOW.replace('name: Tell a user about a profile change', 'name: "Tell <b>&</b> \\"them\\""'))
    const svg = renderSvg(flowGraph(plan))
    assertWellFormed(svg)
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"/)
    for (const id of CARD_IDS) assert.match(svg, new RegExp(`data-card="${id}"`))
    assert.match(svg, /<title>Tell &lt;b&gt;&amp;&lt;\/b&gt; &quot;them&quot;<\/title>/)
    assert.match(svg, />then<\/text>/)
    assert.match(svg, />else<\/text>/)
    assert.match(svg, /data-kind="connector"/)
    assert.match(svg, />→ note<\/tspan>/)
  })

  it('colours the cards of a run by status', () => {
    const svg = renderSvg(flowGraph(planOf(FLOW)), { statuses: new Map([['post', 'failed'], ['titleNote', 'skipped']]) })
    assert.match(svg, /class="node connector status-failed" id="card-post"/)
    assert.match(svg, /class="node function status-skipped" id="card-titleNote"/)
  })

  it('writes Mermaid with shapes, labelled branch edges and escaped labels', () => {
    const plan = planOf(FLOW.replace('message: Only the nickname changed; nobody needs to know.', 'message: \'Say "hi" <b>#1</b> | x\''))
    const text = toMermaid(flowGraph(plan))
    const lines = text.split('\n')
    assert.equal(lines[0], 'flowchart TD')
    assert.ok(lines.includes('  n0(["event<br/>Okta - User Okta Profile Updated"])'))
    assert.ok(lines.includes('  n6[["post<br/>Slack - Send Message to Channel<br/>slack · ops"]]'))
    assert.ok(lines.includes('  n4 -->|"then"| n5'))
    assert.ok(lines.includes('  n4 -->|"else"| n6'))
    assert.ok(lines.includes('  n3>"stop<br/>Say #34;hi#34; #60;b#62;#35;1#60;/b#62; #124; x"]'), text)
    assert.ok(lines.includes('  class n6 connector'))
    const nodeLine = /^ {2}n\d+[([{>]+"[^"]*"[)\]}]+$/
    const edgeLine = /^ {2}n\d+ -->(\|"[^"]*"\|)? n\d+$/
    for (const l of lines.slice(2, -3)) assert.ok(nodeLine.test(l) || edgeLine.test(l), `not one quoted label: ${l}`)
  })
})

describe('flow graph (CLI)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/flow.js'), 'graph', ...args], { encoding: 'utf8' })

  it('writes the SVG to a file and prints Mermaid with --mermaid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-graph-'))
    try {
      const out = join(dir, 'flow.svg')
      const r = cli(join(FLOWS, 'profile-notify.yaml'), '-o', out, '--mermaid')
      assert.equal(r.status, 0, r.stderr)
      assert.match(readFileSync(out, 'utf8'), /data-card="post"/)
      assert.match(r.stdout, /^flowchart TD\n/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('prints SVG without -o, and locates the problems of a flow that does not check', () => {
    assert.match(cli(join(FLOWS, 'profile-notify.yaml')).stdout, /^<svg /)
    const r = cli(join(FLOWS, 'broken.yaml'))
    assert.equal(r.status, 2)
    assert.match(r.stderr, /broken\.yaml:7:11: unknown card type "text\.compse"/)
  })
})

it('keeps an unwritable output path an error, not a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cardflow-graph-'))
  try {
    writeFileSync(join(dir, 'file'), '')
    assert.equal(await graph(join(FLOWS, 'profile-notify.yaml'), { output: join(dir, 'file', 'x.svg') }), 2)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
