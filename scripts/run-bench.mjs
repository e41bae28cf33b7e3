// Runs every benchmark under bench/, one after the other, each in its own process so none
// inherits another's heap or open handles. `--short` runs each in its quick mode (about a
// minute in all); names pick some: `npm run bench -- --short intake burst`.
import { spawnSync } from 'node:child_process'

const ALL = ['interpreter', 'intake', 'end-to-end', 'engines', 'burst', 'soak']
const args = process.argv.slice(2)
const short = args.includes('--short')
const picked = args.filter((a) => !a.startsWith('--'))
const unknown = picked.filter((name) => !ALL.includes(name))
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${ALL.join(', ')})`)
  process.exit(2)
}
let failed = 0
for (const name of picked.length > 0 ? picked : ALL) {
  const started = Date.now()
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...(short ? ['--short'] : [])], { stdio: 'inherit' })
  console.log(`-- bench/${name}: ${r.status === 0 ? 'done' : `FAILED (${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  if (r.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)
