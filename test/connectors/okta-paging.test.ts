/**
 * Okta lists are read page by page following `Link: rel="next"` (both header styles), as far as
 * the Result Set asks and no further; a next link to another host is refused; a 429 waits for
 * Okta's `X-Rate-Limit-Reset`, measured on Okta's clock, and the list goes on where it was.
 */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { OktaApiError } from '../../connectors/okta/client.ts'
import { classifyOktaFailure } from '../../connectors/okta/failures.ts'
import { nextLink } from '../../connectors/okta/pages.ts'
import { type FakeOkta, type FakeServer, type Obj, startFakeOkta, startFakeServer } from '../fakes/index.ts'
import { planOf } from '../helpers.ts'
import { oktaRunner } from '../cards/okta-helpers.ts'

const users = (n: number): Obj[] => Array.from({ length: n }, (_, i) => ({ id: `00u${String(i).padStart(3, '0')}`, status: 'ACTIVE', profile: { login: `u${i}@example.com` } }))

/** A helper flow that reads each streamed user, so the fake sees one GET per record. */
const reader = planOf(`name: read each
trigger: { id: h, card: control.helperFlow, options: { inputs: [Record, State] } }
cards:
  - { id: read, card: okta.readUser, inputs: { ID or Login: "{{h.Record.ID}}" } }
`)

describe('Okta paging', () => {
  for (const linkStyle of ['separate', 'joined'] as const) {
    describe(`with ${linkStyle} Link headers`, () => {
      let okta: FakeOkta
      const runCard = oktaRunner(() => okta)
      before(async () => {
        okta = await startFakeOkta({ users: users(5), maxPage: 2, linkStyle })
      })
      after(() => okta.close())
      beforeEach(() => {
        okta.requests.length = 0
      })
      const listCalls = () => okta.requests.filter((r) => r.path === '/api/v1/users')

      it('First 200 Matching Records follows next links until the list ends', async () => {
        const r = await runCard('okta.listUsersWithFilter', { Status: 'ACTIVE', 'Result Set': 'First 200 Matching Records' })
        assert.equal(r.status, 'succeeded', r.error)
        assert.equal((r.out.Users as unknown[]).length, 5)
        assert.deepEqual(listCalls().map((q) => [q.query.get('after'), q.query.get('limit'), q.query.get('filter')]), [
          [null, '200', 'status eq "ACTIVE"'],
          ['2', '200', 'status eq "ACTIVE"'],
          ['4', '200', 'status eq "ACTIVE"'],
        ])
        assert.deepEqual(r.run.outbound.map((o) => o.request.page ?? 1), [1, 2, 3], 'each page is its own recorded call')
      })

      it('First Matching Record asks for one and reads one page', async () => {
        const r = await runCard('okta.listUsersWithSearch', { 'Custom Search Criteria': 'status eq "ACTIVE"', 'Result Set': 'First Matching Record' })
        assert.deepEqual([r.out.ID, listCalls().length, listCalls()[0]!.query.get('limit')], ['00u000', 1, '1'])
      })

      it('streaming stops reading pages at Record Limit; 0 reads nothing', async () => {
        const r = await runCard('okta.listUsersWithFilter', { Status: 'ACTIVE', 'Result Set': 'Stream Matching Records', Flow: 'read each', 'Record Limit': 3 }, [reader])
        assert.equal(r.status, 'succeeded', r.error)
        assert.deepEqual([r.out['Records Streamed'], r.out.Users], [3, []])
        assert.deepEqual(okta.requests.filter((q) => q.path.startsWith('/api/v1/users/')).map((q) => q.path), ['/api/v1/users/00u000', '/api/v1/users/00u001', '/api/v1/users/00u002'])
        assert.equal(listCalls().length, 2, 'the third page is never asked for')
        okta.requests.length = 0
        const none = await runCard('okta.listUsersWithFilter', { 'Result Set': 'Stream Matching Records', Flow: 'read each', 'Record Limit': 0 }, [reader])
        assert.deepEqual([none.out['Records Streamed'], okta.requests.length], [0, 0])
      })

      it('a 429 in the middle of a list waits for the reset and goes on from that page', async () => {
        const reset = Math.floor(Date.now() / 1000) - 30
        let limited = false
        okta.intercept = (req) => {
          if (limited || req.query.get('after') !== '2') return undefined
          limited = true
          return { status: 429, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0', date: new Date().toUTCString() }, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' } }
        }
        try {
          const r = await runCard('okta.listUsersWithFilter', { Status: 'ACTIVE', 'Result Set': 'First 200 Matching Records' })
          assert.equal(r.status, 'succeeded', r.error)
          assert.equal((r.out.Users as unknown[]).length, 5)
          assert.deepEqual(listCalls().map((q) => q.query.get('after')), [null, '2', '2', '4'])
          assert.deepEqual(r.run.outbound.map((o) => o.attempts), [1, 2, 1])
        } finally {
          okta.intercept = undefined
        }
      })
    })
  }

  it('reads Link headers as Okta and fetch give them', () => {
    const next = 'https://x.okta.com/api/v1/users?after=00ud4&limit=200'
    assert.equal(nextLink(`<https://x.okta.com/api/v1/users?limit=200>; rel="self", <${next}>; rel="next"`), next)
    assert.equal(nextLink(`<${next}>;rel=next`), next)
    assert.equal(nextLink(`<${next}>; rel="prev next"`), next)
    assert.equal(nextLink('<https://x.okta.com/api/v1/users?limit=200>; rel="self"'), undefined)
    assert.equal(nextLink(undefined), undefined)
  })
})

describe('Okta paging, refusals and limits', () => {
  let okta: FakeOkta
  let elsewhere: FakeServer
  const runCard = oktaRunner(() => okta)
  before(async () => {
    okta = await startFakeOkta({ users: users(3) })
    elsewhere = await startFakeServer(() => ({ status: 200, body: [{ id: '00uStolen' }] }))
  })
  after(async () => {
    await okta.close()
    await elsewhere.close()
  })

  it('refuses a next link to another host: the API token goes only to the org', async () => {
    okta.failNext({ kind: 'answer', answer: { status: 200, body: users(1), headers: { link: `<${elsewhere.url}api/v1/users?after=x>; rel="next"` } } })
    const r = await runCard('okta.listUsersWithFilter', { 'Result Set': 'First 200 Matching Records' })
    assert.equal(r.status, 'failed')
    assert.match(r.error ?? '', /refusing to follow a link to http:\/\/127\.0\.0\.1:\d+: only http:\/\/127\.0\.0\.1:\d+ gets the API token/)
    assert.equal(elsewhere.requests.length, 0)
  })

  it('the System Log always has a next link: an empty page ends the stream', async () => {
    okta.org.logs.splice(0, okta.org.logs.length, { id: 'l1', uuid: 'u1', eventType: 'user.session.start' }, { id: 'l2', uuid: 'u2', eventType: 'user.session.start' })
    okta.requests.length = 0
    const r = await runCard('okta.searchSystemLogs', { 'Result Set': 'All Matching Records' })
    assert.deepEqual([(r.out.Events as unknown[]).length, okta.requests.length], [2, 2])
  })

  it('All Matching Records fails past 10,000 records and points to streaming, rather than cutting silently', async () => {
    okta.org.users.splice(0, okta.org.users.length, ...users(10_001))
    const r = await runCard('okta.listUsersWithFilter', { 'Result Set': 'All Matching Records' })
    assert.match(r.error ?? '', /more than 10000 records match; choose "Stream Matching Records"/)
  })
})

describe('Okta rate limits', () => {
  const limited = (reset: number | undefined, date: number | undefined, retryAfter?: number) =>
    new OktaApiError(429, 'E0000047', 'HTTP 429 E0000047 API call exceeded rate limit', retryAfter, reset, date)

  it('waits until X-Rate-Limit-Reset on Okta\'s clock, whatever the local clock says', () => {
    const serverNow = Date.UTC(2026, 10, 20, 10, 0, 0)
    const reset = serverNow / 1000 + 12
    for (const localSkew of [0, 3_600_000, -3_600_000]) {
      const f = classifyOktaFailure(limited(reset, serverNow), serverNow + localSkew)
      assert.deepEqual([f?.kind, f?.retryAfter, f?.serviceCode], ['rate-limited', 13, 'E0000047'], `local clock off by ${localSkew} ms`)
    }
  })

  it('uses the local clock without a Date header, Retry-After when Okta sends one, and waits at least a second', () => {
    const now = Date.UTC(2026, 10, 20, 10, 0, 0)
    assert.equal(classifyOktaFailure(limited(now / 1000 + 5, undefined), now)?.retryAfter, 6)
    assert.equal(classifyOktaFailure(limited(now / 1000 + 5, now, 2), now)?.retryAfter, 2)
    assert.equal(classifyOktaFailure(limited(now / 1000 - 60, now), now)?.retryAfter, 1)
    assert.equal(classifyOktaFailure(limited(undefined, now), now)?.retryAfter, undefined)
  })

  it('reads other Okta answers by status: 5xx server, 4xx rejected with the error code', () => {
    assert.deepEqual(classifyOktaFailure(new OktaApiError(503, undefined, 'HTTP 503', undefined, 1, 1)), { kind: 'server', status: 503, detail: 'HTTP 503' })
    assert.equal(classifyOktaFailure(new OktaApiError(404, 'E0000007', 'HTTP 404 E0000007 Not found', undefined, undefined, undefined))?.kind, 'rejected')
    assert.equal(classifyOktaFailure(new Error('other')), undefined)
  })
})
