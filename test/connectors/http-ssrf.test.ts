/**
 * Server-side request forgery: a URL in a flow may come from an event, so an API Connector card
 * must not reach the engine's own machine, its network or the cloud metadata service unless the
 * connection allows private networks, however the address is spelled or resolved; and a
 * connection's credentials go only under its baseUrl.
 */
import assert from 'node:assert/strict'
import type { LookupAddress } from 'node:dns'
import { after, before, beforeEach, describe, it } from 'node:test'
import { request } from 'undici'
import { guardedAgent, type Resolver } from '../../connectors/http/agent.ts'
import { createHttpClient } from '../../connectors/http/client.ts'
import { type FakeHttpApi, startFakeHttpApi } from '../fakes/index.ts'
import { authFields, httpConnection, runCards } from './http-helpers.ts'

describe('API Connector: hostile targets are refused unless the connection allows private networks', () => {
  let api: FakeHttpApi
  let port: string
  before(async () => {
    api = await startFakeHttpApi()
    port = new URL(api.origin).port
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })
  const strict = () => httpConnection({ auth: 'none', allowPrivateNetwork: 'false' })

  const hostile: [what: string, url: () => string, refusal: RegExp][] = [
    ['loopback', () => `http://127.0.0.1:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['a name for loopback', () => `http://localhost:${port}/echo`, /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ['decimal IPv4', () => `http://2130706433:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['hex IPv4', () => `http://0x7f.0.0.1:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['octal IPv4', () => `http://0177.0.0.01:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['one octal number', () => `http://017700000001:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['short IPv4', () => `http://127.1:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['percent-encoded host', () => `http://%31%32%37.0.0.1:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['full-width digits', () => `http://１２７.0.0.1:${port}/echo`, /127\.0\.0\.1 is a loopback address/],
    ['IPv6 loopback', () => `http://[::1]:${port}/echo`, /\[::1\] is a loopback address/],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${port}/echo`, /a loopback address \(127\.0\.0\.1, inside an IPv6 address\)/],
    ['IPv4-compatible IPv6', () => `http://[::127.0.0.1]:${port}/echo`, /a loopback address \(127\.0\.0\.1, inside an IPv6 address\)/],
    ['unspecified IPv4 (reaches this machine)', () => `http://0.0.0.0:${port}/echo`, /0\.0\.0\.0 is an unspecified/],
    ['unspecified IPv6', () => `http://[::]:${port}/echo`, /\[::\] is an unspecified address/],
    ['the cloud metadata service', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', /169\.254\.169\.254 is a link-local address \(cloud metadata lives there\)/],
    ['metadata as mapped IPv6', () => 'http://[::ffff:a9fe:a9fe]/latest/', /a link-local address .*169\.254\.169\.254, inside an IPv6 address/],
    ['metadata through NAT64', () => 'http://[64:ff9b::a9fe:a9fe]/latest/', /169\.254\.169\.254, inside an IPv6 address/],
    ['metadata through 6to4', () => 'http://[2002:a9fe:a9fe::1]/latest/', /169\.254\.169\.254, inside an IPv6 address/],
    ['IPv6 link-local', () => 'http://[fe80::1]/', /is a link-local address/],
    ['10/8', () => 'http://10.0.0.1/admin', /10\.0\.0\.1 is a private address/],
    ['172.16/12', () => 'http://172.31.255.254/admin', /172\.31\.255\.254 is a private address/],
    ['192.168/16', () => 'http://192.168.1.1/admin', /192\.168\.1\.1 is a private address/],
    ['CGNAT 100.64/10', () => 'http://100.64.0.1/', /100\.64\.0\.1 is a shared \(CGNAT\) address/],
    ['unique local IPv6', () => 'http://[fd00::1]/', /is a private \(unique local\) address/],
    ['multicast', () => 'http://224.0.0.1/', /is a multicast address/],
    ['broadcast', () => 'http://255.255.255.255/', /is a reserved or broadcast address/],
  ]
  for (const [what, url, refusal] of hostile) {
    it(`refuses ${what}, sending nothing and not retrying`, async () => {
      const run = await runCards([{ id: 'c', card: 'http.get', inputs: { URL: url() } }], { connections: strict() })
      assert.equal(run.status, 'failed')
      assert.match(run.error!.message, /failed: refused: /)
      assert.match(run.error!.message, refusal)
      assert.match(run.error!.message, /set allowPrivateNetwork: true on the connection to allow it$/)
      assert.equal(run.error!.retryable, false)
      assert.equal(run.outbound[0]!.attempts, 1)
      assert.equal(api.requests.length, 0)
    })
  }

  const badUrls: [what: string, url: () => string, message: RegExp][] = [
    ['file:', () => 'file:///etc/passwd', /only http and https URLs are allowed/],
    ['gopher:', () => `gopher://127.0.0.1:${port}/_SET%20x`, /only http and https URLs are allowed/],
    ['ftp:', () => 'ftp://10.0.0.1/x', /only http and https URLs are allowed/],
    ['credentials in the URL', () => `http://admin:admin@127.0.0.1:${port}/echo`, /put credentials in the connection/],
    ['a protocol-relative URL', () => `//127.0.0.1:${port}/echo`, /neither an absolute http\(s\) URL nor a path/],
  ]
  for (const [what, url, message] of badUrls) {
    it(`refuses ${what} even when private networks are allowed`, async () => {
      const run = await runCards([{ id: 'c', card: 'http.rawRequest', inputs: { URL: url(), Method: 'GET' } }], { connections: httpConnection({ auth: 'none' }) })
      assert.equal(run.status, 'failed')
      assert.match(run.error!.message, message)
      assert.equal(api.requests.length, 0)
    })
  }

  it('reaches the same loopback service once the connection allows private networks', async () => {
    const run = await runCards([{ id: 'c', card: 'http.get', inputs: { URL: `http://2130706433:${port}/echo` } }], { connections: httpConnection({ auth: 'none', allowPrivateNetwork: 'true' }) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(api.requests.length, 1)
  })

  describe('DNS answers', () => {
    const answering = (answers: string[], calls: string[] = []): Resolver => (host, _opts, cb) => {
      calls.push(host)
      cb(null, answers.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })))
    }
    const client = (resolve: Resolver, allowPrivateNetwork = false) =>
      createHttpClient({ auth: { kind: 'none' }, allowPrivateNetwork, maxResponseBytes: 1e6 }, { timeoutMs: 5000, addSecret: () => undefined, resolve })
    const get = (url: string) => ({ method: 'GET' as const, url, query: [], headers: {} })

    it('refuses a public-looking name whose address is private, before connecting', async () => {
      const calls: string[] = []
      await assert.rejects(client(answering(['10.0.0.7'], calls)).send(get('http://intranet.example.test/hr'), AbortSignal.timeout(5000)), /intranet\.example\.test resolves to 10\.0\.0\.7, a private address/)
      assert.deepEqual(calls, ['intranet.example.test'])
    })

    it('refuses a name with one public and one loopback answer as a whole', async () => {
      await assert.rejects(client(answering(['93.184.216.34', '127.0.0.1'])).send(get(`http://mixed.example.test:${port}/echo`), AbortSignal.timeout(5000)), /resolves to 127\.0\.0\.1, a loopback address/)
      assert.equal(api.requests.length, 0)
    })

    it('connects to the address its own lookup approved: a name only our resolver knows reaches the fake', async () => {
      const answer = await client(answering(['127.0.0.1']), true).send(get(`http://pinned.example.test:${port}/echo/pinned`), AbortSignal.timeout(5000))
      assert.equal(answer.status, 200)
      assert.equal(api.requests[0]!.headers.host, `pinned.example.test:${port}`)
    })

    it('checks the address the socket connected to, even when no lookup happened', async () => {
      const agent = guardedAgent({ allowPrivateNetwork: false, timeoutMs: 5000 })
      await assert.rejects(request(`http://127.0.0.1:${port}/echo/direct`, { dispatcher: agent }), /127\.0\.0\.1 is at 127\.0\.0\.1, a loopback address/)
      assert.equal(api.requests.length, 0)
      await agent.close()
    })
  })
})

describe("API Connector: a connection's credentials stay under its baseUrl", () => {
  let api: FakeHttpApi
  let bearer: Record<string, string>
  before(async () => {
    api = await startFakeHttpApi()
    bearer = { ...authFields(api)['bearer']!, baseUrl: `${api.origin}/petstore` }
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })
  const run = (URL: string, fields = bearer) => runCards([{ id: 'c', card: 'http.get', inputs: { URL, Query: { type: 'Dog', page: 2 } } }], { connections: httpConnection(fields) })

  it('resolves a path under the baseUrl, its own path kept', async () => {
    const r = await run('/pets')
    assert.equal(r.status, 'succeeded', JSON.stringify(r.error))
    assert.equal(api.requests[0]!.path, '/petstore/pets')
    assert.equal(api.requests[0]!.headers.authorization, 'Bearer bearer-token-0e4b9d2a')
  })

  const outside: [what: string, url: () => string][] = [
    ['another path of the same host', () => `${api.origin}/echo/steal`],
    ['a path that climbs out with ..', () => '/../echo/steal'],
    ['an encoded climb', () => '/%2e%2e/echo/steal'],
    ['a path that only starts like the base', () => `${api.origin}/petstore-admin/x`],
    ['the same server under another name', () => `http://localhost:${new URL(api.origin).port}/petstore/pets`],
    ['another scheme', () => `https://127.0.0.1:${new URL(api.origin).port}/petstore/pets`],
  ]
  for (const [what, url] of outside) {
    it(`refuses ${what}, so the token is never sent there`, async () => {
      const r = await run(url())
      assert.equal(r.status, 'failed')
      assert.match(r.error!.message, /is not under the connection's baseUrl/)
      assert.equal(api.requests.length, 0)
    })
  }

  it('refuses a relative URL when the connection has no baseUrl', async () => {
    const r = await run('/pets', { auth: 'none' })
    assert.match(r.error!.message, /"\/pets" is a relative URL and the connection has no baseUrl/)
  })
})

describe('API Connector connection settings', () => {
  const problem = (fields: Record<string, string>) => httpConnection(fields).problem('http')
  it('says what is missing or wrong, naming the setting', () => {
    assert.match(problem({ auth: 'bearer', token: 't0ken-value' })!, /^http connection "default" needs baseUrl with auth "bearer": its credentials are sent only to URLs under it$/)
    assert.match(problem({ auth: 'kerberos' })!, /has auth "kerberos"; expected one of none, basic, bearer, custom, oauth2/)
    assert.match(problem({ auth: 'basic', baseUrl: 'https://api.example.com', username: 'u' })!, /needs password with auth "basic"/)
    assert.match(problem({ auth: 'custom', baseUrl: 'https://api.example.com', headers: 'not a header line' })!, /headers that are not "Name: value" lines/)
    assert.match(problem({ auth: 'none', baseUrl: 'ftp://files.example.com' })!, /baseUrl that is not http or https/)
    assert.match(problem({ auth: 'none', allowPrivateNetwork: 'yes' })!, /allowPrivateNetwork "yes"; expected true or false/)
    assert.match(problem({ auth: 'oauth2', baseUrl: 'https://api.example.com', tokenUrl: 'https://id.example.com/token', clientId: 'c' })!, /needs clientSecret with auth "oauth2"/)
    assert.equal(problem({ auth: 'none' }), undefined)
  })

  it('has no default connection until its auth is set', () => {
    assert.match(httpConnection({}).problem('http', 'ops')!, /no http connection "ops"/)
  })

  it('fails a card whose connection is wrong before anything is sent', async () => {
    const run = await runCards([{ id: 'c', card: 'http.get', inputs: { URL: 'https://api.example.com/x' } }], { connections: httpConnection({ auth: 'bearer', token: 't0ken-value' }) })
    assert.equal(run.status, 'failed')
    assert.equal(run.error!.code, 'CONNECTION_MISSING')
    assert.equal(run.outbound[0]!.result, 'failed')
  })
})
