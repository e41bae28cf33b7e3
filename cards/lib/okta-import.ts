/** Okta's import cards for Anything-as-a-Source identity sources: sessions and their bulk requests. */
import { Type } from '@sinclair/typebox'
import type { ExportedCard } from '../../engine/export-mapping.ts'
import { exportedAppId } from './okta-app-input.ts'

export const SourceId = Type.String({ minLength: 1, description: 'The identity source id, the same as its application id (`0oa…`).' })
export const SessionId = Type.String({ minLength: 1, description: 'The import session id, from Create an Import Session.' })

/** Okta's Import Operation choices, and the values its exports store. */
export const OPERATIONS: Record<string, 'Create & Update' | 'Deactivate & Delete'> = { upsert: 'Create & Update', UPSERT: 'Create & Update', delete: 'Deactivate & Delete', DELETE: 'Deactivate & Delete' }
export const Operation = Type.Union([Type.Literal('Create & Update'), Type.Literal('Deactivate & Delete')], { default: 'Create & Update' })

export function exportedOperation(v: ExportedCard): unknown {
  const op = v.input('importOperation')
  return typeof op === 'string' ? (OPERATIONS[op] ?? op) : undefined
}

export const exportedSourceId = (v: ExportedCard) => exportedAppId(v)

export const SAMPLE_SESSION = (source: string) => ({ id: 'aps1qqonvr2SZv6o70h8', identitySourceId: source, status: 'CREATED', importType: 'INCREMENTAL' })
