/**
 * The connection pool of one API Connector connection, guarded against server-side request
 * forgery: a host name is resolved by our own lookup, which refuses the name when any of its
 * addresses is not public, and the socket connects to exactly the address that lookup
 * approved, so a DNS answer that changes between the check and the connection (rebinding)
 * cannot take it elsewhere. The address the socket did connect to is checked once more before
 * a byte is sent, which also covers IP-literal hosts (no lookup happens for those).
 */
import { type LookupAddress, type LookupAllOptions, lookup as dnsLookup } from 'node:dns'
import type { Socket } from 'node:net'
import { Agent, buildConnector } from 'undici'
import { refusedAddress } from './address.ts'

/** A request went, or would have gone, to an address the connection does not allow. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError'
}

export const ALLOW_HINT = 'set allowPrivateNetwork: true on the connection to allow it'

/** Resolves a host name to all its addresses; the system resolver unless a test gives its own. */
export type Resolver = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void

export interface AgentOptions {
  allowPrivateNetwork: boolean
  timeoutMs: number
  resolve?: Resolver
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

export function guardedAgent(o: AgentOptions): Agent {
  const resolve: Resolver = o.resolve ?? ((host, options, cb) => dnsLookup(host, options, cb))
  const lookup = (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0
    resolve(hostname, { family, all: true }, (err, addresses) => {
      if (err) return callback(err, [])
      const first = addresses[0]
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
      if (!o.allowPrivateNetwork) {
        for (const a of addresses) {
          const why = refusedAddress(a.address)
          if (why) return callback(new TargetRefusedError(`${hostname} resolves to ${a.address}, ${why}; ${ALLOW_HINT}`), [])
        }
      }
      if (options.all) callback(null, addresses)
      else callback(null, first.address, first.family)
    })
  }
  const connector = buildConnector({ timeout: o.timeoutMs, lookup })
  return new Agent({
    headersTimeout: o.timeoutMs,
    bodyTimeout: o.timeoutMs,
    connect(options, callback) {
      connector(options, (err, socket) => {
        if (err || !socket) return callback(err ?? new Error('no socket'), null)
        const why = o.allowPrivateNetwork ? undefined : connectedRefusal(socket)
        if (!why) return callback(null, socket)
        socket.destroy()
        callback(new TargetRefusedError(`${options.hostname} is ${why}; ${ALLOW_HINT}`), null)
      })
    },
  })
}

function connectedRefusal(socket: Socket): string | undefined {
  const address = socket.remoteAddress
  if (!address) return 'an address that could not be confirmed'
  const why = refusedAddress(address)
  return why && `at ${address}, ${why}`
}
