import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { objectOf, textOrNull } from '../lib/okta-call.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { mapResultSet, SEARCH_SETS } from '../lib/okta-result-set.ts'

const Text = Type.Union([Type.String(), Type.Null()])
const Actor = Type.Object({ ID: Text, Type: Text, 'Alternate ID': Text, 'Display Name': Text })

function actorOf(a: unknown) {
  const x = objectOf(a)
  return { ID: textOrNull(x.id), Type: textOrNull(x.type), 'Alternate ID': textOrNull(x.alternateId), 'Display Name': textOrNull(x.displayName) }
}

function logRecord(e: unknown) {
  const event = objectOf(e)
  const client = objectOf(event.client)
  return {
    UUID: textOrNull(event.uuid),
    Published: textOrNull(event.published),
    'Event Type': textOrNull(event.eventType),
    'Display Message': textOrNull(event.displayMessage),
    Actor: actorOf(event.actor),
    Target: (Array.isArray(event.target) ? event.target : []).map(actorOf),
    Client: { ID: textOrNull(client.id), 'User Agent': objectOf(client.userAgent), 'Geographical Context': objectOf(client.geographicalContext), Zone: textOrNull(client.zone), 'IP Address': textOrNull(client.ipAddress), Device: textOrNull(client.device) },
    Outcome: objectOf(event.outcome),
    'Raw Output': event,
  }
}

export default oktaListCard({
  type: 'okta.searchSystemLogs',
  title: 'Okta - Search System Logs',
  description:
    'System Log events (`GET /api/v1/logs`) matching a filter expression (`Search By: Expression`, e.g. ' +
    '`eventType eq "user.session.start" and outcome.result eq "FAILURE"`) or keywords, between `Since` and `Until` ' +
    '(Okta defaults to the last 7 days). Pages are followed as the Result Set asks; without `Until` the log has no end, ' +
    'so the Record Limit is what stops a stream.',
  inputs: {
    'Search By': Type.Union([Type.Literal('Expression'), Type.Literal('Keyword')], { default: 'Expression' }),
    'Custom Filter': Type.Optional(Type.String({ description: 'Filter expression (Search By: Expression).' })),
    Keyword: Type.Optional(Type.String({ description: 'Keywords (Search By: Keyword), matched against the event text.' })),
    Since: Type.Optional(Type.String({ description: 'ISO 8601 date and time.' })),
    Until: Type.Optional(Type.String({ description: 'ISO 8601 date and time.' })),
    'Sort Order': Type.Optional(Type.Union([Type.Literal('ASCENDING'), Type.Literal('DESCENDING')])),
  },
  sets: SEARCH_SETS,
  defaultSet: 'First Matching Record',
  listName: 'Events',
  fields: {
    UUID: Type.Optional(Text),
    Published: Type.Optional(Text),
    'Event Type': Type.Optional(Text),
    'Display Message': Type.Optional(Text),
    Actor: Type.Optional(Actor),
    Target: Type.Optional(Type.Array(Actor)),
    Client: Type.Optional(Type.Unknown()),
    Outcome: Type.Optional(Type.Unknown()),
    'Raw Output': Type.Optional(Type.Unknown()),
  },
  record: logRecord,
  operation: 'GET /api/v1/logs',
  pageSize: 1000,
  path: () => '/api/v1/logs',
  query: (i) =>
    defined({
      ...(i['Search By'] === 'Keyword' ? { q: i.Keyword } : { filter: i['Custom Filter'] }),
      since: i.Since,
      until: i.Until,
      sortOrder: i['Sort Order'],
    }) as Record<string, string>,
  sample: () => [{ uuid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a', published: '2026-01-01T00:00:00.000Z', eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: { id: '00u1', type: 'User' }, target: [], outcome: { result: 'SUCCESS' } }],
  okta: {
    keys: ['okta:searchSystemLogs'],
    map: (v) => ({ inputs: defined({ 'Search By': v.input('searchBy') || undefined, 'Custom Filter': v.input('Custom Filter') || undefined, Keyword: v.input('Keyword') || undefined, Since: v.input('Since') || undefined, Until: v.input('Until') || undefined, ...mapResultSet(v) }) }),
  },
  examples: [{ title: 'finds failed sign-ins', inputs: { 'Custom Filter': 'eventType eq "user.session.start" and outcome.result eq "FAILURE"', 'Result Set': 'First 200 Matching Records' } }],
})
