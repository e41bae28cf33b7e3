/** `flow table` against a store, and what `flow validate` and `flow test` say about tables. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ROOT } from '../helpers.ts'

function flow(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/flow.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CARDFLOW_STORE: '' } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('flow table', () => {
  let dir: string
  const run = (...args: string[]) => flow(dir, ...args, '--flows', 'sign-ins', '--data', 'data')
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-table-cli-'))
    cpSync(join(ROOT, 'examples/sign-ins'), join(dir, 'sign-ins'), { recursive: true })
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('imports CSV into a store, lists the table, shows and exports its rows: the CSV comes back as it went in', () => {
    const tricky = 'email,count,last\r\n"quote "" and, comma",2,2026-11-01T08:00:00.000Z\r\n"two\nlines",,\r\n'
    writeFileSync(join(dir, 'in.csv'), tricky)
    const imported = run('table', 'import', 'sign-ins', 'in.csv')
    assert.equal(imported.code, 0, imported.err)
    assert.match(imported.err, /2 row\(s\) added to sign-ins/)
    assert.match(run('table', 'list').out, /^sign-ins {2}2 rows {2}email \(text\), count \(number\), last \(date\)$/m)
    const rows = JSON.parse(run('table', 'rows', 'sign-ins', '--json').out) as Record<string, unknown>[]
    assert.deepEqual(rows.map((r) => [r['Row ID'], r.email, r.count]), [['1', 'quote " and, comma', 2], ['2', 'two\nlines', null]])
    const exported = run('table', 'export', 'sign-ins', '-o', 'out.csv')
    assert.equal(exported.code, 0, exported.err)
    assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8'), tricky)
    assert.equal(run('table', 'import', 'sign-ins', 'out.csv', '--replace').code, 0)
    assert.match(run('table', 'list').out, /sign-ins {2}2 rows/)
  })

  it('adds none of a CSV with a value that does not fit, naming the record', () => {
    writeFileSync(join(dir, 'bad.csv'), 'email,count\na@example.com,1\nb@example.com,lots\n')
    const before = run('table', 'list').out
    const r = run('table', 'import', 'sign-ins', 'bad.csv')
    assert.equal(r.code, 2)
    assert.match(r.err, /bad\.csv: record 3: column "count" holds numbers; got "lots"/)
    assert.equal(run('table', 'list').out, before)
  })

  it('names the tables it knows for one it does not', () => {
    const r = run('table', 'rows', 'nope')
    assert.equal(r.code, 2)
    assert.match(r.err, /no table "nope" \(defined: sign-ins;/)
  })
})

describe('flow validate and flow test with tables', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-table-check-'))
    cpSync(join(ROOT, 'examples/sign-ins'), dir, { recursive: true })
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('reports a table file with problems at their lines, and a card naming a table that is not defined', () => {
    writeFileSync(join(dir, 'tables/broken.yaml'), 'columns:\n  - name: a\n    type: text\n  - name: a\n    type: rainbow\n  - name: "b\\"c"\n    type: text\n')
    const r = flow(dir, 'validate', 'tables/broken.yaml')
    assert.equal(r.code, 1)
    assert.match(r.err, /^tables\/broken\.yaml:5:11: column "a" needs a type: text, number, boolean, date$/m)
    assert.match(r.err, /^tables\/broken\.yaml:6:11: column name "b"c" may not hold quotes/m)
    rmSync(join(dir, 'tables/broken.yaml'))
    writeFileSync(join(dir, 'other.yaml'), readFileSync(join(dir, 'count-sign-in.yaml'), 'utf8').replace('Table: sign-ins\n      Result Set', 'Table: sign-in\n      Result Set'))
    const v = flow(dir, 'validate', 'other.yaml')
    assert.equal(v.code, 1)
    assert.match(v.err, /^other\.yaml:\d+:\d+: card "find": no table "sign-in" \(define it in tables\/sign-in\.yaml beside the flow; defined: sign-ins\)$/m)
  })

  it('fails a test case whose fixture does not fit the table, and refuses a bad --table', () => {
    writeFileSync(join(dir, 'bad.test.yaml'), 'flow: count-sign-in.yaml\ntables:\n  sign-ins: [{ email: a@example.com, count: lots }]\ncases:\n  - name: c\n    input: { email: a@example.com, at: "2026-11-20T10:00:00Z" }\n')
    const r = flow(dir, 'test', 'bad.test.yaml')
    assert.equal(r.code, 1)
    assert.match(r.out, /fixture row 1 of table "sign-ins": column "count" holds numbers/)
    const u = flow(dir, 'test', 'count-sign-in.test.yaml', '--table', 'sign-ins')
    assert.equal(u.code, 2)
    assert.match(u.err, /--table takes <table>=<file\.csv\|file\.json>/)
  })
})
