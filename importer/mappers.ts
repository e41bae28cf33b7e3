/**
 * Okta card (short address) → cardflow card. Okta's input and output names are kept where the
 * cardflow card is new; the seed cards' own names are mapped. A card missing here, or mapped to
 * a type not registered yet, is kept as `unsupported`.
 */
import { inlineText } from './ir.ts'
import { type CardView, defined, type Mapped, type Mapper, OPERATOR_NAMES } from './view.ts'

const operator = (v: CardView, key = 'operator') => {
  const op = v.input(key)
  return typeof op === 'string' ? (OPERATOR_NAMES[op] ?? op) : op
}

/** The inputs whose names the author chose (Construct, Assign, Return, Call Flow's fields). */
function named(v: CardView, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const { field, value } of v.fields()) {
    if (skip.includes(field.key) || field.value.type === 'flo') continue
    out[field.key] = value ?? null
  }
  return out
}

/** Inputs of a helper call: the author's fields plus the values an inline flow captures ("context"). */
const helperInputs = (v: CardView, skip: readonly string[]) => named(v, ['flo', 'concurrency', ...skip])

const same = (type: string, keys: readonly string[]): Mapper => (v) => ({ type, inputs: defined(Object.fromEntries(keys.map((k) => [k, v.input(k)]))) })

const compare = (type: string, extra: readonly string[] = []): Mapper => (v) => ({
  type,
  inputs: defined({ a: v.input('left-operand') ?? null, operator: operator(v), b: v.input('right-operand'), ...Object.fromEntries(extra.map((k) => [k, v.input(k)])) }),
})

/** `{{{field}}}` in Okta's text becomes the field's reference or its (escaped) literal text; other braces stay text. */
function templateOf(v: CardView, key = '_text_'): string {
  const fields = v.fields()
  const raw = fields.find((f) => f.field.key === key)?.field.value.data
  const text = typeof raw === 'string' ? raw : ''
  const values = new Map(fields.map((f) => [f.field.key, f.value]))
  const PLACEHOLDER = /\{\{\{([^{}]+)\}\}\}/g
  let out = ''
  let last = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += escapeText(text.slice(last, m.index))
    last = m.index + m[0].length
    const k = m[1]!
    if (!values.has(k)) out += escapeText(m[0])
    else out += inlineText(values.get(k))
  }
  return out + escapeText(text.slice(last))
}

const escapeText = (s: string) => s.replaceAll('{{', '\\{{')

/** Okta's profile attribute names (as Read User lists them) → the Read User card's outputs. */
const READ_USER_OUTPUTS: Record<string, string | string[]> = { firstName: 'First Name', lastName: 'Last Name', login: 'Login', email: 'Email' }
const SYSTEM_PROPERTIES = new Set(['ID', 'Status', 'Created', 'Activated', 'Status Changed', 'Last Login', 'Last Updated', 'Password Changed'])

function readUserOutputs(v: CardView): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const k of v.outputKeys()) if (!SYSTEM_PROPERTIES.has(k)) out[k] = READ_USER_OUTPUTS[k] ?? ['Profile', k]
  return out
}

function forEach(ignoreErrors: boolean): Mapper {
  return (v) => {
    const fields = v.fields().filter((f) => f.field.metadata?.custom || f.field.group === 'context')
    // The helper input no card feeds is the one that receives each item.
    const itemField = fields.find((f) => !f.pinned && f.field.group !== 'context')
    const item = itemField?.field.key ?? 'item'
    return {
      type: 'control.forEach',
      inputs: defined({ list: v.input('list'), flow: v.helperFlow('flo'), item, inputs: nonEmpty(helperInputs(v, ['list', item])), ignoreErrors: ignoreErrors || undefined }),
    }
  }
}

/**
 * If/ElseIf: each condition is a field group (the first is "if") with its own helper flow and
 * `inputs`; "else" has only a flow; "context" holds values the inline helpers captured from this
 * flow, which every branch's helper receives.
 */
function ifElseIf(v: CardView): Mapped {
  type Field = { field: { key: string; id: string; group?: string | null }; value: unknown }
  const groups = new Map<string, Field[]>()
  for (const f of v.fields() as Field[]) if (f.field.group) groups.set(f.field.group, [...(groups.get(f.field.group) ?? []), f])
  const context = Object.fromEntries((groups.get('context') ?? []).map((f) => [f.field.key, f.value ?? null]))
  const branch = (fields: Field[]) => {
    const flo = fields.find((f) => f.field.key === 'flo')
    const extra = fields.find((f) => f.field.key === 'inputs')?.value
    const inputs = { ...context, ...(extra && typeof extra === 'object' && !Array.isArray(extra) ? extra : {}) }
    return defined({ flow: flo ? v.helperFlow(flo.field.id) : undefined, inputs: nonEmpty(inputs) })
  }
  const cases = [...groups.entries()]
    .filter(([group]) => group !== 'else' && group !== 'context')
    .map(([, fields]) => {
      const value = (key: string) => fields.find((f) => f.field.key === key)?.value
      const op = value('operator')
      return defined({ a: value('left-operand') ?? null, operator: typeof op === 'string' ? (OPERATOR_NAMES[op] ?? op) : op, b: value('right-operand'), ...branch(fields) })
    })
  const otherwise = groups.get('else')
  return { type: 'control.ifElseIf', inputs: defined({ cases, otherwise: otherwise ? branch(otherwise) : undefined, returns: nonEmpty0(v.outputKeys()) }) }
}

const nonEmpty = (o: Record<string, unknown>) => (Object.keys(o).length > 0 ? o : undefined)

const MAPPERS: Record<string, Mapper> = {
  // control
  'control:if': compare('control.ifElse'),
  'control:branch': ifElseIf,
  'control:continueIf': (v) => ({ ...compare('control.continueIf')(v), inputs: defined({ ...compare('control.continueIf')(v).inputs, message: v.input('message') || undefined }) }),
  'control:assignIf': compare('control.assignIf', ['valueIfTrue', 'valueIfFalse']),
  'control:let': (v) => ({ type: 'control.assign', inputs: { values: named(v) } }),
  'control:return': (v) => ({ type: 'control.return', inputs: { output: named(v) } }),
  'control:returnRaw': same('control.returnRaw', ['statusCode', 'headers', 'body']),
  'control:spawn': (v) => ({ type: 'control.callFlow', inputs: defined({ flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v, [])), returns: nonEmpty0(v.outputKeys()) }) }),
  'control:run': (v) => ({ type: 'control.callFlow', inputs: defined({ flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v, [])), async: true }) }),
  'control:tryCatch': (v) => ({
    type: 'control.ifError',
    inputs: defined({ flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v, [])), returns: nonEmpty0(v.outputKeys()) }),
  }),
  'list:each': forEach(false),
  'list:asyncEach': forEach(true),
  'list:reduce': (v) => ({ type: 'list.reduce', inputs: defined({ list: v.input('list'), memo: v.fields().find((f) => f.field.key === 'memo')?.value, flow: v.helperFlow('flo') }) }),
  'list:filter': (v) => ({ type: 'list.filterCustom', inputs: defined({ list: v.input('list'), flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v, ['list'])) }) }),
  // text
  'string:compose': (v) => ({ type: 'text.compose', inputs: { text: templateOf(v) } }),
  'string:split': (v) => ({ type: 'text.split', inputs: defined({ text: v.input('string') ?? '', separator: v.input('delimiter') }) }),
  'string:concat': (v) => ({ type: 'text.concatenate', inputs: { parts: Object.values(named(v)) } }),
  'string:substr': same('text.segment', ['string', 'start', 'end']),
  'string:match': same('text.findPattern', ['string', 'target']),
  'string:replace': same('text.replace', ['string', 'src', 'dest', 'global', 'sensitive']),
  'string:replaceAny': (v) => ({
    type: 'text.replacePattern',
    inputs: defined({ text: v.input('text'), patterns: Object.values(named(v, ['text', 'replacement', 'global', 'case sensitive'])), replacement: v.input('replacement') ?? '', global: v.input('global'), 'case sensitive': v.input('case sensitive') }),
  }),
  'string:toLowerCase': same('text.lowerCase', ['string']),
  // lists
  'list:construct': (v) => ({ type: 'list.construct', inputs: { items: Object.values(named(v)) } }),
  'list:intersection': (v) => ({ type: 'list.intersection', inputs: { list1: v.input('list1'), list2: v.input('list2') }, outputs: { list: 'output' } }),
  'list:join': (v) => ({ type: 'list.join', inputs: defined({ list: v.input('list'), separator: v.input('delimiter') }), outputs: { string: 'output' } }),
  'list:at': same('list.at', ['list', 'index']),
  'list:length': same('list.length', ['list']),
  'list:pluck': same('list.pluck', ['list', 'key']),
  'list:shift': same('list.getFirstItem', ['list']),
  'list:sample': same('list.sample', ['list', 'amount']),
  // objects and JSON
  'object:construct': (v) => ({ type: 'object.construct', inputs: { fields: named(v) } }),
  'object:get': same('object.get', ['object', 'path']),
  'object:pick': (v) => {
    const outputs: Record<string, string> = {}
    const paths: Record<string, string> = {}
    for (const key of v.outputKeys()) {
      const last = key.split('.').at(-1) ?? key
      const name = v.outputKeys().filter((k) => k.split('.').at(-1) === last).length === 1 ? last : key.replaceAll('.', '_')
      outputs[key] = name
      paths[name] = key
    }
    return { type: 'object.getMultiple', inputs: { object: v.input('object'), paths }, outputs }
  },
  'json:parse': same('json.parse', ['string']),
  'json:stringify': same('json.stringify', ['object']),
  // numbers, true/false, dates
  'math:add': same('number.add', ['a', 'b']),
  'math:multiply': same('number.multiply', ['a', 'b']),
  'math:expression': (v) => ({ type: 'number.formula', inputs: { expression: templateOf(v) } }),
  'boolean:compare': compare('boolean.compare'),
  'boolean:and': same('boolean.and', ['a', 'b']),
  'date:now': () => ({ type: 'date.now', inputs: {} }),
  'date:parse': same('date.textToDate', ['start', 'format']),
  'date:fromISO': same('date.convert', ['start', 'format', 'zone']),
  'date:format': same('date.format', ['start', 'format', 'zone']),
  'date:subtract': same('date.subtract', ['start', 'scale', 'unit']),
  // Okta
  'okta:readUser': (v) => ({ type: 'okta.readUser', inputs: { 'ID or login': v.input('ID or Login') ?? '' }, outputs: readUserOutputs(v) }),
  'okta:updateUser': (v) => ({
    type: 'okta.updateUser',
    inputs: defined({ ID: v.input('ID'), profile: named(v, ['ID', 'updateSemantics']), updateSemantics: v.input('updateSemantics') === 'PUT' ? 'Full' : undefined }),
  }),
  'okta:addNewUserToGroup': (v) => ({ type: 'okta.addUserToGroup', inputs: groupMembership(v) }),
  'okta:removeUserFromGroup': (v) => ({ type: 'okta.removeUserFromGroup', inputs: groupMembership(v) }),
  'okta:listUsersWithFilter': (v) => ({ type: 'okta.listUsersWithFilter', inputs: defined({ status: v.input('status') || undefined, resultSet: v.input('resultSet') }) }),
  'okta:listUsersWithSearch': (v) => ({
    type: 'okta.listUsersWithSearch',
    inputs: defined({ status: v.input('status') || undefined, 'Custom Search Criteria': v.input('Custom Search Criteria') || undefined, Limit: v.input('Limit') || undefined, resultSet: v.input('resultSet') }),
  }),
  'okta:deactivateUser': (v) => ({ type: 'okta.deactivateUser', inputs: defined({ id: v.input('id'), sendEmail: v.input('sendEmail') }) }),
  'okta:createUser': (v) => ({ type: 'okta.createUser', inputs: defined({ profile: inGroup(v, 'Profile'), Activate: yesNo(v.input('Activate')) }) }),
  'okta:clearUserSessions': same('okta.clearUserSessions', ['ID', 'Revoke oauthTokens?']),
  'okta:getUsersGroups': (v) => {
    const streamed = v.input('resultSet') === 'Stream Records'
    const state = inGroup(v, 'Streaming', ['Flow'])
    return {
      type: 'okta.getUsersGroups',
      inputs: defined({ ID: v.input('ID'), Limit: v.input('Limit') || undefined, flow: streamed ? v.helperFlow('Flow') : undefined, state: streamed ? nonEmpty(state) : undefined }),
    }
  },
  'okta:hTTPRequest': (v) => ({
    type: 'okta.customApiAction',
    inputs: defined({
      'Request Type': v.input('requestType'),
      'Relative URL': v.input('Relative URL'),
      // Okta leaves unused object fields as empty text
      Query: v.input('Query') || undefined,
      Headers: v.input('Headers') || undefined,
      Body: v.input('Body') === '' ? undefined : v.input('Body'),
    }),
  }),
  // connector cards: Slack, Gmail, Office 365
  'slack:sendMessageToChannel2': (v) => ({
    type: 'slack.sendMessageToChannel',
    inputs: defined({ channel: v.input('channel'), text: v.input('Text') ?? '', 'bot name': v.input('Name') || undefined }),
    outputs: { Timestamp: ['Message', 'Timestamp'] },
  }),
  'gmail:sendEmail2': (v) => ({
    type: 'gmail.sendEmail',
    inputs: defined({ To: v.input('To'), Subject: v.input('Subject'), Body: v.input('Body'), 'Body is HTML?': yesNo(v.input('bodyIsHtml')) }),
  }),
  'office365mail:sendEmail2': (v) => ({
    type: 'office365.sendEmail',
    inputs: defined({ ...same('', ['To', 'CC', 'BCC', 'Subject', 'Body'])(v).inputs, 'Message Type': /html/i.test(String(v.input('Message Type'))) ? 'HTML' : 'text' }),
  }),
}

function nonEmpty0(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined
}

function yesNo(v: unknown): unknown {
  return v === 'Yes' ? true : v === 'No' ? false : v
}

/** The inputs of one of the card's field groups (Create User's Profile, a stream's State), by Okta key. */
function inGroup(v: CardView, group: string, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const { field, value } of v.fields()) if (field.group === group && !skip.includes(field.key)) out[field.key] = value ?? null
  return out
}

/** Okta's group membership cards name both ids `id`, one in the User group, one in the Group group. */
function groupMembership(v: CardView): Record<string, unknown> {
  const byGroup = (g: string) => v.fields().find((f) => f.field.key === 'id' && f.field.group === g)?.value
  return defined({ 'User ID': byGroup('User'), 'Group ID': byGroup('Group') })
}

export function mapperFor(kind: string): Mapper | undefined {
  return MAPPERS[kind]
}

export type { Mapped }
