import { Type } from '@sinclair/typebox'
import MailComposer from 'nodemailer/lib/mail-composer/index.js'
import { defineCard } from '../../engine/card.ts'
import { type Address, AddressList, oneAddress, type Recipients, recipientsOf, showAddress, showRecipients } from '../../connectors/mail/addresses.ts'
import { gmail } from '../../connectors/gmail/index.ts'
import { mapped, yesNo } from '../../importer/mapping.ts'

export default defineCard({
  type: 'gmail.sendEmail',
  title: 'Gmail - Send Email',
  description:
    'Sends an email from the connected Gmail account with `users.messages.send`. The message is built as ' +
    'RFC 2822 (non-ASCII subjects and names are encoded), base64url in `raw`. To, CC and BCC take a list of ' +
    'addresses or one text such as `Ann <ann@example.org>, bob@example.org`; a value from a reference is at most ' +
    'one recipient (a list from a reference, one per item). From defaults to the account.',
  kind: 'connector',
  // an HTML body: values dropped into it cannot add markup
  escape: (input, inputs) => (input === 'Body' && inputs['Body is HTML?'] === true ? 'html' : undefined),
  connector: gmail,
  inputs: Type.Object({
    To: AddressList('Recipients.'),
    CC: Type.Optional(AddressList('Copy recipients.')),
    BCC: Type.Optional(AddressList('Hidden recipients.')),
    'Reply-To': Type.Optional(AddressList('Where replies go.')),
    From: Type.Optional(Type.String({ description: 'Sender; must be the account or one of its send-as aliases.' })),
    Subject: Type.String({ maxLength: 998 }),
    Body: Type.String({ maxLength: 5_000_000 }),
    'Body is HTML?': Type.Optional(Type.Boolean({ default: false })),
  }),
  outputs: Type.Object({
    'Message ID': Type.String({ description: "Gmail's id of the sent message." }),
    'Thread ID': Type.String({ description: "Gmail's id of the message's thread." }),
  }),
  examples: [
    { title: 'sends a plain text mail', inputs: { To: 'ann@example.com', Subject: 'Welcome', Body: 'Hello Ann' }, outputs: { 'Message ID': '000001a1f8689125', 'Thread ID': '000001a1f8689125' } },
    { title: 'fails on an invalid address', inputs: { To: 'not an address', Subject: 'x', Body: 'y' }, error: 'is not an email address' },
  ],
  okta: { keys: ['gmail:sendEmail2'], map: (v) => mapped({ To: v.input('To'), Subject: v.input('Subject'), Body: v.input('Body'), 'Body is HTML?': yesNo(v.input('bodyIsHtml')) }) },
  async run(ctx, inputs) {
    const recipients = recipientsOf(ctx, inputs)
    const from = oneAddress(ctx, 'From', inputs.From)
    const html = inputs['Body is HTML?'] ?? false
    const raw = await buildMime({ from, ...recipients, subject: inputs.Subject, body: inputs.Body, html })
    return ctx.call({
      connector: gmail,
      operation: 'users.messages.send',
      request: {
        ...(from && { from: showAddress(from) }),
        ...showRecipients(recipients),
        subject: inputs.Subject,
        body: inputs.Body,
        html,
      },
      idempotent: false,
      async send(client, signal) {
        const res = await client.users.messages.send({ userId: 'me', requestBody: { raw } }, { signal })
        return { 'Message ID': res.data.id ?? '', 'Thread ID': res.data.threadId ?? '' }
      },
      dryRun: () => {
        const id = ctx.now().getTime().toString(16).padStart(16, '0')
        return { 'Message ID': id, 'Thread ID': id }
      },
    })
  },
})

interface Mail extends Recipients {
  from: Address | undefined
  subject: string
  body: string
  html: boolean
}

/** The RFC 2822 message, base64url. Gmail reads Bcc from the message itself, so it is kept. */
export async function buildMime(mail: Mail): Promise<string> {
  const node = new MailComposer({
    ...(mail.from && { from: mail.from }),
    to: mail.to,
    ...(mail.cc.length > 0 && { cc: mail.cc }),
    ...(mail.bcc.length > 0 && { bcc: mail.bcc }),
    ...(mail.replyTo.length > 0 && { replyTo: mail.replyTo }),
    subject: mail.subject,
    ...(mail.html ? { html: mail.body } : { text: mail.body }),
  }).compile()
  node.keepBcc = true
  return (await node.build()).toString('base64url')
}
