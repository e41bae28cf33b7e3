/** Assign Group to Application, Read Assigned Group for Application, Remove Group from Application: one request on `/api/v1/apps/{appId}/groups/{groupId}`. */
import { Type } from '@sinclair/typebox'
import { type CardExample, defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { AppId, exportedAppId } from './okta-app-input.ts'
import { oktaSend } from './okta-call.ts'
import { GROUP_ASSIGNMENT, groupAssignmentRecord } from './okta-records.ts'

const ids = { 'App ID': AppId(), 'Group ID': Type.String({ minLength: 1, description: 'Group id (`00g…`).' }) }
const exportedIds = (v: Parameters<typeof exportedAppId>[0]) => ({ 'App ID': exportedAppId(v), 'Group ID': v.input('groupId') ?? v.input('Group ID') ?? v.input('id') })

export function appGroupCard(type: string, title: string, description: string, method: 'PUT' | 'GET', key: string, examples: CardExample[]) {
  return defineCard({
    type,
    title,
    description,
    kind: 'connector',
    connector: okta,
    inputs: Type.Object({ ...ids, ...(method === 'PUT' && { Priority: Type.Optional(Type.Integer({ minimum: 0, description: 'Priority of this assignment among the groups.' })) }) }),
    outputs: Type.Object({ Group: GROUP_ASSIGNMENT }),
    examples,
    okta: { keys: [key], map: (v) => ({ inputs: defined({ ...exportedIds(v), ...(method === 'PUT' && { Priority: v.input('priority') }) }) }) },
    async run(ctx, i: Record<string, unknown>) {
      const res = await oktaSend(ctx, {
        method,
        operation: `${method} /api/v1/apps/{appId}/groups/{groupId}`,
        path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/groups/${named('Group ID', i['Group ID'])}`,
        ...(method === 'PUT' && { body: i.Priority === undefined ? {} : { priority: i.Priority } }),
        request: { app: i['App ID'], group: i['Group ID'], ...(i.Priority !== undefined && { priority: i.Priority }) },
        idempotent: true,
        dryRun: () => ({ status: 200, body: { id: i['Group ID'], priority: i.Priority ?? 0, lastUpdated: '2026-01-01T00:00:00.000Z', profile: {} } }),
      })
      return { Group: groupAssignmentRecord(res.body) }
    },
  })
}

export function removeGroupCard(type: string, title: string, description: string, key: string, examples: CardExample[]) {
  return defineCard({
    type,
    title,
    description,
    kind: 'connector',
    connector: okta,
    inputs: Type.Object(ids),
    outputs: Type.Object({ Status: Type.Integer({ description: 'The HTTP status Okta answered: 204.' }) }),
    examples,
    okta: { keys: [key], map: (v) => ({ inputs: defined(exportedIds(v)), outputs: { status: 'Status' } }) },
    async run(ctx, i) {
      const res = await oktaSend(ctx, {
        method: 'DELETE',
        operation: 'DELETE /api/v1/apps/{appId}/groups/{groupId}',
        path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/groups/${named('Group ID', i['Group ID'])}`,
        request: { app: i['App ID'], group: i['Group ID'] },
        idempotent: true,
        dryRun: () => ({ status: 204, body: undefined }),
      })
      return { Status: res.status }
    },
  })
}
