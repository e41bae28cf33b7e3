/**
 * Store faults: the database locked by another connection's write transaction, and the disk
 * full. Intake must answer 503 (so Okta retries) and never 200 for what it could not store;
 * once the fault is gone, the retried deliveries are stored once and their runs finish.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { StoreUnavailableError } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { CLIENT_TOKEN, deliver, envelope, profileEvent, startEngine, waitFor } from '../server/helpers.ts'
import { readRows, SEED, seeded, size, tempDir } from './helpers.ts'

/** Another process's write transaction on the same file, held until `release`. */
function holdWriteLock(dataDir: string): { release(): void } {
  const db = new Database(join(dataDir, DB_FILE))
  db.exec('BEGIN IMMEDIATE')
  return {
    release() {
      db.exec('ROLLBACK')
      db.close()
    },
  }
}

const eventBody = (id: string, n = 1, pad = 0) =>
  envelope(
    id,
    Array.from({ length: n }, (_, i) => ({ ...profileEvent(`${id}-e${i}`, '2026-11-20T10:00:00Z'), padding: 'x'.repeat(pad) })),
  )

describe('store faults', () => {
  const dirs: { remove(): void }[] = []
  after(() => {
    for (const d of dirs) d.remove()
  })

  it('records a run that ends while the store is locked once the lock is gone, without running it again', async () => {
    const s = await startEngine({ busyTimeoutMs: 50, concurrency: 0 })
    let lock: { release(): void } | undefined
    try {
      assert.equal((await deliver(s.url, eventBody('late-write', 1))).status, 200)
      const [claim] = await s.engine.store.claimRuns(1, 60_000)
      assert.ok(claim, 'a run is queued')
      lock = holdWriteLock(s.dataDir)
      // The lock goes once the worker has failed to record the run's end because of it: the run
      // ends while the store is locked however fast or slow the machine is.
      const store = s.engine.store
      const finishRun = store.finishRun.bind(store)
      const refused: unknown[] = []
      store.finishRun = async (...args) => {
        try {
          return await finishRun(...args)
        } catch (err) {
          refused.push(err)
          lock?.release()
          lock = undefined
          throw err
        }
      }
      const done = s.engine.worker.execute(claim)
      const record = await done
      const stored = await s.engine.store.getRun(claim.id)
      assert.deepEqual([record.status, stored?.status, stored?.attempts], ['succeeded', 'succeeded', 1])
      assert.equal(refused.length, 1, 'the first write of the end met the lock')
      assert.ok(refused[0] instanceof StoreUnavailableError, String(refused[0]))
    } finally {
      lock?.release()
      await s.close()
    }
  })

  it('answers 503 while another connection holds the write lock, 200 only for what it stored', async (t) => {
    const rand = seeded(SEED)
    const s = await startEngine({ busyTimeoutMs: 50 })
    const answers = new Map<string, number[]>()
    let lock: { release(): void } | undefined
    try {
      const rounds = size(40, 400)
      for (let i = 0; i < rounds; i++) {
        if (rand() < 0.3) {
          if (lock) {
            lock.release()
            lock = undefined
          } else lock = holdWriteLock(s.dataDir)
        }
        // a new delivery, or Okta's retry of one refused before
        const refused = [...answers].filter(([, st]) => !st.includes(200)).map(([id]) => id)
        const id = refused.length > 0 && rand() < 0.5 ? refused[0]! : `lock-${i}`
        const status = (await deliver(s.url, eventBody(id, 2))).status
        answers.set(id, [...(answers.get(id) ?? []), status])
        assert.equal(status, lock ? 503 : 200, `delivery ${id} with the store ${lock ? 'locked' : 'free'}`)
        if (lock) {
          assert.equal((await fetch(`${s.url}/readyz`)).status, 503)
          const api = await fetch(`${s.url}/api/flows/queue-async/invoke`, { method: 'POST', headers: { 'x-api-client-token': CLIENT_TOKEN } })
          assert.equal(api.status, 503)
        }
      }
      lock?.release()
      lock = undefined
      let done = 0
      const rows = await waitFor(
        async () => {
          const r = readRows(s.dataDir)
          done = r.runs.filter((run) => run.status === 'succeeded').length
          return done === r.runs.length && r
        },
        'the runs to finish',
        { progress: () => done },
      )
      for (const [id, statuses] of answers) {
        assert.equal(rows.deliveries.has(id), statuses.includes(200), `delivery ${id} answered ${statuses.join(',')}`)
      }
      const profileRuns = rows.runs.filter((r) => r.flow === 'profile-note')
      assert.equal(profileRuns.length, [...answers.values()].filter((st) => st.includes(200)).length * 2, 'one run per stored event')
      const refusedCount = [...answers.values()].flat().filter((st) => st === 503).length
      t.diagnostic(`seed ${SEED}: ${rounds} deliveries sent, ${refusedCount} refused with 503 while locked, ${rows.deliveries.size} stored`)
    } finally {
      lock?.release()
      await s.close()
    }
  })

  it('answers 503 when the disk is full, and stores the retry once space is back', async (t) => {
    const dir = tempDir('disk')
    dirs.push(dir)
    const mount = join(dir.path, 'tiny')
    mkdirSync(mount)
    let mounted = false
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount], { stdio: 'ignore' })
      mounted = true
    } catch {
      t.diagnostic('cannot mount a tmpfs (not root?): the disk is filled through PRAGMA max_page_count instead')
    }
    const data = join(mount, 'data')
    const s = await startEngine({ dataDir: data, concurrency: 0 })
    const filler = join(mount, 'filler')
    const fill = () => {
      if (mounted) {
        // take what is left, in steps, until the disk refuses
        for (let i = 0; ; i++) {
          try {
            writeFileSync(join(mount, `filler-${i}`), Buffer.alloc(16 * 1024))
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOSPC') return
            throw err
          }
        }
      }
      ;(s.engine.store as unknown as { db: Database.Database }).db.pragma('max_page_count = 1')
    }
    const free = () => {
      if (mounted) execFileSync('sh', ['-c', `rm -f ${filler}-*`])
      else (s.engine.store as unknown as { db: Database.Database }).db.pragma('max_page_count = 1073741823')
    }
    try {
      assert.equal((await deliver(s.url, eventBody('before-full'))).status, 200)
      fill()
      const refused: string[] = []
      for (let i = 0; i < 20; i++) {
        const id = `full-${i}`
        const status = (await deliver(s.url, eventBody(id, 5, 5_000))).status
        assert.ok(status === 503 || status === 200, `delivery ${id}: ${status}`)
        if (status === 503) refused.push(id)
      }
      assert.ok(refused.length > 0, 'the full disk refused deliveries')
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200, 'the engine is still up')
      free()
      for (const id of refused) assert.equal((await deliver(s.url, eventBody(id, 5, 5_000))).status, 200, `retry of ${id}`)
      const rows = readRows(data)
      for (let i = 0; i < 20; i++) assert.ok(rows.deliveries.has(`full-${i}`), `full-${i} stored after the retry`)
      assert.equal(rows.runs.length, 1 + 20 * 5)
      assert.equal((await fetch(`${s.url}/readyz`)).status, 200)
      t.diagnostic(`disk full (${mounted ? 'tmpfs of 8 MiB' : 'max_page_count'}): ${refused.length} of 20 deliveries refused with 503, all stored on retry`)
    } finally {
      await s.close()
      if (mounted) execFileSync('umount', [mount])
      rmSync(mount, { recursive: true, force: true })
    }
  })
})
