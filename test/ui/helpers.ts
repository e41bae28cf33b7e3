/** An engine with the web UI on loopback, fed real Okta deliveries so its history is real runs. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registry } from '../../cards/index.ts'
import { openStore } from '../../store/index.ts'
import { createServer, type Engine, type ServerOptions } from '../../server/server.ts'
import type { StoredRunStatus } from '../../store/index.ts'
import { waitFor } from '../wait.ts'

export { waitFor }

export const FLOWS = fileURLToPath(new URL('./fixtures/flows/', import.meta.url))
export const HOOK_SECRET = 'Bearer ui-hook-secret-5d1e'
export const UI_TOKEN = 'ui-admin-token-9c3b7a51'
export const SCRIPT_NAME = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'

export interface UiEngine {
  engine: Engine
  url: string
  close(): Promise<void>
}

export async function startUiEngine(opts: Partial<ServerOptions> = {}): Promise<UiEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cardflow-ui-'))
  const engine = await createServer({
    flowsDir: FLOWS,
    registry,
    store: await openStore(dataDir),
    hookSecret: { header: 'authorization', value: HOOK_SECRET },
    logLevel: 'silent',
    pollMs: 50,
    watch: false,
    ui: { token: UI_TOKEN },
    ...opts,
  })
  const url = await engine.listen(0)
  return {
    engine,
    url,
    async close() {
      await engine.close(2000)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

let seq = 0

function profileEvent(changed: string, displayName: string) {
  seq++
  return {
    uuid: `ui-evt-${process.pid}-${seq}`,
    published: new Date(Date.UTC(2026, 10, 20, 10, 0, 0, seq)).toISOString(),
    eventType: 'user.account.update_profile',
    version: '0',
    displayMessage: 'Update user profile for Okta',
    actor: { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    target: [{ id: `00u${seq}`, type: 'User', alternateId: 'jane@example.com', displayName }],
    debugContext: { debugData: { changedAttributes: changed } },
  }
}

export interface FinishedRun {
  id: string
  status: StoredRunStatus
}

/** Delivers profile-update events in one delivery through the real hook endpoint; waits for their runs to end. */
export async function profileRuns(e: UiEngine, changes: readonly string[], displayName = 'Jane Doe'): Promise<FinishedRun[]> {
  const events = changes.map((c) => profileEvent(c, displayName))
  const body = {
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    cloudEventsVersion: '0.1',
    source: 'https://example.okta.com/api/v1/eventHooks/who123',
    eventId: `delivery-${events[0]!.uuid}`,
    eventTime: events[0]!.published,
    contentType: 'application/json',
    data: { events },
  }
  const res = await fetch(`${e.url}/hooks/okta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: HOOK_SECRET },
    body: JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`delivery refused: ${res.status}`)
  const uuids = events.map((ev) => ev.uuid)
  return waitFor(async () => {
    const runs = await e.engine.store.listRuns({ limit: 10_000 })
    const found = uuids.map((u) => runs.find((r) => r.eventUuid === u && r.source === 'event'))
    const done = found.every((r) => r && r.status !== 'queued' && r.status !== 'running')
    return done ? found.map((r) => ({ id: r!.id, status: r!.status })) : undefined
  }, `the runs of ${uuids.length} event(s)`)
}

export async function profileRun(e: UiEngine, changed: string, displayName = 'Jane Doe'): Promise<FinishedRun> {
  return (await profileRuns(e, [changed], displayName))[0]!
}

export function bearer(token = UI_TOKEN): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}
