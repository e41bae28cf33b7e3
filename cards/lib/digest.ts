/** The hash algorithms and output encodings Okta's Encryption cards offer. */
import { Type } from '@sinclair/typebox'

export const HASH_ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'] as const
export const DIGESTS = ['base64', 'hex', 'binary'] as const

export const hashAlgorithm = Type.Union(
  HASH_ALGORITHMS.map((a) => Type.Literal(a)),
  { default: 'sha256', description: 'md5, sha1, sha256 (the default), sha384 or sha512.' },
)
export const digestEncoding = Type.Union(
  DIGESTS.map((d) => Type.Literal(d)),
  { default: 'base64', description: 'base64 (the default), hex, or binary (one character per byte, Latin-1).' },
)

export type Digest = (typeof DIGESTS)[number]

/** `binary` is Node's name for Latin-1: one character per byte. */
export const encodeDigest = (bytes: Buffer, digest: Digest): string => bytes.toString(digest === 'binary' ? 'latin1' : digest)
