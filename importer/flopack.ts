/**
 * The shape of an Okta Workflows export (`.flopack`, JSON), as far as the importer reads it, and
 * the checks that turn a wrong file into one clear error instead of a crash deep inside.
 */

export interface OktaField {
  id: string
  key: string
  group?: string | null
  value: { type?: unknown; collection?: boolean; data?: unknown; proxy?: { dynamic?: boolean; path?: string | null } | null }
  metadata?: { custom?: boolean; displayname?: string } | null
}

export interface OktaMethod {
  uuid: string
  /** e.g. `root:kernel:string:0.0.1:compose`, `root:channels:http:okta:1.0.461:readUser`. */
  address: string
  /** If/Else: the first card (a no-op) of each branch, true or false. */
  branches: Record<string, boolean>
  /** Join: input id to the output it feeds. */
  joins: Record<string, { output: string }[]>
  /** Output id to target card uuid to the inputs it feeds. */
  pins?: Record<string, Record<string, { input: string; transform?: unknown }[]>>
  node: {
    data: { name?: string }
    model: {
      config?: string | null
      display?: { configRef?: string | null }
      inputs?: { data?: Record<string, OktaField> }
      outputs?: { data?: Record<string, OktaField> }
      comments?: { title?: string; markdown?: string }
      /** If Error keeps its error branch here, as an inline flow: `{type: 'handler', flo}`. */
      policy?: { error?: { type?: string; flo?: unknown } | null } | null
    }
  }
}

export interface OktaFlowData {
  uuid: string
  methods: OktaMethod[]
  /** Edge id to [from uuid, to uuid]: the order cards run in. */
  orderings: Record<string, [string, string]>
  /** A scheduled flow's schedule as cron fields, and whether the schedule is on. */
  cron?: unknown
  scheduled?: boolean
}

export interface OktaFlow {
  id: string
  name: string
  description?: string | null
  data: OktaFlowData
}

export interface Flopack {
  flos: OktaFlow[]
  /**
   * Flows the export names without their cards: a single-flow export (`.flow`) lists the helper
   * flows it calls this way, so calls to them keep the helper's name.
   */
  refs: { id: string; name: string }[]
  /** Connection id to its name and service; exports never hold the secrets. */
  configs: Record<string, { name: string; module: string }>
  /** The export's tables as it holds them (see tables.ts). */
  tables: unknown
}

export class FlopackError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A flow's methods hold inline flows (For Each with its helper inside, If Error, If/ElseIf). */
export function isFlowData(v: unknown): v is OktaFlowData {
  return isRecord(v) && Array.isArray(v.methods) && isRecord(v.orderings) && typeof v.uuid === 'string'
}

export function parseFlopack(text: string, file: string): Flopack {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new FlopackError(`${file}: not JSON: ${(err as Error).message}`)
  }
  if (!isRecord(json) || json.type !== 'flopack' || !isRecord(json.data)) {
    throw new FlopackError(`${file}: not an Okta Workflows export (expected {"type": "flopack", "data": {...}})`)
  }
  const { flos, configs, tables } = json.data
  const list = Array.isArray(flos) ? flos : isRecord(flos) ? Object.values(flos) : []
  const out: OktaFlow[] = []
  const refs: Flopack['refs'] = []
  for (const [i, f] of list.entries()) {
    if (isRecord(f) && typeof f.name === 'string' && f.data === null && typeof f.id === 'string') {
      refs.push({ id: f.id, name: f.name })
      continue
    }
    if (!isRecord(f) || typeof f.name !== 'string' || !isFlowData(f.data)) {
      throw new FlopackError(`${file}: flow #${i + 1} lacks a name or its cards (data.methods, data.orderings)`)
    }
    for (const m of f.data.methods) checkMethod(m, `${file}: flow "${f.name}"`)
    out.push({ id: String(f.id ?? f.data.uuid), name: f.name, description: typeof f.description === 'string' ? f.description : null, data: f.data })
  }
  if (out.length === 0) throw new FlopackError(`${file}: the export holds no flows`)
  const cfg: Flopack['configs'] = {}
  for (const [id, c] of Object.entries(isRecord(configs) ? configs : {})) {
    if (isRecord(c) && typeof c.name === 'string') cfg[id] = { name: c.name, module: String(c.module ?? '') }
  }
  return { flos: out, refs, configs: cfg, tables }
}

function checkMethod(m: unknown, where: string): asserts m is OktaMethod {
  if (!isRecord(m) || typeof m.uuid !== 'string' || typeof m.address !== 'string' || !isRecord(m.node) || !isRecord(m.node.model)) {
    throw new FlopackError(`${where}: a card lacks uuid, address or model`)
  }
  for (const key of ['inputs', 'outputs'] as const) {
    const fields = (m.node.model as Record<string, unknown>)[key]
    if (fields === undefined) continue
    const data = isRecord(fields) ? fields.data : undefined
    for (const f of Object.values(isRecord(data) ? data : {})) {
      if (!isRecord(f) || typeof f.key !== 'string' || !isRecord(f.value)) throw new FlopackError(`${where}: card ${m.uuid} has a malformed ${key.slice(0, -1)}`)
      const value = f.value as Record<string, unknown>
      if (isFlowData(value.data)) for (const inner of value.data.methods) checkMethod(inner, `${where} (inline flow)`)
    }
  }
  m.branches ??= {}
  m.joins ??= {}
}

/** `root:channels:http:okta:1.0.461:readUser` → `okta:readUser`; `root:kernel:string:0.0.1:compose` → `string:compose`. */
export function shortAddress(address: string): string {
  const parts = address.split(':').filter((p) => p !== 'root' && !/^\d+\.\d+\.\d+$/.test(p))
  if (parts[0] === 'kernel') return parts.slice(1).join(':')
  if (parts[0] === 'channels') return parts.slice(2).join(':')
  return parts.join(':')
}

export function fieldsOf(m: OktaMethod, which: 'inputs' | 'outputs'): OktaField[] {
  return Object.values(m.node.model[which]?.data ?? {})
}
