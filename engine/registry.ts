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
// (end of imported-flow cards)

/* biome-ignore lint/suspicious/noExplicitAny: a registry holds cards of every input and output type */
type Loose = CardDef<any, any>
/* biome-ignore lint/suspicious/noExplicitAny: as above, for triggers */
type LooseTrigger = TriggerDef<any, any>

const TRIGGERS: LooseTrigger[] = [userProfileUpdated, userUnassigned, apiEndpoint]

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
  // (end of imported-flow cards)
]

export const triggers: ReadonlyMap<string, AnyTriggerDef> = new Map(TRIGGERS.map((t) => [t.type, t]))
export const cards: ReadonlyMap<string, AnyCardDef> = new Map(CARDS.map((c) => [c.type, c]))
