/**
 * Okta's Application option on application cards: an app picked from a list, or "Enter
 * Application ID" and the id typed in. Exports keep the pick under `application` (or `app`)
 * and the typed id under `applicationID`, `appId` or `ID`.
 */
import { Type } from '@sinclair/typebox'
import type { ExportedCard } from '../../engine/export-mapping.ts'

export const AppId = (description = 'Application (app instance) id, `0oa…`.') => Type.String({ minLength: 1, description })

/** The application id an exported card holds, or undefined (an unset id stays out of the YAML). */
export function exportedAppId(v: ExportedCard): unknown {
  const typed = ['applicationID', 'appId', 'App ID', 'ID'].map((k) => v.input(k)).find((x) => x !== undefined && x !== '')
  if (typed !== undefined) return typed
  const picked = v.input('application') ?? v.input('instance')
  return typeof picked === 'string' && !picked.startsWith('--') ? picked : undefined
}
