/** Behind a reverse proxy: the caller's address in logs comes from X-Forwarded-For only when the proxy is trusted by name. */
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { ConfigError } from '../../engine/errors.ts'
import { deliver, envelope, profileEvent, startEngine } from './helpers.ts'

async function refusedFrom(trustProxy: string | undefined): Promise<string[]> {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  const s = await startEngine({ logLevel: 'warn', logDestination: destination, concurrency: 0, ...(trustProxy && { trustProxy }) })
  try {
    const res = await deliver(s.url, envelope('proxied', [profileEvent('p-1', '2026-11-20T10:00:00Z')]), { authorization: 'wrong', 'x-forwarded-for': '203.0.113.7' })
    assert.equal(res.status, 401)
  } finally {
    await s.close()
  }
  return lines.filter((l) => l.includes('delivery refused')).map((l) => (JSON.parse(l) as { ip: string }).ip)
}

describe('client addresses behind a proxy', () => {
  it('logs the forwarded address only from a trusted proxy', async () => {
    assert.deepEqual(await refusedFrom(undefined), ['127.0.0.1'])
    assert.deepEqual(await refusedFrom('loopback'), ['203.0.113.7'])
    assert.deepEqual(await refusedFrom('10.0.0.0/24'), ['127.0.0.1'], 'a proxy not on the list is not believed')
  })

  it('refuses to trust every address', async () => {
    await assert.rejects(startEngine({ trustProxy: 'true' }), (err: Error) => err instanceof ConfigError && /trusting every address/.test(err.message))
  })
})
