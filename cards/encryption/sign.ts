import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { mapped } from '../../importer/mapping.ts'
import { digestEncoding, encodeDigest, hashAlgorithm } from '../lib/digest.ts'

/** Reads the PEM key; the library's message names no key material, but ours names no library either. */
function privateKey(pem: string, passphrase: string | undefined, cardId: string): KeyObject {
  if (pem.trim() === '') throw new CardFailedError('Sign needs a PEM private key', cardId)
  try {
    return createPrivateKey(passphrase ? { key: pem, passphrase } : { key: pem })
  } catch {
    throw new CardFailedError('the key is not a PEM private key, or its passphrase is wrong', cardId)
  }
}

export default defineCard({
  type: 'encryption.sign',
  title: 'Encryption - Sign',
  description:
    'Signs `data` with a PEM private key (RSA, EC or Ed25519; encrypted keys take their `passphrase`) using the hash ' +
    '`algorithm` (default sha256), and writes the signature in `digest` (default base64). Whoever holds the public ' +
    'key can check it. The key and passphrase are secrets: they never appear in history.',
  kind: 'function',
  inputs: Type.Object({
    algorithm: Type.Optional(hashAlgorithm),
    data: Type.Unknown({ description: 'The message to sign (text).' }),
    digest: Type.Optional(digestEncoding),
    key: Type.Unknown({ description: 'The PEM-formatted private key.' }),
    passphrase: Type.Optional(Type.String({ description: 'The passphrase of an encrypted private key.' })),
  }),
  outputs: Type.Object({ output: Type.String({ description: 'The signature.' }) }),
  secrets: { inputs: ['key', 'passphrase'] },
  examples: [
    { title: 'fails without a key', inputs: { data: 'My secret message!', key: '' }, error: 'needs a PEM private key' },
    { title: 'fails on a key that is not PEM', inputs: { data: 'My secret message!', key: 'not a key' }, error: 'not a PEM private key' },
  ],
  // Okta groups the key and passphrase under "privateKey"
  okta: { keys: ['crypto:sign', 'encryption:sign'], map: (v) => mapped({ algorithm: v.input('algorithm'), data: v.input('data'), digest: v.input('digest'), key: v.input('key'), passphrase: v.input('passphrase') }) },
  run(ctx, { algorithm, data, digest, key, passphrase }) {
    const k = privateKey(textOf(key), passphrase || undefined, ctx.cardId)
    // Ed25519 takes no separate hash
    const hash = k.asymmetricKeyType === 'ed25519' || k.asymmetricKeyType === 'ed448' ? null : (algorithm ?? 'sha256')
    try {
      return { output: encodeDigest(sign(hash, Buffer.from(textOf(data), 'utf8'), k), digest ?? 'base64') }
    } catch {
      throw new CardFailedError(`this key cannot sign with ${hash ?? 'its own algorithm'}`, ctx.cardId)
    }
  },
})
