/**
 * The flows a server serves: every valid, enabled flow file of a directory. An invalid flow is
 * reported with its file:line:col errors and left out; the others are still served. With
 * `watch`, a change in the directory reloads the set (debounced).
 */
import { existsSync, type FSWatcher, statSync, watch } from 'node:fs'
import type { DelegatedSettings, HttpTriggerSettings, TriggerSchedule } from '../engine/card.ts'
import type { FlowPlan } from '../engine/check.ts'
import { flowFilesIn, flowSlug, loadFlowFile } from '../engine/load.ts'
import type { Registry } from '../engine/registry.ts'
import { loadTables } from '../engine/table-file.ts'
import type { TableDef } from '../engine/tables.ts'
import type { Log } from './log.ts'

export interface ServedFlow {
  /** The file name without extension: the flow's URL name and its name in the store. */
  slug: string
  file: string
  plan: FlowPlan
  /** How the flow is served at its URL, when its trigger is an HTTP trigger (API Endpoint). */
  http: HttpTriggerSettings | undefined
  /** When the flow runs on its own, when its trigger has a schedule (Scheduled Flow). */
  schedule: TriggerSchedule | undefined
  /** How an admin runs it on demand, when its trigger is a Delegated Flow. */
  delegated: DelegatedSettings | undefined
}

const RELOAD_DEBOUNCE_MS = 200

export class FlowSet {
  private bySlug = new Map<string, ServedFlow>()
  /** The tables defined beside the flows (tables/<name>.yaml), read with them. */
  tables: ReadonlyMap<string, TableDef> = new Map()
  private loadedOnce = false
  private watcher: FSWatcher | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    readonly dir: string,
    private readonly log: Log,
    readonly registry: Registry,
  ) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`flows directory ${dir} not found`)
  }

  get loaded(): boolean {
    return this.loadedOnce
  }

  /** Reads every flow file again and swaps the served set in one step. */
  async load(): Promise<void> {
    const next = new Map<string, ServedFlow>()
    for (const file of flowFilesIn(this.dir)) {
      const { plan, errors } = await loadFlowFile(file, this.registry)
      if (!plan) {
        for (const e of errors) this.log.error({ file, code: e.code }, e.describe())
        this.log.error({ file, errors: errors.length }, `flow ${file} is invalid and is not served`)
        continue
      }
      if (!plan.enabled) {
        this.log.info({ file }, `flow ${file} is disabled (enabled: false) and is not served`)
        continue
      }
      const { def, options } = plan.trigger
      next.set(flowSlug(file), { slug: flowSlug(file), file, plan, http: def.http?.(options), schedule: def.schedule?.(options), delegated: def.delegated?.(options) })
    }
    const { tables, errors } = loadTables(this.dir)
    for (const e of errors) this.log.error({ file: e.location?.file, code: e.code }, `${e.describe()} (the table is not served)`)
    this.tables = tables
    this.bySlug = next
    this.loadedOnce = true
    this.log.info({ flows: [...next.keys()] }, `serving ${next.size} flow(s) from ${this.dir}`)
  }

  get size(): number {
    return this.bySlug.size
  }

  flow(slug: string): ServedFlow | undefined {
    return this.bySlug.get(slug)
  }

  /** Flows fired by Okta events, in file name order. */
  eventFlows(): ServedFlow[] {
    return [...this.bySlug.values()].filter((f) => f.plan.trigger.def.eventTypes.length > 0)
  }

  /** The flow behind `/api/flows/<slug>/invoke`, when it has an API Endpoint trigger. */
  apiFlow(slug: string): ServedFlow | undefined {
    const f = this.bySlug.get(slug)
    return f?.http ? f : undefined
  }

  /** The flow behind `/api/flows/<slug>/run`, when it has a Delegated Flow trigger. */
  delegatedFlow(slug: string): ServedFlow | undefined {
    const f = this.bySlug.get(slug)
    return f?.delegated ? f : undefined
  }

  all(): ServedFlow[] {
    return [...this.bySlug.values()]
  }

  watch(): void {
    this.watcher = watch(this.dir, () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => {
        this.load().catch((err: unknown) => this.log.error({ err }, 'reloading flows failed'))
      }, RELOAD_DEBOUNCE_MS)
    })
  }

  close(): void {
    clearTimeout(this.timer)
    this.watcher?.close()
  }
}
