/**
 * Which IP addresses an API Connector card may connect to. A URL in a flow may come from an
 * event, so without a connection that allows it, anything that is not a public unicast address
 * is refused: private and unique-local ranges, loopback, link-local (the cloud metadata service
 * at 169.254.169.254), unspecified, CGNAT, multicast, reserved and documentation ranges, and
 * IPv6 forms that carry one of those IPv4 addresses inside (mapped, compatible, NAT64, 6to4).
 * Spellings such as `http://2130706433/` or `http://0x7f.1/` are normalised by the URL parser
 * before they get here; the address checked is always the one the socket connects to.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net'

type Family = 'ipv4' | 'ipv6'

/** [network, prefix length, what it is] */
const V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (CGNAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives there)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved or broadcast address'],
]

const V6: [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['64:ff9b:1::', 48, 'a local-use NAT64 address'],
  ['100::', 64, 'a discard-only address'],
  ['2001::', 32, 'a Teredo tunnel address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a private (unique local) address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
]

const RANGES: { list: BlockList; family: Family; what: string }[] = [
  ...V4.map(([net, prefix, what]) => range(net, prefix, 'ipv4', what)),
  ...V6.map(([net, prefix, what]) => range(net, prefix, 'ipv6', what)),
]

function range(net: string, prefix: number, family: Family, what: string) {
  const list = new BlockList()
  list.addSubnet(net, prefix, family)
  return { list, family, what }
}

/**
 * Why connecting to `ip` is refused (e.g. `a loopback address`), or undefined for a public
 * unicast address. Anything that is not an IP address at all is refused too.
 */
export function refusedAddress(ip: string): string | undefined {
  const address = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (isIPv4(address)) return rangeOf(address, 'ipv4')
  if (!isIPv6(address)) return 'not an IP address'
  const inner = embeddedIPv4(address)
  if (inner !== undefined) {
    const why = rangeOf(inner, 'ipv4')
    return why ? `${why} (${inner}, inside an IPv6 address)` : undefined
  }
  return rangeOf(address, 'ipv6')
}

function rangeOf(address: string, family: Family): string | undefined {
  // Only ranges of the address's own family: BlockList matches IPv4-mapped IPv6 against IPv4 rules itself.
  return RANGES.find((r) => r.family === family && r.list.check(address, family))?.what
}

/**
 * The IPv4 address an IPv6 address stands for, where the IPv6 form is only a wrapper that
 * would reach it: mapped `::ffff:a.b.c.d`, translated `::ffff:0:a.b.c.d`, compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`.
 */
export function embeddedIPv4(address: string): string | undefined {
  const h = hextets(address)
  if (!h) return undefined
  const zero = (from: number, to: number) => h.slice(from, to).every((x) => x === 0)
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  if (zero(0, 5) && h[5] === 0xffff) return v4(h[6]!, h[7]!)
  if (zero(0, 4) && h[4] === 0xffff && h[5] === 0) return v4(h[6]!, h[7]!)
  // `::` and `::1` are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones
  if (zero(0, 6) && (h[6] !== 0 || h[7]! > 1)) return v4(h[6]!, h[7]!)
  if (h[0] === 0x64 && h[1] === 0xff9b && zero(2, 6)) return v4(h[6]!, h[7]!)
  if (h[0] === 0x2002) return v4(h[1]!, h[2]!)
  return undefined
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or undefined. */
function hextets(address: string): number[] | undefined {
  let text = address.toLowerCase()
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/)
  if (dotted) {
    const [a, b, c, d] = dotted[2]!.split('.').map(Number) as [number, number, number, number]
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const part = (s: string) => (s === '' ? [] : s.split(':').map((x) => Number.parseInt(x, 16)))
  const head = part(halves[0]!)
  const tail = halves.length === 2 ? part(halves[1]!) : []
  const fill = 8 - head.length - tail.length
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return undefined
  const out = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail]
  return out.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? out : undefined
}
