/** Prometheus metrics at /metrics. Each server has its own registry, so tests can run several. */
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { RunRecord } from '../engine/history.ts'
import type { Store } from '../store/index.ts'

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'unauthorized' | 'invalid' | 'unavailable'

export interface Metrics {
  registry: Registry
  delivery(outcome: DeliveryOutcome): void
  events(outcome: 'stored' | 'duplicate', n: number): void
  run(flow: string, status: RunRecord['status'] | 'retrying'): void
  cards(record: RunRecord): void
}

/** `waitingDeliveries`: how many deliveries wait for a free worker now. */
export function createMetrics(store: Store, waitingDeliveries: () => number): Metrics {
  const registry = new Registry()
  const deliveries = new Counter({
    name: 'cardflow_deliveries_total',
    help: 'Okta event hook deliveries by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const events = new Counter({
    name: 'cardflow_events_total',
    help: 'Okta events received, stored or already stored',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const runs = new Counter({
    name: 'cardflow_runs_total',
    help: 'Runs ended, by flow and status (retrying: a failed attempt that will be tried again; waiting: stored until due or resumed)',
    labelNames: ['flow', 'status'] as const,
    registers: [registry],
  })
  const cardSeconds = new Histogram({
    name: 'cardflow_card_duration_seconds',
    help: 'Time a card took, by card type',
    labelNames: ['card'] as const,
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 10, 30],
    registers: [registry],
  })
  new Gauge({
    name: 'cardflow_queue_depth',
    help: 'Runs waiting to run (queued), being run (running), or waiting for their due time or a resume request (waiting)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const s = await store.stats()
      this.set({ state: 'queued' }, s.queued)
      this.set({ state: 'running' }, s.running)
      this.set({ state: 'waiting' }, s.waiting)
    },
  })
  new Gauge({
    name: 'cardflow_deliveries_waiting',
    help: 'Event hook deliveries waiting for a free worker before they are stored (every worker busy)',
    registers: [registry],
    collect() {
      this.set(waitingDeliveries())
    },
  })
  return {
    registry,
    delivery: (outcome) => deliveries.inc({ outcome }),
    events: (outcome, n) => events.inc({ outcome }, n),
    run: (flow, status) => runs.inc({ flow, status }),
    cards(record) {
      // a card resumed after a wait did not run again: its time was counted when it ran
      for (const c of record.cards) if (c.status !== 'skipped' && !c.resumed) cardSeconds.observe({ card: c.card }, c.durationMs / 1000)
    },
  }
}
