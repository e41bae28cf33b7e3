// The SQLite store's checkpoints, on a thread of their own (see sqlite-checkpoint.ts): a
// connection of its own to the store's file, which copies the write-ahead log into the database
// each time it is asked, and answers whether it could. Plain JavaScript: a worker thread does not
// inherit the TypeScript loader the engine runs under.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.file, { fileMustExist: true })
db.pragma(`busy_timeout = ${workerData.busyTimeoutMs}`)
parentPort.postMessage({ ready: true })
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close()
    parentPort.close()
    return
  }
  try {
    // PASSIVE: copies what no reader still needs, never waits for the engine's writes
    db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ ok: true })
  } catch {
    // the engine's connection takes the checkpoints back (sqlite-checkpoint.ts)
    parentPort.postMessage({ ok: false })
  }
})
