import Database from 'better-sqlite3'
import { deliver } from '../lib/load.ts'
import { deliveryJson, eventJson } from '../lib/okta.ts'
import { startCardflow } from '../lib/procs.ts'
import { startSlack } from '../lib/slack.ts'
import { join } from 'node:path'
const slack = await startSlack()
const sut = await startCardflow({ slackUrl: slack.url, concurrency: 8 })
let n = 0
const body = () => { n++; return deliveryJson(`e2e-d${n}`, [eventJson('notify', n, 'e2e')]) }
await deliver({ url: sut.url, body, connections: 8, amount: 200 })
await slack.waitFor(200, 120000)
await new Promise((r) => setTimeout(r, 500))
const db = new Database(join(sut.dir, 'data/cardflow.db'), { readonly: true })
console.log(db.prepare('SELECT avg(length(raw)) raw FROM events').get())
console.log(db.prepare('SELECT avg(length(input)) input, avg(length(record)) record, avg(length(error)) error FROM runs').get())
console.log(db.prepare('SELECT count(*) steps, avg(length(output)) o FROM steps').get())
const r = db.prepare('SELECT record, input FROM runs LIMIT 1').get() as { record: string; input: string }
console.log(r.input)
import { writeFileSync } from "node:fs"; writeFileSync("/tmp/perf/sample.json", JSON.stringify({ record: r.record, input: r.input, raw: (db.prepare("SELECT raw FROM events WHERE raw <> ? LIMIT 1").get("null") as {raw:string}).raw }))
console.log(db.pragma('page_count'), db.pragma('page_size'))
console.log(db.prepare("SELECT name, sum(pgsize) bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all())
db.close()
await sut.stop(); await slack.close()
