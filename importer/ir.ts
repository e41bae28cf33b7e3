/** What the importer builds before writing YAML: cardflow's flow format as plain data. */

export interface IrCard {
  id: string
  type: string
  inputs: Record<string, unknown>
  connection?: string
  /** From the Okta Comment cards placed before this card. */
  comment?: string
  branches?: { then: IrCard[]; else: IrCard[] }
  /** If/Else declared outputs (Okta's Join): name → branch → value. */
  outputs?: Record<string, { then: unknown; else: unknown }>
}

export interface IrTrigger {
  id: string
  type: string
  options: Record<string, unknown>
  comment?: string
}

export interface IrFlow {
  name: string
  /** File name without extension. */
  slug: string
  description?: string
  trigger: IrTrigger
  cards: IrCard[]
  trailingComment?: string
  /** Okta addresses of the cards kept as `unsupported`. */
  unsupported: string[]
  /** Cards in the flow (trigger excluded, comments excluded). */
  cardCount: number
}

/** `{{card.Output}}`; segments holding dots are bracketed so they stay one name. */
export function refText(id: string, path: readonly string[]): string {
  const segs = [id, ...path].map((s, i) => (i > 0 && /[^A-Za-z0-9_ $-]/.test(s) ? `[${s.replaceAll("]", "")}]` : s))
  return `{{${segs.join('.')}}}`
}

/** camelCase id from an Okta card name, e.g. `Send Message to Channel` → `sendMessageToChannel`, `API Endpoint` → `apiEndpoint`. */
export function idFromName(name: string, fallback: string): string {
  const words = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean)
  const first = (w: string) => (w === w.toUpperCase() ? w.toLowerCase() : w[0]!.toLowerCase() + w.slice(1))
  let id = words.map((w, i) => (i === 0 ? first(w) : w[0]!.toUpperCase() + w.slice(1))).join('')
  if (!id) id = fallback
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`
}

export class IdAllocator {
  private used = new Set<string>()
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r)
  }
  take(base: string): string {
    let id = base
    for (let n = 2; this.used.has(id); n++) id = `${base}${n}`
    this.used.add(id)
    return id
  }
}

/** `1.1 Generate unique username` → `1-1-generate-unique-username`: a file name. */
export function slugOf(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'flow'
}
