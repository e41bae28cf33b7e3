/** Okta's three export files: a pack (`.flopack`), a folder (`.folder`), one flow (`.flow`); the same JSON. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { findFlopacks, reportDir } from '../../importer/report.ts'
import { importFile } from './helpers.ts'

const PACK = new URL('../fixtures/importer/tiny.flopack', import.meta.url)
/** One flow exported alone: the helper it calls is listed by name with `data: null`. */
const SINGLE = new URL('../fixtures/importer/tiny-single.flow', import.meta.url)
const BIN = fileURLToPath(new URL('../../bin/flow.js', import.meta.url))

describe('flow import of .flow and .folder exports', () => {
  it('imports a single-flow export; the helper it names without cards is not a flow of its own', () => {
    const flows = importFile(SINGLE)
    assert.deepEqual(flows.map((f) => f.file), ['tell-who-changed-a-profile.yaml'])
    const call = parse(flows[0]!.yaml).cards.find((c: { card: string }) => c.card === 'control.callFlow')
    assert.equal(call.inputs.flow, 'Greet', 'the call keeps the helper name the export gives')
    // The fixture keeps one card cardflow lacks (Soundex) on purpose; it is the only problem.
    const errors = loadFlowSource(flows[0]!.yaml, flows[0]!.file, registry).errors.map((e) => e.message)
    assert.equal(errors.length, 1)
    assert.match(errors[0]!, /unsupported Okta card root:kernel:string:0\.0\.1:soundex/)
  })

  it('--report finds .flopack, .folder and .flow files, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-kinds-'))
    try {
      copyFileSync(PACK, join(dir, 'pack.flopack'))
      copyFileSync(PACK, join(dir, 'whole.folder'))
      copyFileSync(SINGLE, join(dir, 'one.flow'))
      writeFileSync(join(dir, 'notes.json'), '{}')
      assert.deepEqual(findFlopacks(dir).map((f) => f.template), ['one', 'pack', 'whole'])
      const reports = reportDir(dir, registry)
      assert.deepEqual(reports.map((r) => [r.template, r.flows, r.valid, r.error]), [['one', 1, 0, undefined], ['pack', 2, 1, undefined], ['whole', 2, 1, undefined]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('flow import writes the flows of a .flow file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-kinds-'))
    try {
      const r = spawnSync(process.execPath, [BIN, 'import', fileURLToPath(SINGLE), '-o', dir], { encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
      assert.ok(existsSync(join(dir, 'tell-who-changed-a-profile.yaml')))
      assert.match(r.stdout, /tell-who-changed-a-profile\.yaml {2}5 cards, 1 unsupported/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
