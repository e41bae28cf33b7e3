/** Email address inputs: a list of addresses, or one text holding one or more (`Ann <a@x.org>, b@y.org`). */
import { Type } from '@sinclair/typebox'
import addressparser from 'nodemailer/lib/addressparser/index.js'
import { CardFailedError } from '../../engine/errors.ts'

export interface Address {
  name: string
  address: string
}

export const AddressList = (description: string) =>
  Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 500 })], { description })

/** Parses every entry with nodemailer's RFC 5322 parser, so a quoted display name may hold a comma. */
export function parseAddresses(value: string | string[] | undefined, input: string, cardId: string): Address[] {
  const entries = value === undefined ? [] : Array.isArray(value) ? value : [value]
  const out: Address[] = []
  for (const entry of entries) {
    if (entry.trim() === '') continue
    for (const a of addressparser(entry, { flatten: true })) {
      if (!/^[^\s@]+@[^\s@]+$/.test(a.address)) throw new CardFailedError(`input "${input}": "${entry}" is not an email address`, cardId)
      out.push({ name: a.name, address: a.address })
    }
  }
  return out
}

/** `Ann <a@x.org>` or `a@x.org`, for the request shown in history. */
export function showAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address
}

export interface Recipients {
  to: Address[]
  cc: Address[]
  bcc: Address[]
}

/** To, CC and BCC of a mail card, parsed; at least one recipient. */
export function parseRecipients(inputs: { To: string | string[]; CC?: string | string[]; BCC?: string | string[] }, cardId: string): Recipients {
  const r = { to: parseAddresses(inputs.To, 'To', cardId), cc: parseAddresses(inputs.CC, 'CC', cardId), bcc: parseAddresses(inputs.BCC, 'BCC', cardId) }
  if (r.to.length + r.cc.length + r.bcc.length === 0) throw new CardFailedError('input "To": no recipient', cardId)
  return r
}

/** The recipients as a reviewer reads them in the outbound record; empty CC and BCC left out. */
export function showRecipients(r: Recipients): Record<string, string[]> {
  const show = (list: Address[]) => list.map(showAddress)
  return { to: show(r.to), ...(r.cc.length > 0 && { cc: show(r.cc) }), ...(r.bcc.length > 0 && { bcc: show(r.bcc) }) }
}
