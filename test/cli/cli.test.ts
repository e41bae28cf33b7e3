import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from '../helpers.ts'

const fixture = (name: string) => join('test/fixtures/cli', name)

function flow(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/flow.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('flow validate', () => {
  it('exits 0 for valid files and 1 with every located problem for invalid ones', () => {
    const ok = flow('validate', fixture('profile.yaml'))
    assert.equal(ok.code, 0, ok.err)
    const bad = flow('validate', fixture('profile.yaml'), fixture('broken.yaml'))
    assert.equal(bad.code, 1)
    assert.match(bad.err, /^test\/fixtures\/cli\/broken\.yaml:7:11: unknown card type "text.composee" \(did you mean "text.compose"\?\)$/m)
    assert.match(bad.err, /^test\/fixtures\/cli\/broken\.yaml:10:21: card "b": card "event" has no output "Changed Atributes" \(did you mean "Changed Attributes"\?\)$/m)
    assert.match(bad.err, /1 valid, 1 invalid/)
  })

  it('reports a missing file', () => {
    const r = flow('validate', 'nope.yaml')
    assert.equal(r.code, 1)
    assert.match(r.err, /^nope\.yaml:1:1: cannot read flow: no such file$/m)
  })
})

describe('flow test', () => {
  it('prints the flow history of a docs-shape input', () => {
    const r = flow('test', fixture('profile.yaml'), '--input', fixture('docs-input.json'))
    assert.equal(r.code, 0, r.err)
    assert.match(r.out, /^Profile \(test\/fixtures\/cli\/profile\.yaml\): succeeded in /m)
    assert.match(r.out, /✓ succeeded {2}msg {2}text\.compose/)
    assert.match(r.out, /out {2}output: "jane@example.com changed firstName,mobilePhone"/)
  })

  it('prints one JSON document per event of a hook body, one per line', () => {
    const r = flow('test', fixture('profile.yaml'), '--input', 'test/fixtures/inputs/hook-two-profile-events.json', '--json')
    assert.equal(r.code, 0, r.err)
    const runs = r.out.trim().split('\n').map((l) => JSON.parse(l))
    assert.equal(runs.length, 2)
    for (const run of runs) {
      assert.equal(run.status, 'succeeded')
      assert.deepEqual(Object.keys(run.cards[0]).sort(), ['card', 'durationMs', 'id', 'inputs', 'outputs', 'status'])
      assert.deepEqual(run.outbound, [])
    }
    assert.equal(runs[0].cards[0].outputs.output, 'user@example.com changed email,mobilePhone')
  })

  it('exits 1 when the run fails and 0 when it stops', () => {
    const failed = flow('test', fixture('fails.yaml'), '--input', fixture('docs-input.json'), '--json')
    assert.equal(failed.code, 1)
    assert.equal(JSON.parse(failed.out).status, 'failed')
    const stopped = flow('test', fixture('stops.yaml'), '--input', fixture('docs-input.json'))
    assert.equal(stopped.code, 0)
    assert.match(stopped.out, /stopped: only title changes matter/)
  })

  it('exits 2 with a location for input that is not JSON, and names missing fields', () => {
    const r = flow('test', fixture('profile.yaml'), '--input', fixture('not-json.json'))
    assert.equal(r.code, 2)
    assert.match(r.err, /^test\/fixtures\/cli\/not-json\.json:3:12: not valid JSON: expected a value at 3:12, found `,`$/m)
    const m = flow('test', fixture('profile.yaml'), '--input', fixture('missing-fields.json'))
    assert.equal(m.code, 2)
    assert.match(m.err, /missing "Okta User"/)
  })

  it('exits 2 for an invalid flow and for bad usage', () => {
    assert.equal(flow('test', fixture('broken.yaml'), '--input', fixture('docs-input.json')).code, 2)
    assert.equal(flow('test', fixture('profile.yaml')).code, 2)
    assert.equal(flow('test', '--bogus').code, 2)
  })

  it('runs test files and ends with N passed, N failed', () => {
    const ok = flow('test', fixture('profile.test.yaml'))
    assert.equal(ok.code, 0, ok.out)
    assert.match(ok.out, /^2 passed, 0 failed$/m)
    const bad = flow('test', fixture('failing.test.yaml'))
    assert.equal(bad.code, 1)
    assert.match(bad.out, /failing\.test\.yaml:3:5: cards\.msg\.outputs\.output: expected "nobody", got "jane@example.com changed firstName,mobilePhone"/)
    assert.match(bad.out, /^0 passed, 1 failed$/m)
  })

  it('has help', () => {
    const r = flow('test', '--help')
    assert.equal(r.code, 0)
    assert.match(r.out, /--dry-run/)
    assert.match(r.out, /Exit codes: 0 succeeded or stopped, 1 failed, 2 invalid/)
  })
})
