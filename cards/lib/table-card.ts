/**
 * What the Tables cards share: the table input, the Where Expression (Okta's Filter dialog) and
 * how an exported one reads, and turning a store's or a definition's complaint into the card's
 * failure.
 */
import { type Static, Type } from '@sinclair/typebox'
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError, CardflowError } from '../../engine/errors.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'
import { FILTER_OPS, type RowCondition, type TableDef, type TableRows } from '../../engine/tables.ts'
import { inputOf } from '../../importer/mapping.ts'

export const TableName = Type.String({ minLength: 1, description: "The table: its file name in tables/ beside the flows, without .yaml (Okta's Table, or its Table ID when provided at runtime)." })

export const RowId = Type.String({ minLength: 1, description: 'The row, as Create Row or Search Rows gave its Row ID.' })

export const WhereExpression = Type.Array(
  Type.Object(
    {
      column: Type.String({ minLength: 1, description: 'A column of the table.' }),
      op: Type.Union(
        FILTER_OPS.map((op) => Type.Literal(op)),
        { description: 'The comparison; text comparisons are case-sensitive.' },
      ),
      value: Type.Optional(Type.Unknown({ description: 'Compared with the column as its type (not used by is empty / is not empty).' })),
      join: Type.Optional(Type.Union([Type.Literal('and'), Type.Literal('or')], { description: 'How it joins the condition before it (default and; and binds tighter than or).' })),
    },
    { additionalProperties: false },
  ),
  { default: [], maxItems: 50, description: "The conditions a row must meet (Okta's Filter); none takes every row." },
)

export type Where = Static<typeof WhereExpression>

/** The table a card names, or the card's failure. */
export function tableOf(ctx: CardContext, name: string): { def: TableDef; rows: TableRows } {
  return ctx.table(name)
}

/**
 * Runs a table operation; a complaint about the values (a column the table lacks, a value of the
 * wrong type) becomes the card's failure. A store that cannot answer stays a store error.
 */
export async function tableStep<T>(ctx: CardContext, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (err) {
    if (err instanceof CardflowError) throw err
    throw new CardFailedError((err as Error).message, ctx.cardId)
  }
}

export function conditions(where: Where): RowCondition[] {
  return where.map((c) => ({ column: c.column, op: c.op, ...(c.value !== undefined && { value: c.value as RowCondition['value'] }), ...(c.join && { join: c.join }) }))
}

/** The row a missing Row ID names: the card fails, as Okta's does. */
export function noRow(ctx: CardContext, table: string, id: string): never {
  throw new CardFailedError(`table "${table}" has no row with Row ID "${id}"`, ctx.cardId)
}

// ---- exports (.flopack) ----

/** The export keys of a Tables card: Okta's `stash` service (`root:channels:http:stash:<version>:<key>`). */
export const stashKeys = (...keys: string[]) => keys.map((k) => `stash:${k}`)

/** The table an exported card works on: its Table option (the importer has put the table's name there) or its Table ID input. */
export const exportedTable = (v: ExportedCard) => inputOf(v, ['stash', 'Table ID', 'tableId', 'table']) ?? ''

/** Fields of an exported card that are not columns: its options, Okta's context, hidden filter values. */
const NOT_COLUMNS = new Set(['parameters', 'context', '_expr', 'Filter', 'Sort', 'Options'])

/** An exported card's column fields (Create Row's, Update Row's), by column name. */
export function exportedColumns(v: ExportedCard, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of v.fields()) {
    if ((f.group !== null && NOT_COLUMNS.has(f.group)) || ['stash', 'Table ID', 'tableId', ...skip].includes(f.key)) continue
    out[f.key] = f.value ?? null
  }
  return out
}

const OKTA_OPS: Record<string, RowCondition['op']> = { '==': '=', '<>': '!=', eq: '=', ne: '!=' }

/**
 * An exported Where Expression (`{expr: [{lhs, op, rhs | rhd, join}]}`). A value taken from another
 * card (`rhd`) is kept by Okta in a hidden field of group `_expr` keyed by that output's id; the
 * importer has made that field a reference.
 */
export function exportedWhere(v: ExportedCard, key = 'Where Expression'): Where {
  const data = v.input(key) as { expr?: unknown } | undefined
  const expr = Array.isArray(data?.expr) ? (data.expr as Record<string, unknown>[]) : []
  const hidden = v.fields().filter((f) => f.group === '_expr')
  // Okta gives every condition a join, the first included: it reads as the link to the next one
  return expr
    .filter((e) => typeof e.lhs === 'string')
    .map((e, i, all) => {
      const op = String(e.op ?? '=')
      const rhd = e.rhd as { outputId?: string } | undefined
      const value = rhd?.outputId ? hidden.find((f) => f.key === rhd.outputId)?.value : e.rhs
      const join = String(all[i - 1]?.join ?? 'AND').toLowerCase() === 'or' ? 'or' : 'and'
      return {
        column: e.lhs as string,
        op: (OKTA_OPS[op] ?? op) as Where[number]['op'],
        ...(value !== undefined && { value }),
        ...(i > 0 && { join }),
      }
    })
}
