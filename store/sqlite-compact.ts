/**
 * How the SQLite store keeps a run's input and history small, without losing any of it: each
 * event's raw JSON is written once (in `events`), and a run refers to it.
 *
 * - A run of an Okta event card gets as input the card's outputs for the event and its delivery:
 *   a function of the two. Only the card's type and the delivery (envelope fields and safe headers)
 *   are written, as plain JSON text after `^`, and reading builds the input again from the event
 *   with the same card (engine/input.ts, EventInputs): encoding and packing the input were a
 *   tenth of a delivery's time at intake.
 * - Another run's input (the trigger's outputs) may hold parts of its event as they are (`Event
 *   Details` is the whole event, `Client` its client...). Each part that is the very object of the
 *   event is written as a reference to its path in the event: `{"\u0000event":["client"]}`. The
 *   text starts with `~` then (plain JSON starts with `{`), and reading puts the event's parts back.
 * - A run's history (`record`) holds the trigger's outputs again: when they are the run's input
 *   itself (nothing was redacted from them), they are left out and put back from the input.
 * - The history is then compressed with a preset dictionary of the words every history and
 *   every Okta event has (`packed`): 3.6 KB → 0.9 KB for the seed flow's runs. The raw event and
 *   the input are compressed too, when they are stored (1.7 KB → about 0.35 KB for the event). A
 *   packed value is a BLOB whose first byte is the format: 2 is Zstandard (written now), 1 raw
 *   deflate (written before: read only); `unpacked` reads both. The dictionary never changes
 *   (rows written with it must stay readable); a new dictionary is a new format byte.
 *
 * Rows written before (plain JSON text) read as they always did.
 */
import { inflateRawSync } from 'node:zlib'
import { Decompressor } from 'zstd-napi'
import zstd from 'zstd-napi/binding.js'
import type { SourceEvent } from '../engine/card.ts'
import { InputError } from '../engine/errors.ts'
import type { RunRecord } from '../engine/history.ts'
import type { EventInputs } from '../engine/input.ts'
import type { InputSource } from './store.ts'

/** The for-in form V8 compiles to a check against the loop's key cache (see engine/redact.ts). */
const ownKey = Object.prototype.hasOwnProperty

const FORMAT_1 = 1
// biome-ignore format: the dictionary of formats 1 and 2, byte for byte
const DICTIONARY_1 = Buffer.from(
  '"status":"failed","error":{"code":"CONNECTOR","message":"","retryable":false},"status":"stopped","message":"",' +
  '"parent":{"id":"","branch":"else"},"parent":{"id":"","branch":"then"},"status":"skipped","inputs":{},"outputs":{},"durationMs":0,' +
  '"Headers":{"host":"","connection":"keep-alive","content-type":"application/json","content-length":"","user-agent":""},"Source":"https://' +
  '"Actor":{"ID":"00u","Alternate ID":"","Display Name":"","Type":"User"},"Okta User":{"ID":"00u","Alternate ID":"","Display Name":"","Type":"User"},' +
  '"Date and Time":"","Message":"","Event ID":"","Event Type":"user.","Event Time":"","Version":"0","UUID":"","Client":{"\u0000event":["client"]},' +
  '"Event Details":{"\u0000event":[]},"Debug Context":{"Debug Data":{"\u0000event":["debugContext","debugData"]}},"Legacy Event Type":"","Severity":"INFO","Result":"SUCCESS",' +
  '"Transaction":{"\u0000event":["transaction"]},"Authentication Context":{"\u0000event":["authenticationContext"]},"Security Context":{"\u0000event":["securityContext"]}}' +
  '"outbound":[{"cardId":"","connector":"slack","operation":"chat.postMessage","request":{"channel":"","text":"","username":""},"result":"sent","attempts":1}]}' +
  '{"runId":"","flow":"","flowFile":"flows/.yaml","status":"succeeded","startedAt":"2026-","durationMs":,"dryRun":false,"trigger":{"id":"event","card":"okta.user"},' +
  '"cards":[{"id":"","card":"text.compose","status":"succeeded","inputs":{"text":"","format":"text"},"outputs":{"output":""},"durationMs":0.},' +
  '{"id":"","card":"","status":"succeeded","inputs":{"list":[],"separator":""},"outputs":{"output":[]},"durationMs":' +
  // an Okta System Log event, for the events' raw JSON
  '{"uuid":"","published":"","eventType":"user.","version":"0","displayMessage":"","severity":"INFO","client":{"userAgent":{"rawUserAgent":"Mozilla/5.0 ' +
  '(Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/","os":"","browser":"CHROME"},"zone":"null","device":"Computer","id":null,' +
  '"ipAddress":"","geographicalContext":{"city":"","state":"","country":"","postalCode":"","geolocation":{"lat":,"lon":}},"ipChain":[{"ip":"",' +
  '"geographicalContext":{"city":"","state":"","country":"","postalCode":"","geolocation":{"lat":,"lon":}},"version":"V4","source":null}]},"device":null,' +
  '"actor":{"id":"00u","type":"User","alternateId":"","displayName":"","detailEntry":null},"outcome":{"result":"SUCCESS","reason":null},' +
  '"target":[{"id":"00u","type":"User","alternateId":"","displayName":"","detailEntry":null}],"transaction":{"type":"WEB","id":"","detail":{}},' +
  '"debugContext":{"debugData":{"requestId":"","requestUri":"/api/v1/users","url":"/api/v1/users?","changedAttributes":""}},"legacyEventType":"core.user.",' +
  '"authenticationContext":{"authenticationProvider":null,"credentialProvider":null,"credentialType":null,"issuer":null,"authenticationStep":0,' +
  '"externalSessionId":"","interface":null},"securityContext":{"asNumber":null,"asOrg":null,"isp":null,"domain":null,"isProxy":null},"insertionTimestamp":null}',
)
/** Format 1 (rows written before format 2): raw deflate with the dictionary, read only. */
const INFLATE_1 = { chunkSize: 2048, dictionary: DICTIONARY_1 } as const

/**
 * Format 2: a Zstandard frame at level 1, with the same dictionary (as raw content). One
 * compression context, kept: zlib's sync API built a stream and allocated its state (160 KB,
 * reported to the heap as external memory) for each value, most of a value's time; a kept
 * context compresses the same values in a third of the time, within 5% of the size. Only the
 * engine's thread calls it, and each call is synchronous.
 *
 * The context is the library's low-level one (`zstd-napi/binding`), so that the text is encoded
 * into a kept buffer and the frame written after the format byte in another: the high-level
 * Compressor took a new buffer for the text and copied its result, and the format byte cost one
 * more buffer and copy (5.0 → 4.5 µs for an Okta event).
 */
const FORMAT_2 = 2
const cctx = new zstd.CCtx()
cctx.setParameter(zstd.CParameter.compressionLevel, 1)
cctx.loadDictionary(DICTIONARY_1)
const decompressor = new Decompressor()
decompressor.loadDictionary(DICTIONARY_1)

/** Texts up to this many bytes are encoded and compressed in kept buffers; longer ones in their own. */
const KEPT_BUFFER_BYTES = 64 * 1024
const keptSource = Buffer.allocUnsafe(KEPT_BUFFER_BYTES)
const keptFrame = Buffer.allocUnsafe(zstd.compressBound(KEPT_BUFFER_BYTES) + 1)

/** JSON text as stored: compressed behind its format byte, on this thread. */
export function packed(text: string): Buffer {
  // a UTF-16 unit is at most 3 bytes of UTF-8
  const kept = text.length * 3 <= KEPT_BUFFER_BYTES
  const source = kept ? keptSource.subarray(0, keptSource.write(text, 'utf8')) : Buffer.from(text, 'utf8')
  const frame = kept ? keptFrame : Buffer.allocUnsafe(zstd.compressBound(source.length) + 1)
  frame[0] = FORMAT_2
  const length = cctx.compress2(frame.subarray(1), source)
  // from the kept frame, a copy of its own: the next call writes it again; a frame of its own is returned as it is
  return kept ? Buffer.from(frame.subarray(0, length + 1)) : frame.subarray(0, length + 1)
}

/** The JSON text of a column, packed (either format) or not. */
export function unpacked(value: string | Buffer): string {
  if (typeof value === 'string') return value
  if (value[0] === FORMAT_2) return decompressor.decompress(value.subarray(1)).toString('utf8')
  if (value[0] === FORMAT_1) return inflateRawSync(value.subarray(1), INFLATE_1).toString('utf8')
  throw new Error(`unknown stored format ${value[0]}`)
}

const REF = '\u0000event'
const ENCODED = '~'
const FROM_EVENT = '^'
/** Bounds the walk of an event (hostile input: deep or wide). */
const MAX_DEPTH = 32
const MAX_PARTS = 2000

type Path = (string | number)[]

/** Where a part of the event sits: its parent's place (none for the event itself) and its key there. */
interface Place {
  up: Place | undefined
  key: string | number
  depth: number
}

/** Each object and array of the event, by identity, with its place (the path is built only for those referred to). */
function partsOf(raw: unknown): Map<object, Place | undefined> {
  const parts = new Map<object, Place | undefined>()
  if (raw !== null && typeof raw === 'object') addParts(parts, raw, undefined)
  return parts
}

function addParts(parts: Map<object, Place | undefined>, value: object, place: Place | undefined): void {
  if (parts.size >= MAX_PARTS || (place?.depth ?? 0) > MAX_DEPTH || parts.has(value)) return
  parts.set(value, place)
  const depth = (place?.depth ?? 0) + 1
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (v !== null && typeof v === 'object') addParts(parts, v, { up: place, key: i, depth })
    }
  } else {
    for (const k in value) {
      if (!ownKey.call(value, k)) continue
      const v: unknown = (value as Record<string, unknown>)[k]
      if (v !== null && typeof v === 'object') addParts(parts, v, { up: place, key: k, depth })
    }
  }
}

function pathOf(place: Place | undefined): Path {
  const path: Path = []
  for (let p = place; p; p = p.up) path.push(p.key)
  return path.reverse()
}

/** The input as stored: parts of `raw` by reference when there are any, else plain JSON. */
export function encodeInput(input: Record<string, unknown>, raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return JSON.stringify(input)
  const found = { parts: partsOf(raw), refs: 0, clash: false }
  // the references put in a copy first, then JSON.stringify without a replacer: a replacer, called
  // for every value, takes V8 off its fast path (the encoding took twice as long)
  const withRefs = referring(input, found, 0)
  return found.refs === 0 || found.clash ? JSON.stringify(input) : ENCODED + JSON.stringify(withRefs)
}

/**
 * `value` with each object or array that is a part of the event replaced by its reference (not
 * `value` itself: depth 0), copied only where something was replaced. Objects with a `toJSON`
 * (dates) are left for JSON.stringify; past MAX_DEPTH nothing more is replaced.
 */
function referring(value: unknown, found: { parts: Map<object, Place | undefined>; refs: number; clash: boolean }, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > 0 && found.parts.has(value)) {
    found.refs++
    return { [REF]: pathOf(found.parts.get(value)) }
  }
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const v = referring(value[i], found, depth + 1)
      if (v === value[i]) continue
      copy ??= [...value]
      copy[i] = v
    }
    return copy ?? value
  }
  // an object of the input that has the reference's key itself could not be told apart
  if (Object.hasOwn(value, REF)) found.clash = true
  let copy: Record<string, unknown> | undefined
  for (const k in value) {
    if (!ownKey.call(value, k)) continue
    const v = (value as Record<string, unknown>)[k]
    const next = referring(v, found, depth + 1)
    if (next === v) continue
    copy ??= { ...value }
    copy[k] = next
  }
  return copy ?? value
}

/** An event run's input as stored when it is built again from its event: the card and the delivery. */
export function encodeInputSource(from: InputSource): string {
  return FROM_EVENT + JSON.stringify({ trigger: from.trigger, delivery: from.delivery })
}

/**
 * The input as the run had it; `raw` gives the event's raw JSON (asked only when needed), and
 * `eventInputs` builds an input stored as its source (encodeInputSource) again. An input that
 * cannot be built (no such card, the event gone) throws an InputError saying why.
 */
export function decodeInput(stored: string | Buffer, raw: () => unknown, eventInputs: EventInputs | undefined): Record<string, unknown> {
  const text = unpacked(stored)
  if (text.startsWith(FROM_EVENT)) {
    const from = JSON.parse(text.slice(FROM_EVENT.length)) as Omit<InputSource, 'event'>
    if (!eventInputs) throw new InputError(`its input is the outputs of the trigger card "${from.trigger}" for its event, and the store was opened without the cards to build them`)
    const event = raw()
    if (event === null || typeof event !== 'object') throw new InputError('its input is built from its event, and the event is no longer stored')
    return eventInputs(from.trigger, event as SourceEvent, from.delivery)
  }
  if (!text.startsWith(ENCODED)) return JSON.parse(text) as Record<string, unknown>
  const event = raw()
  const at = (path: Path): unknown => {
    let v: unknown = event
    for (const k of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[k]
    return v
  }
  return JSON.parse(text.slice(ENCODED.length), (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, REF)) return at((value as Record<string, Path>)[REF]!)
    return value
  }) as Record<string, unknown>
}

/** The history as stored: without the trigger's outputs when they are `input` itself. */
export function encodeRecord(record: RunRecord, input: Record<string, unknown> | undefined): string {
  if (input === undefined || record.trigger.outputs !== input) return JSON.stringify(record)
  const { outputs: _fromInput, ...trigger } = record.trigger
  return JSON.stringify({ ...record, trigger })
}

export function decodeRecord(stored: string | Buffer, input: () => Record<string, unknown> | undefined): RunRecord {
  const record = JSON.parse(unpacked(stored)) as RunRecord
  if (record.trigger && !Object.hasOwn(record.trigger, 'outputs')) record.trigger.outputs = input() ?? {}
  return record
}
