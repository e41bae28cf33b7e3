/** Every card cardflow knows. Add a card by importing its file here. */
import apiEndpoint from '../cards/http/api-endpoint.ts'
import continueIf from '../cards/control/continue-if.ts'
import ifElse from '../cards/control/if-else.ts'
import returnCard from '../cards/control/return.ts'
import listConstruct from '../cards/list/construct.ts'
import listIntersection from '../cards/list/intersection.ts'
import listJoin from '../cards/list/join.ts'
import objectConstruct from '../cards/object/construct.ts'
import objectGetMultiple from '../cards/object/get-multiple.ts'
import userProfileUpdated from '../cards/okta/user-profile-updated.ts'
import userUnassigned from '../cards/okta/user-unassigned-from-application.ts'
import textCompose from '../cards/text/compose.ts'
import textSplit from '../cards/text/split.ts'
import type { AnyCardDef, AnyTriggerDef, CardDef, TriggerDef } from './card.ts'
// connector cards
import gmailSendEmail from '../cards/gmail/send-email.ts'
import office365SendEmail from '../cards/office365/send-email.ts'
import oktaReadUser from '../cards/okta/read-user.ts'
import slackSendDirectMessage from '../cards/slack/send-direct-message.ts'
import slackSendMessageToChannel from '../cards/slack/send-message-to-channel.ts'
// (end of connector cards)
// imported-flow cards
import booleanAnd from '../cards/boolean/and.ts'
import booleanCompare from '../cards/boolean/compare.ts'
import assign from '../cards/control/assign.ts'
import ifElseIf from '../cards/control/if-else-if.ts'
import assignIf from '../cards/control/assign-if.ts'
import callFlow from '../cards/control/call-flow.ts'
import forEach from '../cards/control/for-each.ts'
import helperFlow from '../cards/control/helper-flow.ts'
import ifError from '../cards/control/if-error.ts'
import returnRaw from '../cards/control/return-raw.ts'
import scheduledFlow from '../cards/control/scheduled-flow.ts'
import { unsupportedCard, unsupportedTrigger } from '../cards/control/unsupported.ts'
import dateConvert from '../cards/date/convert.ts'
import dateFormat from '../cards/date/date-to-text.ts'
import dateNow from '../cards/date/now.ts'
import dateSubtract from '../cards/date/subtract.ts'
import dateTextToDate from '../cards/date/text-to-date.ts'
import jsonParse from '../cards/json/parse.ts'
import jsonStringify from '../cards/json/stringify.ts'
import listAt from '../cards/list/at.ts'
import listFilterCustom from '../cards/list/filter-custom.ts'
import listGetFirstItem from '../cards/list/get-first-item.ts'
import listLength from '../cards/list/length.ts'
import listPluck from '../cards/list/pluck.ts'
import listReduce from '../cards/list/reduce.ts'
import listSample from '../cards/list/sample.ts'
import numberAdd from '../cards/number/add.ts'
import numberFormula from '../cards/number/formula.ts'
import numberMultiply from '../cards/number/multiply.ts'
import objectGet from '../cards/object/get.ts'
import oktaAddUserToGroup from '../cards/okta/add-user-to-group.ts'
import oktaClearUserSessions from '../cards/okta/clear-user-sessions.ts'
import oktaCreateUser from '../cards/okta/create-user.ts'
import oktaCustomApiAction from '../cards/okta/custom-api-action.ts'
import oktaDeactivateUser from '../cards/okta/deactivate-user.ts'
import oktaGetUsersGroups from '../cards/okta/get-users-groups.ts'
import { listUsersWithFilter, listUsersWithSearch } from '../cards/okta/list-users.ts'
import oktaRemoveUserFromGroup from '../cards/okta/remove-user-from-group.ts'
import oktaUpdateUser from '../cards/okta/update-user.ts'
import userAssigned from '../cards/okta/user-assigned-to-application.ts'
import userCreated from '../cards/okta/user-created.ts'
import userSuspended from '../cards/okta/user-suspended.ts'
import textConcatenate from '../cards/text/concatenate.ts'
import textFindPattern from '../cards/text/find-pattern.ts'
import textLowerCase from '../cards/text/lower-case.ts'
import textReplace from '../cards/text/replace.ts'
import textReplacePattern from '../cards/text/replace-pattern.ts'
import textSegment from '../cards/text/segment.ts'

const IMPORTED_TRIGGERS = [helperFlow, scheduledFlow, userAssigned, userCreated, userSuspended, unsupportedTrigger]
// (end of imported-flow cards)

/* biome-ignore lint/suspicious/noExplicitAny: a registry holds cards of every input and output type */
type Loose = CardDef<any, any>
/* biome-ignore lint/suspicious/noExplicitAny: as above, for triggers */
type LooseTrigger = TriggerDef<any, any>

const TRIGGERS: LooseTrigger[] = [userProfileUpdated, userUnassigned, apiEndpoint, ...IMPORTED_TRIGGERS]

const CARDS: Loose[] = [
  textCompose,
  textSplit,
  listConstruct,
  listIntersection,
  listJoin,
  objectConstruct,
  objectGetMultiple,
  ifElse,
  continueIf,
  returnCard,
  // connector cards
  slackSendMessageToChannel,
  slackSendDirectMessage,
  gmailSendEmail,
  office365SendEmail,
  oktaReadUser,
  // (end of connector cards)
  // imported-flow cards
  assign,
  assignIf,
  callFlow,
  forEach,
  ifError,
  returnRaw,
  unsupportedCard,
  textConcatenate,
  textSegment,
  textFindPattern,
  textReplace,
  textReplacePattern,
  textLowerCase,
  listAt,
  listLength,
  listPluck,
  listGetFirstItem,
  listSample,
  listReduce,
  listFilterCustom,
  objectGet,
  jsonParse,
  jsonStringify,
  numberAdd,
  numberMultiply,
  numberFormula,
  booleanCompare,
  booleanAnd,
  dateNow,
  dateTextToDate,
  dateConvert,
  dateFormat,
  dateSubtract,
  oktaUpdateUser,
  oktaAddUserToGroup,
  oktaRemoveUserFromGroup,
  listUsersWithFilter,
  listUsersWithSearch,
  oktaDeactivateUser,
  ifElseIf,
  oktaCreateUser,
  oktaClearUserSessions,
  oktaGetUsersGroups,
  oktaCustomApiAction,
  // (end of imported-flow cards)
]

export const triggers: ReadonlyMap<string, AnyTriggerDef> = new Map(TRIGGERS.map((t) => [t.type, t]))
export const cards: ReadonlyMap<string, AnyCardDef> = new Map(CARDS.map((c) => [c.type, c]))
