/**
 * Okta's Result Set option on list and search cards: the first record, the first 200 (or 500),
 * or every record streamed to a helper flow (`Record` and `State` inputs) up to Record Limit.
 * Records are read page by page following Okta's `Link: rel="next"`; a stream never holds more
 * than one page in memory, and a list that is cut says so in its own option's name.
 */
import { type TProperties, Type } from '@sinclair/typebox'
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'
import { PAGE_SIZE } from '../../connectors/okta/pages.ts'
import { inGroup, nonEmpty } from '../../importer/mapping.ts'
import { callHelper } from './flow-result.ts'

/** Search cards' choices, and older exports' "All Matching Records". */
export const SEARCH_SETS = ['First Matching Record', 'First 200 Matching Records', 'Stream Matching Records', 'All Matching Records'] as const
/** List cards' choices (Get Users Groups, List Group Members, …). */
export const LIST_SETS = ['First 200 Records', 'Stream Records'] as const

/** "All Matching Records" (older exports) gives a list; past this many it fails and points to streaming. */
export const MAX_LISTED = 10_000

/** Okta's default Record Limit when streaming. */
export const DEFAULT_RECORD_LIMIT = 1_000_000

export function resultSetInputs(choices: readonly string[], fallback: string) {
  return {
    'Result Set': Type.Union(
      choices.map((c) => Type.Literal(c)),
      { default: fallback, description: `${choices.join(', ')}. Streaming runs the helper flow \`Flow\` once per record.` },
    ),
    Flow: Type.Optional(Type.String({ minLength: 1, description: 'Helper flow each record is streamed to: its inputs must be `Record` and `State`.' })),
    State: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Passed to every streamed run as its `State` input.' })),
    'Record Limit': Type.Optional(Type.Integer({ minimum: 0, description: `Most records streamed (default ${DEFAULT_RECORD_LIMIT.toLocaleString('en')}; 0 streams none).` })),
  } satisfies TProperties
}

export interface ResultSetInputs {
  'Result Set': string
  Flow?: string | undefined
  State?: Record<string, unknown> | undefined
  'Record Limit'?: number | undefined
}

const streams = (set: string) => set.startsWith('Stream')

/** How many records the option asks for, and whether they go to a helper flow. */
export function wanted(i: ResultSetInputs): { count: number; stream: boolean } {
  const set = i['Result Set']
  if (streams(set)) return { count: i['Record Limit'] ?? DEFAULT_RECORD_LIMIT, stream: true }
  if (set === 'First Matching Record') return { count: 1, stream: false }
  if (set === 'All Matching Records') return { count: i['Record Limit'] ?? MAX_LISTED + 1, stream: false }
  return { count: Number(/\d+/.exec(set)?.[0] ?? PAGE_SIZE), stream: false }
}

/** The page size to ask for: no more than the option wants, at most Okta's maximum. */
export function pageLimit(i: ResultSetInputs, max = PAGE_SIZE): string {
  return String(Math.max(1, Math.min(max, wanted(i).count)))
}

/** A streaming Result Set without a helper flow is reported by `flow validate`. */
export function checkResultSet(inputs: Record<string, unknown>): string[] {
  const set = inputs['Result Set']
  return typeof set === 'string' && streams(set) && inputs.Flow === undefined ? [`Result Set "${set}" streams each record to a helper flow: set "Flow"`] : []
}

/** Reads records from the pages as the option asks: kept (up to the count) or streamed to the helper flow. */
export async function readResults<R>(ctx: CardContext, pages: AsyncIterable<unknown[]>, i: ResultSetInputs, toRecord: (item: unknown) => R): Promise<{ records: R[]; streamed: number }> {
  const { count, stream } = wanted(i)
  if (stream && !i.Flow) throw new CardFailedError(`Result Set "${i['Result Set']}" streams each record to a helper flow: set "Flow"`, ctx.cardId)
  const records: R[] = []
  let streamed = 0
  if (count === 0) return { records, streamed }
  for await (const page of pages) {
    for (const item of page) {
      if (stream) {
        await callHelper(ctx, i.Flow!, { Record: toRecord(item), State: i.State ?? {} })
        streamed++
        if (streamed >= count) return { records, streamed }
        continue
      }
      if (i['Result Set'] === 'All Matching Records' && i['Record Limit'] === undefined && records.length >= MAX_LISTED) {
        throw new CardFailedError(`more than ${MAX_LISTED} records match; choose "Stream Matching Records" to handle them all`, ctx.cardId)
      }
      records.push(toRecord(item))
      if (records.length >= count) return { records, streamed }
    }
  }
  return { records, streamed }
}

/** Outputs of a list card: the first record's fields, the list, and the count streamed. */
export function resultOutputs<R extends object>(listName: string, records: R[], streamed: number, empty: R) {
  return { ...(records[0] ?? empty), [listName]: records, 'Records Streamed': streamed }
}

/** An exported card's Result Set, Flow, State (the Streaming section's extra fields) and Record Limit. */
export function mapResultSet(v: ExportedCard): Record<string, unknown> {
  const set = v.input('resultSet')
  const stream = typeof set === 'string' && streams(set)
  const limit = v.input('Limit')
  return {
    'Result Set': set,
    Flow: stream ? v.helperFlow('Flow') : undefined,
    State: stream ? nonEmpty(inGroup(v, 'Streaming', ['Flow'])) : undefined,
    'Record Limit': typeof limit === 'number' && stream ? limit : undefined,
  }
}
