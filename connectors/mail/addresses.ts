/**
 * Email address inputs: a list of addresses, or one text holding one or more (`Ann <a@x.org>, b@y.org`).
 *
 * Only the flow author's own text may list several recipients. A value a reference gives (event
 * data: a login, a display name) is at most one recipient, whatever it holds: commas, semicolons,
 * angle brackets, quotes or line breaks in it never add a recipient or a header. The card learns
 * which parts came from references from the engine (`ctx.parts`), never by reading the flow file.
 */
import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import addressparser from 'nodemailer/lib/addressparser/index.js'
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import type { Part } from '../../engine/values.ts'

export interface Address {
  name: string
  address: string
}

export const AddressList = (description: string) =>
  Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 500 })], { description })

/**
 * One mailbox: a local part of RFC 5322 atoms (no space, quote, bracket, comma or semicolon)
 * and a host name (letters, digits and hyphens between dots), Unicode letters allowed.
 */
const ADDRESS = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*$/u
const CONTROL = /[\x00-\x1f\x7f\u2028\u2029]+/g

const shown = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text)

function fail(input: string, message: string, cardId: string): never {
  throw new CardFailedError(`input "${input}": ${message}`, cardId)
}

function mailbox(name: string, address: string, input: string, entry: string, cardId: string): Address {
  if (!ADDRESS.test(address)) fail(input, `${shown(entry)} is not an email address`, cardId)
  // a display name is shown, never parsed again: a line break in it is a space, not a new header
  return { name: name.replace(CONTROL, ' ').trim(), address }
}

/** The author's own text: any number of addresses. */
function authorAddresses(text: string, input: string, cardId: string): Address[] {
  return addressparser(text, { flatten: true }).map((a) => mailbox(a.name, a.address, input, text, cardId))
}

/**
 * An item built from the author's text and referenced values: the author's text decides how
 * many recipients there are; each value is put back only where its placeholder stood, as one
 * atom, so it can fill a name or an address but never split one in two.
 */
function mixedAddresses(parts: Part[], input: string, cardId: string): Address[] {
  const refs = parts.filter((p) => p.from === 'reference').map((p) => p.text)
  const nonce = randomBytes(6).toString('hex')
  const placeholder = new RegExp(`cf${nonce}r(\\d+)x`, 'g')
  let skeleton = ''
  let n = 0
  for (const p of parts) skeleton += p.from === 'author' ? p.text : `cf${nonce}r${n++}x`
  const fill = (s: string) => s.replace(placeholder, (_, i: string) => refs[Number(i)]!)
  return addressparser(skeleton, { flatten: true }).flatMap((a) => {
    const lone = new RegExp(`^cf${nonce}r(\\d+)x$`).exec(a.name === '' ? a.address : a.address === '' ? a.name : '')
    return lone ? referencedMailbox(refs[Number(lone[1])]!, input, cardId) : [mailbox(fill(a.name), fill(a.address), input, fill(skeleton), cardId)]
  })
}

/**
 * A value standing alone where an address goes: `a@x.org`, `Ann <a@x.org>` or `"Doe, Ann" <a@x.org>`,
 * or nothing when empty. Read by these three shapes only, never by the full address syntax, whose
 * groups (`Team: a@x.org;`) and comments would let one value name another recipient than it shows.
 */
function referencedMailbox(text: string, input: string, cardId: string): Address[] {
  const t = text.replace(CONTROL, ' ').trim()
  if (t === '') return []
  if (ADDRESS.test(t)) return [{ name: '', address: t }]
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(t)
  const quoted = m && /^"((?:[^"\\]|\\.)*)"$/.exec(m[1]!)
  const name = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : m?.[1]
  if (!m || name === undefined || /[<>]/.test(name) || (!quoted && /[,;:@"]/.test(name)) || !ADDRESS.test(m[2]!.trim())) {
    fail(input, `${shown(text)} from a reference is not one email address (a referenced value gives at most one recipient)`, cardId)
  }
  return [{ name: name.trim(), address: m[2]!.trim() }]
}

/** The addresses of one input, from how its value was put together (ctx.parts), else from the value as written. */
export function addressesOf(ctx: Pick<CardContext, 'parts' | 'cardId'>, input: string, value: string | string[] | undefined): Address[] {
  const items = ctx.parts(input) ?? (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((text): Part[] => [{ from: 'author', text }]))
  return items.flatMap((parts) =>
    parts.every((p) => p.from === 'author') ? authorAddresses(parts.map((p) => p.text).join(''), input, ctx.cardId) : mixedAddresses(parts, input, ctx.cardId),
  )
}

/** An input that names one sender (From): at most one address. */
export function oneAddress(ctx: Pick<CardContext, 'parts' | 'cardId'>, input: string, value: string | undefined): Address | undefined {
  const found = addressesOf(ctx, input, value)
  if (found.length > 1) fail(input, `takes one address, got ${found.length}`, ctx.cardId)
  return found[0]
}

/** `Ann <a@x.org>` or `a@x.org`, for the request shown in history. */
export function showAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address
}

export interface Recipients {
  to: Address[]
  cc: Address[]
  bcc: Address[]
  replyTo: Address[]
}

type RecipientInputs = { To: string | string[]; CC?: string | string[]; BCC?: string | string[]; 'Reply-To'?: string | string[] }

/** To, CC, BCC and Reply-To of a mail card; at least one recipient. */
export function recipientsOf(ctx: Pick<CardContext, 'parts' | 'cardId'>, inputs: RecipientInputs): Recipients {
  const r = {
    to: addressesOf(ctx, 'To', inputs.To),
    cc: addressesOf(ctx, 'CC', inputs.CC),
    bcc: addressesOf(ctx, 'BCC', inputs.BCC),
    replyTo: addressesOf(ctx, 'Reply-To', inputs['Reply-To']),
  }
  if (r.to.length + r.cc.length + r.bcc.length === 0) fail('To', 'no recipient', ctx.cardId)
  return r
}

/** The recipients as a reviewer reads them in the outbound record; empty CC, BCC and Reply-To left out. */
export function showRecipients(r: Recipients): Record<string, string[]> {
  const show = (list: Address[]) => list.map(showAddress)
  return {
    to: show(r.to),
    ...(r.cc.length > 0 && { cc: show(r.cc) }),
    ...(r.bcc.length > 0 && { bcc: show(r.bcc) }),
    ...(r.replyTo.length > 0 && { replyTo: show(r.replyTo) }),
  }
}
