import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { parseDuration, parseSince } from '../../cli/history.ts'
import { checkEnvelope } from '../../connectors/okta/events.ts'
import type { Request } from 'express'
import { safeHeaders, secretMatches } from '../../web/http.ts'
import { createLog, hideSecretKeys } from '../../server/log.ts'
import { retryDelayMs } from '../../server/worker.ts'
import { envelope, profileEvent } from './helpers.ts'

describe('log redaction', () => {
  it('removes secrets by key and by value, in objects and messages', () => {
    const lines: string[] = []
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    const log = createLog({ level: 'info', destination, secrets: () => ['sup3r-s3cret-value'] })
    log.info({ headers: { authorization: 'Basic abc123', 'x-api-client-token': 'tok-123456' }, note: 'has sup3r-s3cret-value inside' }, 'msg sup3r-s3cret-value')
    const line = JSON.parse(lines[0]!)
    assert.equal(line.headers.authorization, '[REDACTED]')
    assert.equal(line.headers['x-api-client-token'], '[REDACTED]')
    assert.equal(line.note, 'has [REDACTED] inside')
    assert.equal(line.msg, 'msg [REDACTED]')
  })
})

describe('hideSecretKeys', () => {
  it('hides the value of every secret-named key, of any type, at any depth', () => {
    const logged = {
      request: { headers: { cookie: ['a=1', 'b=2'], Authorization: 'Bearer x', host: 'h' }, query: { clientToken: 'c-123' } },
      connections: [{ name: 'slack', botToken: { value: 'xoxb-1' } }],
      flow: 'f',
      retries: 2,
    }
    const hidden = hideSecretKeys(logged) as typeof logged
    assert.deepEqual(hidden, {
      request: { headers: { cookie: '[REDACTED]', Authorization: '[REDACTED]', host: 'h' }, query: { clientToken: '[REDACTED]' } },
      connections: [{ name: 'slack', botToken: '[REDACTED]' }],
      flow: 'f',
      retries: 2,
    })
    assert.deepEqual(logged.request.headers.cookie, ['a=1', 'b=2'], 'the logged object itself is left as it was')
  })

  it('gives back a clean object itself, leaves errors to pino, and ends on a cycle', () => {
    const clean = { runId: 'r1', flow: 'f', runs: ['a', 'b'], nested: { status: 'succeeded' } }
    assert.equal(hideSecretKeys(clean), clean)
    const err = Object.assign(new Error('boom'), { token: 'not walked: scrubbed by value if known' })
    assert.equal((hideSecretKeys({ err }) as { err: unknown }).err, err)
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    assert.equal(hideSecretKeys(cyclic), cyclic)
    const deepSecret: Record<string, unknown> = { secret: 'x' }
    cyclic.deep = deepSecret
    const hidden = hideSecretKeys(cyclic) as Record<string, Record<string, unknown>>
    assert.equal(hidden.deep!.secret, '[REDACTED]')
  })
})

describe('secretMatches', () => {
  it('matches only the exact value, whatever the lengths', () => {
    assert.equal(secretMatches('abc-secret', 'abc-secret'), true)
    assert.equal(secretMatches('abc-secre', 'abc-secret'), false)
    assert.equal(secretMatches('abc-secretX', 'abc-secret'), false)
    assert.equal(secretMatches(undefined, 'abc-secret'), false)
  })

  it('compares with the secret asked for each time, when secrets take turns', () => {
    for (let turn = 0; turn < 3; turn++) {
      assert.equal(secretMatches('hook-secret-1', 'hook-secret-1'), true)
      assert.equal(secretMatches('hook-secret-1', 'client-token-2'), false)
      assert.equal(secretMatches('client-token-2', 'client-token-2'), true)
      assert.equal(secretMatches('client-token-2', 'hook-secret-1'), false)
    }
  })
})

describe('safeHeaders', () => {
  it('keeps the request\'s own headers, without dropped, secret-named or secret-valued ones', () => {
    // a request's headers object inherits from Object.prototype: a name added there is not a header
    const polluted = 'x-inherited'
    Object.defineProperty(Object.prototype, polluted, { value: 'from the prototype', enumerable: true, configurable: true })
    try {
      const headers = { 'content-type': 'application/json', 'x-okta-secret': 'Bearer s3cr3t-hook', 'x-api-key': 'k', 'x-note': 'sent with xoxb-token-123456', accept: ['a', 'b'] }
      const req = { headers } as unknown as Request
      assert.deepEqual(safeHeaders(req, ['X-Okta-Secret'], ['xoxb-token-123456']), {
        'content-type': 'application/json',
        'x-note': 'sent with [REDACTED]',
        accept: 'a, b',
      })
    } finally {
      delete (Object.prototype as Record<string, unknown>)[polluted]
    }
  })
})

describe('retryDelayMs', () => {
  it('doubles per attempt up to the cap, with jitter within the upper half', () => {
    assert.equal(retryDelayMs(1, 1000, 60_000, () => 0), 500)
    assert.equal(retryDelayMs(1, 1000, 60_000, () => 1), 1000)
    assert.equal(retryDelayMs(3, 1000, 60_000, () => 1), 4000)
    assert.equal(retryDelayMs(30, 1000, 60_000, () => 1), 60_000)
  })
})

describe('checkEnvelope', () => {
  it('accepts an Okta delivery and names the first wrong field otherwise', () => {
    assert.equal(checkEnvelope(envelope('e1', [profileEvent('u1', '2026-11-20T10:00:00Z')]), 10).ok, true)
    const cases: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ eventId: 'x' }, /data\.events/],
      [envelope('x', [profileEvent('u1', 'yesterday')]), /data\.events\[0\]\.published/],
      [envelope('x', [profileEvent('u1', '2026-11-20T10:00:00Z'), 'nope']), /data\.events\[1\]/],
      [envelope('x', [1, 2, 3].map((i) => profileEvent(`u${i}`, '2026-11-20T10:00:00Z'))), /at most 2/],
      [envelope('x', [{ ...profileEvent('u1', '2026-11-20T10:00:00Z'), uuid: 'same' }, { ...profileEvent('u2', '2026-11-20T10:00:01Z'), uuid: 'same' }]), /data\.events\[1\]\.uuid" repeats that of data\.events\[0\]/],
    ]
    for (const [body, message] of cases) {
      const r = checkEnvelope(body, 2)
      assert.equal(r.ok, false)
      if (!r.ok) assert.match(r.message, message)
    }
  })
})

describe('history durations', () => {
  it('reads durations and ISO times, and refuses others', () => {
    assert.equal(parseDuration('30d', '--keep'), 30 * 86_400_000)
    assert.equal(parseSince('2h', new Date('2026-01-01T12:00:00Z')).toISOString(), '2026-01-01T10:00:00.000Z')
    assert.equal(parseSince('2026-01-01T00:00:00Z').toISOString(), '2026-01-01T00:00:00.000Z')
    assert.throws(() => parseDuration('soon', '--keep'), /--keep must be a duration/)
    assert.throws(() => parseSince('soon'), /--since/)
  })
})
