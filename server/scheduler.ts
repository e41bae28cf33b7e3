/**
 * Scheduled flows: on each tick, for each served flow whose trigger has a schedule, the slots
 * that came due since the flow's latest recorded slot are claimed in the store, each with its
 * run in one transaction (`store.claimSlot`). The store refuses a slot at or before the latest,
 * so a slot fires once across restarts and across engines sharing a store; ticks also go
 * through `store.exclusive('schedule')`, so engines do not race for the same slots.
 *
 * Slots missed while no engine ran follow the trigger's `catchUp`: `latest` (default) runs once
 * for the latest, `all` runs each (at most MAX_CATCH_UP, the latest ones), `none` runs none. A
 * slot that came due less than MISSED_AFTER_MS ago is not missed: it runs under every policy.
 * A flow seen for the first time starts at the engine's clock: its first slot is the next one.
 */
import type { TriggerSchedule } from '../engine/card.ts'
import { type NewRun, newRunId, type Store } from '../store/index.ts'
import type { FlowSet, ServedFlow } from './flows.ts'
import type { Log } from './log.ts'

export const MISSED_AFTER_MS = 60_000
export const MAX_CATCH_UP = 100
/** Counting missed slots stops here (a minute schedule down for a week has 10,080). */
const COUNT_LIMIT = 100_000

export interface SchedulerOptions {
  store: Store
  flows: FlowSet
  log: Log
  /** The clock slots are read against (tests move it by hand). */
  now: () => Date
  /** How often due slots are looked for. */
  everyMs: number
  /** Runs were enqueued: the worker should look now. */
  onEnqueued: () => void
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined
  private ticking: Promise<unknown> | undefined
  /** The next slot of each flow as this engine last computed it: the store is asked only once it is due. */
  private readonly nextDue = new Map<string, { key: string; at: Date | undefined }>()

  constructor(private readonly o: SchedulerOptions) {}

  /** Fires what is due now, then every `everyMs`. Resolves once that first look is done. */
  start(): Promise<number> {
    for (const f of this.o.flows.all()) {
      if (!f.schedule) continue
      const next = f.schedule.next(this.o.now())
      this.o.log.info({ flow: f.slug, cron: f.schedule.cron, timeZone: f.schedule.timeZone, next: next?.toISOString() }, `flow ${f.slug} runs on schedule "${f.schedule.cron}" (${f.schedule.timeZone}); next ${next?.toISOString() ?? 'never: the schedule has ended'}`)
    }
    // a tick still running when the next is due is not joined by it
    this.timer = setInterval(() => {
      if (!this.ticking) void this.tick()
    }, this.o.everyMs)
    return this.tick()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.ticking
  }

  /** Fires what is due now (after a tick already running); resolves with how many runs it enqueued. */
  tick(): Promise<number> {
    const tick = (this.ticking ?? Promise.resolve(0)).then(() => this.fireAll())
    this.ticking = tick.finally(() => {
      if (this.ticking === settled) this.ticking = undefined
    })
    const settled = this.ticking
    return tick
  }

  private async fireAll(): Promise<number> {
    let fired = 0
    await this.o.store
      .exclusive('schedule', async () => {
        const now = this.o.now()
        for (const f of this.o.flows.all()) {
          if (!f.schedule) continue
          try {
            fired += await this.fireDue(f, f.schedule, now)
          } catch (err) {
            this.o.log.warn({ flow: f.slug, err: (err as Error).message }, `cannot fire the schedule of flow ${f.slug} now; trying again at the next tick`)
          }
        }
      })
      .catch((err: unknown) => this.o.log.warn({ err: (err as Error).message }, 'cannot look for scheduled slots now; trying again at the next tick'))
    if (fired > 0) this.o.onEnqueued()
    return fired
  }

  private async fireDue(f: ServedFlow, s: TriggerSchedule, now: Date): Promise<number> {
    const key = `${s.cron}|${s.timeZone}`
    const known = this.nextDue.get(f.slug)
    if (known?.key === key && (known.at === undefined || known.at > now)) return 0
    const last = await this.o.store.lastSlot(f.slug)
    if (last === undefined) {
      // first seen: nothing before now was due to this flow
      await this.o.store.claimSlot(f.slug, now)
      this.nextDue.set(f.slug, { key, at: s.next(now) })
      return 0
    }
    const latest = s.latest(now)
    const fired = latest !== undefined && latest > last ? await this.catchUp(f, s, last, now) : 0
    this.nextDue.set(f.slug, { key, at: s.next(latest !== undefined && latest > last ? latest : last) })
    return fired
  }

  /**
   * Fires the slots due after `last`: every slot of the last MISSED_AFTER_MS (a late tick drops
   * none), and of the older ones, missed while no engine ran, what the catch-up policy says.
   */
  private async catchUp(f: ServedFlow, s: TriggerSchedule, last: Date, now: Date): Promise<number> {
    const latestMissed = s.latest(new Date(now.getTime() - MISSED_AFTER_MS))
    const missed = latestMissed !== undefined && latestMissed > last ? this.slotsBetween(s, last, latestMissed) : undefined
    const recent = this.slotsBetween(s, missed ? latestMissed! : last, now).latest
    const slots: Date[] = []
    if (missed) {
      const what = `flow ${f.slug}: ${missed.count}${missed.count >= COUNT_LIMIT ? ' or more' : ''} slot(s) missed while no engine ran`
      const fields = { flow: f.slug, missed: missed.count, catchUp: s.catchUp }
      if (s.catchUp === 'all') {
        slots.push(...missed.latest)
        this.o.log.warn(fields, `${what}; running ${missed.latest.length === missed.count ? 'each' : `the latest ${missed.latest.length}`} (catchUp: all)`)
      } else if (s.catchUp === 'latest') {
        slots.push(latestMissed!)
        this.o.log.warn({ ...fields, slot: latestMissed!.toISOString() }, `${what}; running once for the latest, ${latestMissed!.toISOString()} (catchUp: latest)`)
      } else {
        this.o.log.warn(fields, `${what}; skipped (catchUp: none)`)
        if (recent.length === 0) await this.o.store.claimSlot(f.slug, latestMissed!)
      }
    }
    slots.push(...recent)
    let fired = 0
    for (const slot of slots) if (await this.fire(f, s, slot)) fired++
    return fired
  }

  private async fire(f: ServedFlow, s: TriggerSchedule, slot: Date): Promise<boolean> {
    const run: NewRun = { id: newRunId(), flow: f.slug, source: 'schedule', input: s.outputs(slot) }
    const claimed = await this.o.store.claimSlot(f.slug, slot, run)
    if (claimed) this.o.log.info({ flow: f.slug, slot: slot.toISOString(), runId: run.id }, `flow ${f.slug}: fired slot ${slot.toISOString()}`)
    return claimed
  }

  /** How many slots lie in (after, upTo], and the latest MAX_CATCH_UP of them, oldest first. */
  private slotsBetween(s: TriggerSchedule, after: Date, upTo: Date): { count: number; latest: Date[] } {
    const latest: Date[] = []
    let count = 0
    for (let at = s.next(after); at !== undefined && at <= upTo && count < COUNT_LIMIT; at = s.next(at)) {
      count++
      latest.push(at)
      if (latest.length > MAX_CATCH_UP) latest.shift()
    }
    return { count, latest }
  }
}
