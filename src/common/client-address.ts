import { isIPv6 } from 'node:net';

/**
 * The key a client is counted under for per-address limits (streams, connections, sign-in
 * attempts): an IPv4 address as it is (also when it arrives IPv4-mapped, `::ffff:127.0.0.2`), an
 * IPv6 address by its /64, the smallest block a single subscriber is given, so that one household
 * cannot pose as 2^64 clients. The address itself comes from fastify's `request.ip`, which honours
 * TRUST_PROXY (X-Forwarded-For) or is the socket's peer.
 */
export function clientKey(address: string | null | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array.from({ length: Math.max(0, missing) }, () => '0'), ...right];
  return groups.map((g) => (g.includes('.') ? g : g.replace(/^0+(?=.)/, '')));
}
