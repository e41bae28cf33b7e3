/** Reads the headers of an RFC 2822 message, decoding RFC 2047 encoded words, for assertions. */

export function mimeHeaders(mime: string): Map<string, string> {
  const head = mime.split(/\r?\n\r?\n/)[0] ?? ''
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const out = new Map<string, string>()
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) out.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()))
  }
  return out
}

/** `=?UTF-8?B?...?=` and `=?UTF-8?Q?...?=`; adjacent encoded words join without the space between. */
export function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8')
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  })
}

/** The body after the headers, decoded when it is base64 or quoted-printable. */
export function mimeBody(mime: string): string {
  const [head = '', ...rest] = mime.split(/\r?\n\r?\n/)
  // The message ends with a line break that is not part of the text.
  const body = rest.join('\n\n').replace(/\r?\n$/, '')
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}
