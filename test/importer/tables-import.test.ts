/**
 * Exports with tables: `flow import` writes each table's definition (and its rows, where the
 * export has them) beside the flows, names the tables in the cards that use them, and the
 * imported flow runs under `flow test` on fixtures, never on a served engine's rows.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { exportedTables } from '../../importer/tables.ts'
import { ROOT } from '../helpers.ts'

const EXPORT = join(ROOT, 'test/fixtures/import/sign-in-log.flopack')

function flow(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/flow.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('importing an export that uses tables', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-import-tables-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the table definition and rows, and flows that name the table and validate', () => {
    const r = flow('import', EXPORT, '-o', dir)
    assert.equal(r.code, 0, r.err)
    assert.match(r.out, /tables\/sign-in-log\.yaml {2}table, 3 column\(s\), 1 row\(s\)/)
    assert.match(r.out, /log-a-sign-in\.yaml {2}3 cards, 0 unsupported, valid/)
    assert.match(readFileSync(join(dir, 'tables/sign-in-log.yaml'), 'utf8'), /- name: count\n {4}type: number/)
    assert.equal(readFileSync(join(dir, 'tables/sign-in-log.csv'), 'utf8'), 'email,count,last\r\nann@example.com,4,2026-11-01T08:00:00.000Z\r\n')
    const yaml = readFileSync(join(dir, 'log-a-sign-in.yaml'), 'utf8')
    assert.match(yaml, /card: table\.searchRows\n {4}inputs:\n {6}Table: sign-in-log\n {6}Result Set: First matching row/)
    assert.match(yaml, /value: "\{\{helperFlow\.email\}\}"/, 'a filter value taken from another card stays a reference')
    assert.match(yaml, /a: "\{\{searchRows\.Row\.count\}\}"/, "an output of a first-row search reads the row's column")
    const v = flow('validate', join(dir, 'log-a-sign-in.yaml'), join(dir, 'tables/sign-in-log.yaml'))
    assert.equal(v.code, 0, v.err)
  })

  it('runs the imported flow with flow test on the exported rows as fixtures', () => {
    writeFileSync(
      join(dir, 'log-a-sign-in.test.yaml'),
      [
        'flow: log-a-sign-in.yaml',
        'tables:',
        '  sign-in-log: tables/sign-in-log.csv',
        'cases:',
        '  - name: a known user counts on',
        '    input: { email: ann@example.com, at: "2026-11-20T10:00:00Z" }',
        '    expect:',
        '      status: succeeded',
        '      tables:',
        '        sign-in-log:',
        '          - { email: ann@example.com, count: 4 }',
        '          - { email: ann@example.com, count: 5, last: "2026-11-20T10:00:00.000Z", Row ID: "2" }',
        '',
      ].join('\n'),
    )
    const r = flow('test', join(dir, 'log-a-sign-in.test.yaml'))
    assert.equal(r.code, 0, r.out + r.err)
    assert.match(r.out, /1 passed, 0 failed/)
    // the same, the fixture given on the command line instead
    const input = join(dir, 'input.json')
    writeFileSync(input, JSON.stringify({ email: 'ann@example.com', at: '2026-11-20T10:00:00Z' }))
    const once = flow('test', join(dir, 'log-a-sign-in.yaml'), '--input', input, '--table', `sign-in-log=${join(dir, 'tables/sign-in-log.csv')}`, '--json')
    assert.equal(once.code, 0, once.err)
    const run = JSON.parse(once.out) as { cards: { id: string; outputs: Record<string, unknown> }[] }
    assert.equal(run.cards.find((c) => c.id === 'add')?.outputs.output, 5)
  })

  it('keeps a column of a type cardflow lacks as text, and says so', () => {
    const [t] = exportedTables({ x: { id: 'x', name: 'Odd Table', data: { structure: [{ name: 'blob', type: 'json' }, { name: 'n', type: 'num', default: 'many' }] } } })
    assert.deepEqual(t?.def, { name: 'odd-table', columns: [{ name: 'blob', type: 'text' }, { name: 'n', type: 'number' }] })
    assert.deepEqual(t?.notes, ['column "blob": Okta type "json" is kept as text', 'column "n": default "many" does not fit its type and is left out'])
  })
})
