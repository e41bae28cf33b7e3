/**
 * Okta's user list cards (List Users with Filter, List Users with Search, Find Users): their
 * expressions, built from inputs that may hold event data. Every value is a quoted literal with
 * `\` and `"` escaped, so a value cannot close its quotes and add `or status eq "ACTIVE"`.
 */
import { Type } from '@sinclair/typebox'
import { PAGE_SIZE } from '../../connectors/okta/pages.ts'
import { sampleUser, USER_FIELDS, userRecord } from './okta-records.ts'

/** A value as a literal of Okta's filter and search expressions. */
export const quoted = (v: unknown) => `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`

/** `attr eq "value"` for each input given, joined with `and`; author-written criteria added in brackets. */
export function expression(inputs: Record<string, unknown>, attributes: Record<string, string>, custom?: unknown): string | undefined {
  const parts: string[] = []
  for (const [input, attribute] of Object.entries(attributes)) {
    const v = inputs[input]
    if (v !== undefined && v !== null && v !== '') parts.push(`${attribute} eq ${quoted(v)}`)
  }
  if (typeof custom === 'string' && custom.trim() !== '') parts.push(parts.length > 0 ? `(${custom.trim()})` : custom.trim())
  return parts.length > 0 ? parts.join(' and ') : undefined
}

export const STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED', 'DEPROVISIONED']

export const Status = Type.Optional(Type.String({ description: STATUSES.join(', ') }))

/** What user list cards share: a `Users` list of Okta's user helper fields. */
export const userList = {
  listName: 'Users',
  fields: USER_FIELDS,
  record: userRecord,
  operation: 'GET /api/v1/users',
  pageSize: PAGE_SIZE,
  sample: () => [sampleUser('00u0000000000000000')],
}
