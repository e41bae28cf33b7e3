/** Email address inputs: a list of addresses, or one text holding one or more (`Ann <a@x.org>, b@y.org`). */
import { Type } from '@sinclair/typebox'
import addressparser from 'nodemailer/lib/addressparser/index.js'
import { CardFailedError } from '../errors.ts'

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
