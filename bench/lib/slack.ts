/** Starts the fake Slack worker (bench/lib/slack-worker.ts) and counts the messages it got. */
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'

export interface SlackCounter {
  url: string
  /** Messages received so far, and requests that were not a message to the channel. */
  count(): Promise<{ messages: number; refused: number }>
  /** Resolves when `n` messages arrived; rejects after `limitMs`. Returns the time it took. */
  waitFor(n: number, limitMs: number): Promise<number>
  close(): Promise<void>
}

export async function startSlack(): Promise<SlackCounter> {
  // Workers do not inherit tsx's loader on Node 20: register it inside, as bin/flow.js does.
  const entry = new URL('./slack-worker.ts', import.meta.url).href
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`
  const worker = new Worker(boot, { eval: true })
  const [{ url }] = (await once(worker, 'message')) as [{ url: string }]
  const count = async () => {
    worker.postMessage('count')
    const [reply] = (await once(worker, 'message')) as [{ messages: number; refused: number }]
    return reply
  }
  return {
    url,
    count,
    async waitFor(n, limitMs) {
      const started = performance.now()
      for (;;) {
        const { messages } = await count()
        if (messages >= n) return performance.now() - started
        if (performance.now() - started > limitMs) throw new Error(`only ${messages} of ${n} Slack messages arrived within ${limitMs / 1000} s`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async close() {
      worker.postMessage('close')
      await once(worker, 'exit')
    },
  }
}
