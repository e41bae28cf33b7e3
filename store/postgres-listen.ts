/**
 * One connection outside the pool that LISTENs for new work (see cardflow_notify_work in
 * postgres-schema.ts) and tells the engine. When the connection is lost it is opened again,
 * with a growing wait; the engine's polling covers the gap, and a reconnect also wakes the
 * engine, since work may have arrived while nobody listened.
 */
import pg from 'pg'

const FIRST_RETRY_MS = 500
const LAST_RETRY_MS = 30_000

export class WorkListener {
  private client: pg.Client | undefined
  private timer: NodeJS.Timeout | undefined
  private retryMs = FIRST_RETRY_MS
  private closed = false

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly onWork: () => void,
  ) {}

  start(): void {
    void this.connect()
  }

  private async connect(): Promise<void> {
    this.timer = undefined
    if (this.closed) return
    const client = new pg.Client(this.config)
    let lost = false
    const onLost = () => {
      if (lost) return
      lost = true
      if (this.client === client) this.client = undefined
      client.end().catch(() => undefined)
      this.later()
    }
    // 'error' (reset, server shut down) and 'end' both mean the connection is gone
    client.on('error', onLost)
    client.on('end', onLost)
    client.on('notification', () => this.onWork())
    try {
      await client.connect()
      await client.query(`LISTEN "${this.channel}"`)
    } catch {
      onLost()
      return
    }
    if (this.closed) {
      await client.end().catch(() => undefined)
      return
    }
    this.client = client
    this.retryMs = FIRST_RETRY_MS
    this.onWork()
  }

  private later(): void {
    if (this.closed || this.timer) return
    this.timer = setTimeout(() => void this.connect(), this.retryMs)
    this.timer.unref()
    this.retryMs = Math.min(LAST_RETRY_MS, this.retryMs * 2)
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => undefined)
  }
}
