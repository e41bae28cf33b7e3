import { Type } from '@sinclair/typebox'
import { type CardContext, defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { type Address, AddressList, oneAddress, recipientsOf, showRecipients } from '../../connectors/mail/addresses.ts'
import { office365 } from '../../connectors/office365/index.ts'
import { mapped, sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'office365.sendEmail',
  title: 'Office 365 Mail - Send Email',
  description:
    'Sends an email through Microsoft Graph `POST /users/{From}/sendMail` (or `/me/sendMail` when From is empty, ' +
    'which needs a delegated token). Graph answers 202 with no body, so `Message ID` is null: Graph does not ' +
    'say which message it created. To, CC and BCC take a list of addresses or one text of several.',
  kind: 'connector',
  // an HTML body: values dropped into it cannot add markup
  escape: (input, inputs) => (input === 'Body' && String(inputs['Message Type']).toLowerCase() === 'html' ? 'html' : undefined),
  connector: office365,
  inputs: Type.Object({
    To: AddressList('Recipients.'),
    CC: Type.Optional(AddressList('Copy recipients.')),
    BCC: Type.Optional(AddressList('Hidden recipients.')),
    'Reply-To': Type.Optional(AddressList('Where replies go.')),
    From: Type.Optional(Type.String({ description: 'The sending mailbox: user id or user principal name.' })),
    Subject: Type.String({ maxLength: 998 }),
    Body: Type.String({ maxLength: 4_000_000 }),
    'Message Type': Type.Optional(
      Type.Union([Type.Literal('text'), Type.Literal('Text'), Type.Literal('HTML'), Type.Literal('html')], { default: 'text' }),
    ),
  }),
  outputs: Type.Object({
    'Message ID': Type.Union([Type.String(), Type.Null()], { description: 'Always null: sendMail returns no body.' }),
  }),
  examples: [
    { title: 'sends an HTML mail', inputs: { To: ['ann@example.com'], Subject: 'Welcome', Body: '<p>Hello</p>', 'Message Type': 'HTML' }, outputs: { 'Message ID': null } },
  ],
  okta: {
    keys: ['office365mail:sendEmail2'],
    map: (v) => mapped({ ...sameKeys(['To', 'CC', 'BCC', 'Subject', 'Body'])(v).inputs, 'Message Type': /html/i.test(String(v.input('Message Type'))) ? 'HTML' : 'text' }),
  },
  async run(ctx, inputs) {
    const r = recipientsOf(ctx, inputs)
    const from = sender(ctx, inputs.From)
    const contentType = inputs['Message Type']?.toLowerCase() === 'html' ? 'HTML' : 'Text'
    const path = from ? `/users/${encodeURIComponent(from)}/sendMail` : '/me/sendMail'
    const recipients = (list: Address[]) => list.map((a) => ({ emailAddress: { address: a.address, ...(a.name && { name: a.name }) } }))
    const message = {
      subject: inputs.Subject,
      body: { contentType, content: inputs.Body },
      toRecipients: recipients(r.to),
      ...(r.cc.length > 0 && { ccRecipients: recipients(r.cc) }),
      ...(r.bcc.length > 0 && { bccRecipients: recipients(r.bcc) }),
      ...(r.replyTo.length > 0 && { replyTo: recipients(r.replyTo) }),
    }
    return ctx.call({
      connector: office365,
      operation: `POST ${path}`,
      request: {
        from: from ?? 'me',
        ...showRecipients(r),
        subject: inputs.Subject,
        body: inputs.Body,
        contentType,
      },
      idempotent: false,
      async send(client, signal) {
        await client.api(path).option('signal', signal).post({ message, saveToSentItems: true })
        return { 'Message ID': null }
      },
      dryRun: () => ({ 'Message ID': null }),
    })
  },
})

/** The sending mailbox: a user principal name (one address) or a user id; never a list. */
function sender(ctx: CardContext, value: string | undefined): string | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (text.includes('@')) return oneAddress(ctx, 'From', text)?.address
  if (!/^[\w.-]+$/.test(text)) throw new CardFailedError(`input "From": ${JSON.stringify(text.slice(0, 120))} is neither a user principal name nor a user id`, ctx.cardId)
  return text
}
