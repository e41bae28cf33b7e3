/** Okta's first card (event, API Endpoint, Helper Flow, Scheduled Flow) to a cardflow trigger. */
import { triggers as registry } from '../engine/registry.ts'
import { fieldsOf, type OktaMethod, shortAddress } from './flopack.ts'
import { idFromName } from './ir.ts'
import { defined } from './view.ts'

export interface MappedTrigger {
  id: string
  type: string
  options: Record<string, unknown>
  comment?: string
}

/** Okta event card key → cardflow trigger type. */
const EVENTS: Record<string, string> = {
  'okta:oktaUserProfileUpdated': 'okta.userProfileUpdated',
  'okta:userUnassignedFromApplicationMembership': 'okta.userUnassignedFromApplication',
  'okta:userAddedToApplicationMembership': 'okta.userAssignedToApplication',
  'okta:userCreated': 'okta.userCreated',
  'okta:userSuspended': 'okta.userSuspended',
}

/** Okta's own context outputs of a Helper Flow; the others are the inputs its callers pass. */
const HELPER_CONTEXT = new Set(['index', 'parent', 'error', 'execution_id'])

function param(m: OktaMethod, key: string): unknown {
  return fieldsOf(m, 'inputs').find((f) => f.key === key)?.value.data
}

/** The Application option: an app instance id, or the app picked by name, or all apps. */
function applicationOf(m: OktaMethod): string {
  const pick = (k: string) => {
    const v = param(m, k)
    return typeof v === 'string' && v.trim() ? v.trim() : undefined
  }
  return (param(m, 'useId') === 'Yes' ? pick('appId') : pick('instance')) ?? pick('appId') ?? 'All Apps'
}

export function triggerFor(m: OktaMethod | undefined, outputKeys: string[]): MappedTrigger {
  if (!m) {
    return {
      id: 'start',
      type: 'control.helperFlow',
      options: { inputs: [] },
      comment: 'The Okta flow had no event card: it runs only when started by hand or called.',
    }
  }
  const kind = shortAddress(m.address)
  const name = m.node.data.name ?? ''
  if (kind === 'http:accept') return { id: 'apiEndpoint', type: 'http.apiEndpoint', options: {} }
  if (kind === 'control:callable' && name === 'Scheduled Flow') {
    return { id: 'scheduledFlow', type: 'control.scheduledFlow', options: {}, comment: 'Okta ran this flow on a schedule; set `schedule` to the one you want.' }
  }
  if (kind === 'control:callable') {
    return { id: idFromName(name, 'helperFlow'), type: 'control.helperFlow', options: { inputs: outputKeys.filter((k) => !HELPER_CONTEXT.has(k)) } }
  }
  const type = EVENTS[kind]
  if (type && registry.has(type)) {
    const options = type.includes('Application') ? { application: applicationOf(m) } : {}
    return { id: idFromName(name, 'event'), type, options }
  }
  return { id: idFromName(name, 'event'), type: 'unsupported', options: unsupportedOptions(m, outputKeys) }
}

function unsupportedOptions(m: OktaMethod, outputKeys: string[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {}
  for (const f of fieldsOf(m, 'inputs')) {
    const d = f.value.data
    if (d !== null && d !== undefined && d !== '' && !(typeof d === 'object' && Object.keys(d).length === 0)) inputs[f.key] = d
  }
  return defined({
    address: m.address,
    name: m.node.data.name,
    inputs: Object.keys(inputs).length > 0 ? inputs : undefined,
    // Event cards hand over a `collection`; without a known card the output names stay open.
    outputs: outputKeys.filter((k) => k !== 'collection').length > 0 ? outputKeys.filter((k) => k !== 'collection') : undefined,
  })
}
