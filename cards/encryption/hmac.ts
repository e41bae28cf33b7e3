import { createHmac } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { digestEncoding, encodeDigest, hashAlgorithm } from '../lib/digest.ts'

export default defineCard({
  type: 'encryption.hmac',
  title: 'Encryption - HMAC',
  description:
    'Hashes `data` (UTF-8 text) together with the secret `key` using `algorithm` (default sha256) and writes the hash ' +
    'in `digest` (default base64). The key is a secret: it never appears in history. An empty key fails the card.',
  kind: 'function',
  inputs: Type.Object({
    algorithm: Type.Optional(hashAlgorithm),
    key: Type.Unknown({ description: 'The secret key (text).' }),
    data: Type.Unknown({ description: 'The text to hash; lists and objects are hashed as their JSON text.' }),
    digest: Type.Optional(digestEncoding),
  }),
  outputs: Type.Object({ output: Type.String() }),
  secrets: { inputs: ['key'] },
  examples: [
    {
      title: 'hashes a message with a key (Okta’s example)',
      inputs: { algorithm: 'sha256', key: 'my secret key', data: 'My secret message!', digest: 'base64' },
      outputs: { output: 'qd83l7nEE4gBpuaueA+XtKFeZO99aV7IvGgsJ15qmyo=' },
    },
    { title: 'writes the hash as hex (RFC 4231 test case 2)', inputs: { algorithm: 'sha256', key: 'Jefe', data: 'what do ya want for nothing?', digest: 'hex' }, outputs: { output: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' } },
    { title: 'fails without a key', inputs: { key: '', data: 'x' }, error: 'needs a key' },
  ],
  okta: { keys: ['crypto:hmac', 'encryption:hmac'], map: sameKeys(['algorithm', 'key', 'data', 'digest']) },
  run(ctx, { algorithm, key, data, digest }) {
    const k = textOf(key)
    if (k === '') throw new CardFailedError('HMAC needs a key', ctx.cardId)
    const mac = createHmac(algorithm ?? 'sha256', k).update(textOf(data), 'utf8').digest()
    return { output: encodeDigest(mac, digest ?? 'base64') }
  },
})
