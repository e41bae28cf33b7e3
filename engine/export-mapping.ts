/**
 * How a card says where it sits in Okta Workflows exports (`.flopack`): the short addresses it
 * answers to and how an exported card's fields become its inputs. The importer reads exports into
 * `ExportedCard`s and asks the registry; a card's mapping lives in the card's own file.
 */

/** One input field of an exported card, its value already a cardflow value. */
export interface ExportedField {
  /** Okta's id of the field, unique within the card. */
  id: string
  /** Okta's key, e.g. `string`, `left-operand`, or the name an author gave a custom field. */
  key: string
  /** The field's section (`User`, `Group`, `context`, `Streaming`…), or null. */
  group: string | null
  /** Okta's type: `string`, `number`, `boolean`, `Date`, `object`, `flo`… (or an object shape). */
  type: unknown
  /** Added by the flow's author (Construct's fields, a helper flow's inputs…). */
  custom: boolean
  /** A `{{card.Output}}` reference, a literal, or undefined when empty. */
  value: unknown
  /** Another card's output feeds it. */
  pinned: boolean
  /** A helper-flow input of a card that goes through a list (For Each, Map…) that takes each item
   * (`''`) or the field at this path of it; undefined for a value that is the same for every item. */
  item?: string
}

/** What a card mapping sees of one exported card. */
export interface ExportedCard {
  /** The full address, e.g. `root:kernel:string:0.0.1:compose`. */
  address: string
  /** The short address, e.g. `string:compose`, `okta:readUser`. */
  kind: string
  /** The card's title in the export, e.g. `Compose`. */
  name: string
  /** An input's value by Okta key (the first field with that key): a reference, a literal, or undefined. */
  input(key: string): unknown
  /** The raw text of an input as Okta stored it (Compose's template), before any conversion. */
  rawInput(key: string): unknown
  /** Every input field, in Okta's order. */
  fields(): ExportedField[]
  /** The output keys, in Okta's order (Okta's context outputs left out). */
  outputKeys(): string[]
  /** The helper flow an input names (a flow id or an inline flow), as a cardflow flow name. */
  helperFlow(key: string): string | undefined
  /** The flow's own schedule when the export has it switched on (Okta's cron fields), for a Scheduled Flow trigger. */
  flowSchedule?(): unknown
  /** The steps Okta runs when the card fails (If Error's error branch), split out as a helper flow. */
  errorFlow(): string | undefined
}

export interface MappedCard {
  inputs: Record<string, unknown>
  /** Okta output key → cardflow output name (or path into one), where they differ. */
  outputs?: Record<string, string | string[]>
}

export interface ExportMapping {
  /** Short addresses this card answers to: `family:key` of `root:kernel:<family>:<version>:<key>`. */
  keys: readonly string[]
  /** When several cards answer to one key, the first that matches takes the exported card. */
  matches?(card: ExportedCard): boolean
  /** Exported fields to inputs. Without it, each input takes the exported field of the same key. */
  map?(card: ExportedCard): MappedCard
}

export interface TriggerExportMapping {
  /** Short addresses of the event cards (or other first cards) this trigger answers to. */
  keys: readonly string[]
  /** When several triggers answer to one key (Helper Flow, Scheduled Flow), the first that matches takes it. */
  matches?(card: ExportedCard): boolean
  /** The trigger's options from the exported card; without it, none. */
  options?(card: ExportedCard): Record<string, unknown>
  /** Okta output (key and group) → path in the trigger's outputs, where it differs from the key alone. */
  outputPath?(key: string, group: string | null): string[] | undefined
}
