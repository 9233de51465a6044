import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/** Address ranges a webhook may never reach unless private networks are allowed, by why. */
const RANGES: Array<[reason: string, family: 'ipv4' | 'ipv6', network: string, prefix: number]> = [
  ['unspecified address', 'ipv4', '0.0.0.0', 8],
  ['private network (RFC 1918)', 'ipv4', '10.0.0.0', 8],
  ['carrier-grade NAT (100.64.0.0/10)', 'ipv4', '100.64.0.0', 10],
  ['loopback address', 'ipv4', '127.0.0.0', 8],
  ['link-local address', 'ipv4', '169.254.0.0', 16],
  ['private network (RFC 1918)', 'ipv4', '172.16.0.0', 12],
  ['reserved address (192.0.0.0/24)', 'ipv4', '192.0.0.0', 24],
  ['private network (RFC 1918)', 'ipv4', '192.168.0.0', 16],
  ['benchmarking network (198.18.0.0/15)', 'ipv4', '198.18.0.0', 15],
  ['multicast address', 'ipv4', '224.0.0.0', 4],
  ['reserved address (240.0.0.0/4)', 'ipv4', '240.0.0.0', 4],
  ['unspecified address', 'ipv6', '::', 128],
  ['loopback address', 'ipv6', '::1', 128],
  ['unique local address (fc00::/7)', 'ipv6', 'fc00::', 7],
  ['link-local address', 'ipv6', 'fe80::', 10],
  ['site-local address', 'ipv6', 'fec0::', 10],
  ['multicast address', 'ipv6', 'ff00::', 8],
];

const lists = RANGES.map(([reason, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { reason, family, list };
});

/** The 16 bytes of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0].toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zero(0, 12) && !zero(12, 16)) return v4(12); // ::a.b.c.d (deprecated compatible form)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2); // 2002:AABB:CCDD::/16
  return undefined;
}

/**
 * Why a webhook may not connect to this address, or undefined when it may: loopback, private,
 * link-local (the cloud metadata address 169.254.169.254 among them), CGNAT, multicast and
 * reserved ranges, in IPv4 and IPv6, and IPv4 addresses hidden in IPv6 forms.
 */
export function refusedAddress(address: string): string | undefined {
  if (isIPv4(address)) return lists.find((l) => l.family === 'ipv4' && l.list.check(address, 'ipv4'))?.reason;
  if (!isIPv6(address)) return 'not an IP address';
  const own = lists.find((l) => l.family === 'ipv6' && l.list.check(address.split('%')[0], 'ipv6'))?.reason;
  if (own) return own;
  const inner = embeddedIpv4(address);
  if (inner !== undefined) {
    const reason = refusedAddress(inner);
    return reason && `${reason}, as ${address}`;
  }
  return undefined;
}

/**
 * Why a URL's host as written may never be reached (an IP literal in a refused range, or
 * localhost), without resolving names: those are checked at connect time.
 */
export function refusedLiteralHost(hostname: string): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host.toLowerCase() === 'localhost') return 'loopback address';
  return isIP(host) === 0 ? undefined : refusedAddress(host);
}
