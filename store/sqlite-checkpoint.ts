/**
 * The SQLite store's checkpoints (copying the write-ahead log into the database), off the event
 * loop. SQLite's own (`wal_autocheckpoint`) run inside a commit, on the connection that commits:
 * every thousand pages or so, the engine's thread read the log back, wrote it into the database
 * and waited for two fsyncs (of the log, then of the database), while no delivery was answered
 * and no run went on: 23 times per 10,000 events of the seed flow, about 2.5 ms each on a disk
 * whose fsync takes a millisecond, longer on a slower one. Here a worker thread with its own
 * connection checkpoints after every CHECKPOINT_EVERY commits, one checkpoint at a time, while
 * the engine goes on committing.
 *
 * A checkpoint that runs while the engine commits cannot copy the pages committed meanwhile, and
 * the log starts over only once all of it was copied: SQLite's own checkpoints stay on, later
 * (FALLBACK_PAGES), and copy what is left if the log grew that far, which is little. If the thread
 * cannot start or a checkpoint fails, SQLite's own checkpoints come back at their usual size.
 */
import { Worker } from 'node:worker_threads'

/**
 * Commits between two checkpoints. Small, so that a checkpoint often catches up with the log and
 * the log starts over (64 let it grow to FALLBACK_PAGES under load, and the engine's connection
 * copied a third of the pages again).
 */
export const CHECKPOINT_EVERY = 8
/** The size the log reaches before the committing connection checkpoints anyway (16 MB). */
export const FALLBACK_PAGES = 4096
/** SQLite's default. */
const OWN_PAGES = 1000

type Answer = { ready: true } | { ok: boolean }

export interface CheckpointerOptions {
  file: string
  busyTimeoutMs: number
  /** Sets the committing connection's `wal_autocheckpoint` (pages). */
  autocheckpoint(pages: number): void
}

export class Checkpointer {
  private worker: Worker | undefined
  private exited: Promise<void> | undefined
  /** `busy`: starting or checkpointing; `off`: SQLite's own checkpoints again, for good. */
  private state: 'idle' | 'busy' | 'off' = 'idle'
  private commits = 0

  constructor(private readonly o: CheckpointerOptions) {
    o.autocheckpoint(FALLBACK_PAGES)
  }

  /** Called after each commit: the first checkpoint starts the thread. */
  committed(): void {
    if (this.state !== 'idle' || ++this.commits < CHECKPOINT_EVERY) return
    this.commits = 0
    this.state = 'busy'
    if (this.worker) this.worker.postMessage('checkpoint')
    else this.start()
  }

  private start(): void {
    const worker = new Worker(new URL('./sqlite-checkpoint-worker.mjs', import.meta.url), {
      workerData: { file: this.o.file, busyTimeoutMs: this.o.busyTimeoutMs },
    })
    // it never keeps the process alive: the store's close ends it
    worker.unref()
    this.worker = worker
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()))
    worker.on('message', (answer: Answer) => {
      if ('ready' in answer) {
        if (this.state === 'busy') worker.postMessage('checkpoint')
      } else if (!answer.ok) this.giveUp()
      else if (this.state === 'busy') this.state = 'idle'
    })
    worker.once('error', () => this.giveUp())
    worker.once('exit', () => this.giveUp())
  }

  private giveUp(): void {
    if (this.state === 'off') return
    this.state = 'off'
    this.o.autocheckpoint(OWN_PAGES)
    void this.worker?.terminate()
  }

  /** Ends the thread, after the checkpoint it is doing; the committing connection closes after it. */
  async close(): Promise<void> {
    const worker = this.worker
    this.state = 'off'
    if (!worker) return
    // the process waits for it now
    worker.ref()
    worker.postMessage('close')
    await this.exited
  }
}
