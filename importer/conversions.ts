/**
 * Okta converts a value on its way along a pin ("transform": {"convert": …}). Conversions that
 * change what a value is, JSON text to a value (`parse`) and back (`stringify`), become a JSON
 * card just before the card that reads the value, so the flow file shows the step and the card
 * gets what Okta's would; `wrapArray` is written as a one-item list. The others (`toString`,
 * `parseFloat`, `isoString`, `dateTime`) are not converted yet: the value goes in as it is, and
 * a card whose input takes only the converted type refuses it with an input error.
 */
import { type IdAllocator, type IrCard, refText } from './ir.ts'

const CARDS: Partial<Record<string, { type: string; input: string; id: string }>> = {
  parse: { type: 'json.parse', input: 'string', id: 'parseJson' },
  stringify: { type: 'json.stringify', input: 'object', id: 'stringifyJson' },
}

export class PinConversions {
  /** Converter cards by the card that reads them (its uuid), in the order they were made. */
  private readonly before = new Map<string, IrCard[]>()
  /** One converter per input of a card, however often its fields are read. */
  private readonly made = new Map<string, string>()

  constructor(private readonly alloc: IdAllocator) {}

  /**
   * The value the reading card gets: `value` (a reference) as it is, or a reference to a
   * converter card made for `reader`'s input `field`.
   */
  apply(convert: string | undefined, value: unknown, reader: { uuid: string; field: string } | undefined): unknown {
    if (convert === 'wrapArray') return [value]
    // own keys only: an export's `toString` or `constructor` is not a converter
    const card = convert && Object.hasOwn(CARDS, convert) ? CARDS[convert] : undefined
    if (!card || !reader) return value
    const key = `${reader.uuid}/${reader.field}`
    let id = this.made.get(key)
    if (!id) {
      id = this.alloc.take(card.id)
      this.made.set(key, id)
      this.before.set(reader.uuid, [...(this.before.get(reader.uuid) ?? []), { id, type: card.type, inputs: { [card.input]: value } }])
    }
    return refText(id, ['output'])
  }

  /** The converter cards to place before the card `uuid`, once. */
  take(uuid: string): IrCard[] {
    const cards = this.before.get(uuid) ?? []
    this.before.delete(uuid)
    return cards
  }
}
