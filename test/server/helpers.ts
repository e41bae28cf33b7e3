/** Starting an engine on loopback for a test, and building the Okta deliveries it receives. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registry } from '../../cards/index.ts'
import { createServer, type Engine, type ServerOptions } from '../../server/server.ts'
import { openStore } from '../../store/index.ts'

import { HANG_MS } from '../wait.ts'

export { waitFor } from '../wait.ts'

export const FLOWS = fileURLToPath(new URL('../fixtures/server/flows/', import.meta.url))
export const HOOK_SECRET = 'Bearer hook-secret-4f9a2c'
export const CLIENT_TOKEN = 'client-token-77be01d5'

export interface Running {
  engine: Engine
  url: string
  dataDir: string
  /** Stops the engine (letting running runs finish) and removes a data directory it made. */
  close(): Promise<void>
}

/** Server options, with the store given as a data directory (a new temporary one by default) or opened. */
export type EngineOptions = Partial<ServerOptions> & { dataDir?: string; busyTimeoutMs?: number }

export async function startEngine(opts: EngineOptions = {}): Promise<Running> {
  const { dataDir: given, busyTimeoutMs, ...rest } = opts
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'cardflow-server-'))
  const store = rest.store ?? (await openStore(dataDir, { ...(busyTimeoutMs !== undefined && { busyTimeoutMs }) }))
  const engine = await createServer({
    flowsDir: FLOWS,
    registry,
    store,
    hookSecret: { header: 'authorization', value: HOOK_SECRET },
    clientTokens: { 'echo-sync': CLIENT_TOKEN, 'queue-async': CLIENT_TOKEN },
    logLevel: 'silent',
    pollMs: 50,
    ...rest,
  })
  const url = await engine.listen(0)
  return {
    engine,
    url,
    dataDir,
    async close() {
      await engine.close(HANG_MS)
      if (!given) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function profileEvent(uuid: string, published: string, changed = 'email,title') {
  return {
    uuid,
    published,
    eventType: 'user.account.update_profile',
    version: '0',
    displayMessage: 'Update user profile for Okta',
    actor: { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    target: [{ id: `00u-${uuid}`, type: 'User', alternateId: 'jane@example.com', displayName: 'Jane' }],
    debugContext: { debugData: { changedAttributes: changed } },
  }
}

export function unassignEvent(uuid: string, published: string, app: string) {
  return {
    uuid,
    published,
    eventType: 'application.user_membership.remove',
    version: '0',
    actor: { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    target: [
      { id: '0uaAppUser', type: 'AppUser', alternateId: 'jane', displayName: 'Jane' },
      { id: `0oa-${app}`, type: 'AppInstance', alternateId: app, displayName: app },
      { id: `00u-${uuid}`, type: 'User', alternateId: 'jane@example.com', displayName: 'Jane' },
    ],
  }
}

export function envelope(eventId: string, events: unknown[]) {
  return {
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    cloudEventsVersion: '0.1',
    source: 'https://example.okta.com/api/v1/eventHooks/who123',
    eventId,
    eventTime: '2026-11-20T10:00:00.000Z',
    contentType: 'application/json',
    data: { events },
  }
}

export function deliver(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/hooks/okta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: HOOK_SECRET, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
