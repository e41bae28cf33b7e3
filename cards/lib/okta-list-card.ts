/**
 * The shape every Okta list and search card shares: a Result Set option, one GET that Okta pages
 * with `Link` headers, records built from each item, and outputs that hold the first record's
 * fields, the list, and the count streamed to a helper flow.
 */
import { type TObject, type TProperties, Type } from '@sinclair/typebox'
import { type CardContext, type CardExample, defineCard } from '../../engine/card.ts'
import type { ExportMapping } from '../../engine/export-mapping.ts'
import { okta } from '../../connectors/okta/index.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaPages } from './okta-call.ts'
import { checkResultSet, pageLimit, readResults, type ResultSetInputs, resultOutputs, resultSetInputs } from './okta-result-set.ts'

export interface ListCardSpec<P extends TProperties> {
  type: string
  title: string
  description: string
  /** The card's own inputs (what to list), besides Result Set, Flow, State and Record Limit. */
  inputs: P
  /** Result Set choices and the default. */
  sets: readonly string[]
  defaultSet: string
  /** Output name of the list: `Users`, `Groups`, `Applications`… */
  listName: string
  /** Fields of one record, as outputs (the first record's, at the top level). */
  fields: TProperties
  record(item: unknown): Record<string, unknown>
  /** `GET /api/v1/users` as history names it. */
  operation: string
  /** Builds the path from the inputs (ids as checked segments). */
  path(inputs: Record<string, unknown>): string
  /** First page's query, without `limit` (added from the Result Set) unless `pageSize` is false. */
  query(inputs: Record<string, unknown>): Record<string, string>
  /** Largest page Okta gives for this list; false when the endpoint takes no `limit`. */
  pageSize?: number | false
  sample(inputs: Record<string, unknown>): unknown[]
  okta?: ExportMapping
  examples: CardExample[]
}

export function oktaListCard<P extends TProperties>(spec: ListCardSpec<P>) {
  const empty = Object.fromEntries(Object.keys(spec.fields).map((k) => [k, null]))
  const inputs = Type.Object({ ...spec.inputs, ...resultSetInputs(spec.sets, spec.defaultSet) })
  return defineCard({
    type: spec.type,
    title: spec.title,
    description: spec.description,
    kind: 'connector',
    connector: okta,
    inputs: inputs as TObject,
    outputs: Type.Object({
      ...spec.fields,
      [spec.listName]: Type.Array(Type.Unknown(), { description: 'The records read (empty when they are streamed).' }),
      'Records Streamed': Type.Integer({ description: 'How many records went to the helper flow.' }),
    }),
    check: checkResultSet,
    ...(spec.okta && { okta: spec.okta }),
    examples: spec.examples,
    async run(ctx: CardContext, i: Record<string, unknown>) {
      const rs = i as unknown as ResultSetInputs
      const query = { ...spec.query(i), ...(spec.pageSize !== false && { limit: pageLimit(rs, spec.pageSize ?? undefined) }) }
      const given = defined(Object.fromEntries(Object.keys(spec.inputs).map((k) => [k, i[k]])))
      const request = { ...given, query, resultSet: rs['Result Set'] }
      const pages = oktaPages(ctx, { operation: spec.operation, path: () => spec.path(i), query, request, sample: () => spec.sample(i) })
      const { records, streamed } = await readResults(ctx, pages, rs, spec.record)
      return resultOutputs(spec.listName, records, streamed, empty)
    },
  })
}
