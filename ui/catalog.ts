/**
 * Every flow file the UI lists: the served ones as the server holds them, and beside them the
 * disabled and invalid files the server leaves out, so a user sees why a flow does not run.
 * Files the server does not serve are read again only when they change (by mtime).
 */
import { statSync } from 'node:fs'
import type { FlowPlan } from '../engine/check.ts'
import { flowFilesIn, flowSlug, loadFlowFile } from '../engine/load.ts'
import type { Registry } from '../engine/registry.ts'

export interface UiFlow {
  /** File name without extension: the flow's URL name and its name in the store. */
  slug: string
  file: string
  /** Absent for a file that does not check. */
  plan?: FlowPlan
  served: boolean
  /** The first problem of an invalid file, located (file:line:col). */
  problem?: string
}

export interface ServedSource {
  readonly dir: string
  /** The cards the served flows were checked with; unserved files are checked with them too. */
  readonly registry: Registry
  all(): readonly { slug: string; file: string; plan: FlowPlan }[]
}

interface Cached {
  mtimeMs: number
  flow: UiFlow
}

/** Returns a function listing the flows of `source.dir`, sorted by file, served or not. */
export function flowCatalog(source: ServedSource): () => Promise<UiFlow[]> {
  const cache = new Map<string, Cached>()
  return async () => {
    const served = new Map(source.all().map((f) => [f.slug, f]))
    const out: UiFlow[] = []
    let files: string[] = []
    try {
      files = flowFilesIn(source.dir)
    } catch {
      // The directory went away: list what is still served.
    }
    for (const file of files) {
      const slug = flowSlug(file)
      const s = served.get(slug)
      if (s) {
        out.push({ slug, file: s.file, plan: s.plan, served: true })
        served.delete(slug)
        continue
      }
      const flow = await unserved(file, cache, source.registry)
      if (flow) out.push(flow)
    }
    for (const s of served.values()) out.push({ slug: s.slug, file: s.file, plan: s.plan, served: true })
    return out
  }
}

async function unserved(file: string, cache: Map<string, Cached>, registry: Registry): Promise<UiFlow | undefined> {
  let mtimeMs: number
  try {
    mtimeMs = statSync(file).mtimeMs
  } catch {
    return undefined
  }
  const hit = cache.get(file)
  if (hit && hit.mtimeMs === mtimeMs) return hit.flow
  const { plan, errors } = await loadFlowFile(file, registry)
  const flow: UiFlow = plan ? { slug: flowSlug(file), file, plan, served: false } : { slug: flowSlug(file), file, served: false, problem: errors[0]?.describe() ?? 'invalid' }
  cache.set(file, { mtimeMs, flow })
  return flow
}
