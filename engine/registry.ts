/**
 * The set of cards and triggers a flow may use. It is assembled outside the engine (see
 * `cards/index.ts`) from each family's index and handed to check, run, schema generation, docs
 * and the importer. Registering checks each id's pattern and that no two cards share an id.
 */
import type { AnyCardDef, AnyTriggerDef, CardDef, TriggerDef } from './card.ts'
import { CardflowError } from './errors.ts'

/* biome-ignore lint/suspicious/noExplicitAny: a family holds cards of every input and output type */
type LooseCard = CardDef<any, any>
/* biome-ignore lint/suspicious/noExplicitAny: as above, for triggers */
type LooseTrigger = TriggerDef<any, any>

/** What a family's index (`cards/<family>/index.ts`) exports. */
export interface CardFamily {
  readonly cards?: readonly LooseCard[]
  readonly triggers?: readonly LooseTrigger[]
}

/** `family.operation` (camelCase operation), or a bare family name for a family of one card. */
export const CARD_ID_PATTERN = /^[a-z][a-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/

/** The registry cannot be built: a bad or repeated id. Raised at start, naming the files. */
export class RegistryError extends CardflowError {
  constructor(message: string) {
    super('REGISTRY', message)
  }
}

export class Registry {
  readonly cards: ReadonlyMap<string, AnyCardDef>
  readonly triggers: ReadonlyMap<string, AnyTriggerDef>
  private readonly cardKeys = new Map<string, AnyCardDef[]>()
  private readonly triggerKeys = new Map<string, AnyTriggerDef[]>()

  constructor(cards: readonly AnyCardDef[], triggers: readonly AnyTriggerDef[]) {
    this.cards = index(cards, 'cards')
    this.triggers = index(triggers, 'triggers')
    for (const c of cards) for (const key of c.okta?.keys ?? []) this.cardKeys.set(key, [...(this.cardKeys.get(key) ?? []), c])
    for (const t of triggers) for (const key of t.okta?.keys ?? []) this.triggerKeys.set(key, [...(this.triggerKeys.get(key) ?? []), t])
  }

  /** The cards that answer to an Okta export's short address (`string:compose`), in registry order. */
  cardsForExportKey(key: string): readonly AnyCardDef[] {
    return this.cardKeys.get(key) ?? []
  }

  triggersForExportKey(key: string): readonly AnyTriggerDef[] {
    return this.triggerKeys.get(key) ?? []
  }
}

export function createRegistry(families: readonly CardFamily[]): Registry {
  return new Registry(
    families.flatMap((f) => f.cards ?? []),
    families.flatMap((f) => f.triggers ?? []),
  )
}

function index<T extends { type: string; source?: string | undefined }>(defs: readonly T[], what: 'cards' | 'triggers'): ReadonlyMap<string, T> {
  const out = new Map<string, T>()
  for (const def of defs) {
    const where = def.source ?? 'an unknown file'
    if (!CARD_ID_PATTERN.test(def.type)) {
      throw new RegistryError(`${where}: id "${def.type}" must be family.operation in camelCase, e.g. text.compose`)
    }
    const prior = out.get(def.type)
    if (prior) {
      throw new RegistryError(`two ${what} have the id "${def.type}": ${prior.source ?? 'an unknown file'} and ${where}`)
    }
    out.set(def.type, def)
  }
  return out
}
