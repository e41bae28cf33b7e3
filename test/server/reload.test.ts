import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'node:test'
import { FLOWS, startEngine, waitFor } from './helpers.ts'

it('serves a flow file added while running, and stops serving one made invalid', async () => {
  const flowsDir = mkdtempSync(join(tmpdir(), 'cardflow-flows-'))
  copyFileSync(join(FLOWS, 'profile-note.yaml'), join(flowsDir, 'profile-note.yaml'))
  const s = await startEngine({ flowsDir, watch: true })
  try {
    assert.equal((await fetch(`${s.url}/api/flows/public-ping/invoke`)).status, 401, 'not served yet: answered as any unknown name')
    copyFileSync(join(FLOWS, 'public-ping.yaml'), join(flowsDir, 'public-ping.yaml'))
    const res = await waitFor(async () => {
      const r = await fetch(`${s.url}/api/flows/public-ping/invoke`)
      return r.status === 200 && r
    }, 'the new flow to be served')
    assert.deepEqual(await res.json(), { pong: true })
    writeFileSync(join(flowsDir, 'profile-note.yaml'), 'name: [broken')
    await waitFor(async () => s.engine.flows.flow('profile-note') === undefined, 'the broken flow to be dropped')
    assert.ok(s.engine.flows.flow('public-ping'))
  } finally {
    await s.close()
    rmSync(flowsDir, { recursive: true, force: true })
  }
})
