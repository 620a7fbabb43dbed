import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import os from 'node:os';

/**
 * The one outbound-destination policy (SSRF guard) for everything the appliance connects to on
 * a tenant's behalf: webhooks, CRM connectors, test calls and bridged transfers.
 *
 * Refused unless the box operator lists them in `outbound.allowNetworks` (config, not a tenant
 * setting): loopback, unspecified, private (RFC 1918, CGNAT), link-local (incl. cloud metadata),
 * unique-local, site-local, multicast, broadcast, documentation/benchmark/reserved ranges, and
 * the same hidden inside IPv6 (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Names are checked by
 * every address they resolve to, at connect time (the resolver below is the one the connection
 * uses), so DNS rebinding cannot slip past; IP literals in any encoding (`127.1`, `2130706433`,
 * `0x7f000001`, `0177.0.0.1`) reach the check already canonical (WHATWG URL parsing for http,
 * getaddrinfo for SIP). The appliance's own HTTP port on a local address stays refused even
 * when the operator allows loopback.
 */
export type RefusalReason =
  | 'scheme'
  | 'credentials'
  | 'metadata'
  | 'link_local'
  | 'private'
  | 'not_allowed'
  | 'self'
  | 'unresolvable'
  | 'invalid';

export class OutboundRefused extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

const metadataNames = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Link-local and metadata addresses: named apart in errors (the classic SSRF target). */
const linkLocal = new BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addAddress('100.100.100.200', 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');
linkLocal.addAddress('fd00:ec2::254', 'ipv6');

/** Everything that is not the public internet (IANA special-purpose registries). */
const nonPublic = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. 255.255.255.255
] as const)
  nonPublic.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo etc.)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10],
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  nonPublic.addSubnet(net, bits, 'ipv6');

function hextets(v6: string): number[] | undefined {
  // Canonical form from the WHATWG parser (lowercase, compressed, dotted tail folded).
  let host: string;
  try {
    host = new URL(`http://[${v6}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = host.split('::');
  const part = (s: string): number[] => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const h = part(head);
  const tl = tail === undefined ? [] : part(tail);
  return [...h, ...new Array<number>(8 - h.length - tl.length).fill(0), ...tl];
}

const v4of = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** An address as the kernel would reach it: IPv4 hidden in IPv6 comes out as IPv4. */
export function canonicalAddress(raw: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const a = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const kind = isIP(a);
  if (kind === 4) return { address: a, family: 'ipv4' };
  if (kind !== 6) return undefined;
  const h = hextets(a);
  if (!h || h.length !== 8) return undefined;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = h;
  const zeroTo = (n: number): boolean => h.slice(0, n).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, not :: or ::1), 64:ff9b::a.b.c.d (NAT64).
  if (zeroTo(5) && h5 === 0xffff) return { address: v4of(h6, h7), family: 'ipv4' };
  if (zeroTo(6) && (h6 !== 0 || h7 > 1)) return { address: v4of(h6, h7), family: 'ipv4' };
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0)
    return { address: v4of(h6, h7), family: 'ipv4' };
  // 2002:AABB:CCDD::/48 (6to4) carries an IPv4 address in bits 16-47.
  if (h0 === 0x2002) return { address: v4of(h1, h2), family: 'ipv4' };
  return { address: h.map((x) => x.toString(16)).join(':'), family: 'ipv6' };
}

function isLocalAddress(n: { address: string; family: 'ipv4' | 'ipv6' }): boolean {
  if (
    n.family === 'ipv4'
      ? n.address.startsWith('127.') || n.address === '0.0.0.0'
      : /^0:0:0:0:0:0:0:[01]$/.test(n.address)
  )
    return true;
  for (const list of Object.values(os.networkInterfaces()))
    for (const i of list ?? []) if (canonicalAddress(i.address)?.address === n.address) return true;
  return false;
}

export interface CheckOptions {
  /** Only what `allowNetworks` lists passes, public addresses included (test calls). */
  explicitOnly?: boolean;
}

export interface OutboundGuardOptions {
  /** config.outbound.allowNetworks: IPs, CIDRs and host names the operator allows. */
  allowNetworks?: readonly string[];
  /** The appliance's own HTTP port(s): refused on any local address, allowed or not. */
  selfPorts?: Iterable<number>;
}

export class OutboundGuard {
  private readonly allowed = new BlockList();
  private readonly allowedNames = new Set<string>();
  readonly selfPorts: Set<number>;

  constructor(opts: OutboundGuardOptions = {}) {
    this.selfPorts = new Set(opts.selfPorts ?? []);
    for (const raw of opts.allowNetworks ?? []) {
      const entry = raw.trim().toLowerCase();
      const [addr = '', bits] = entry.split('/');
      const n = canonicalAddress(addr);
      if (!n) {
        this.allowedNames.add(entry.replace(/\.$/, ''));
        continue;
      }
      const max = n.family === 'ipv4' ? 32 : 128;
      // An IPv4-mapped CIDR (::ffff:10.0.0.0/104) becomes its IPv4 CIDR.
      const b =
        bits === undefined ? max : isIP(addr) === 6 && n.family === 'ipv4' ? Number(bits) - 96 : Number(bits);
      this.allowed.addSubnet(n.address, Math.max(0, Math.min(max, b)), n.family);
    }
  }

  noteSelfPort(port: number): void {
    this.selfPorts.add(port);
  }

  /** Whether the operator allowed this host name as such (exact, case-insensitive). */
  hostAllowed(host: string): boolean {
    return this.allowedNames.has(host.toLowerCase().replace(/\.$/, ''));
  }

  /** Throws OutboundRefused unless `host` (a name, before resolution) may be contacted at all. */
  checkName(host: string): void {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (metadataNames.has(h) && !this.hostAllowed(h))
      throw new OutboundRefused(`host ${h} is a metadata service`, 'metadata');
  }

  /**
   * Throws OutboundRefused unless one resolved `address` of `host` may be contacted on `port`.
   * `host` is the name as written (an allowed name passes whatever it resolves to).
   */
  checkAddress(address: string, port: number | undefined, host?: string, o: CheckOptions = {}): void {
    const n = canonicalAddress(address);
    if (!n) throw new OutboundRefused(`${address} is not an IP address`, 'invalid');
    if (port !== undefined && this.selfPorts.has(port) && isLocalAddress(n))
      throw new OutboundRefused('the destination is the appliance itself', 'self');
    if (host !== undefined && this.hostAllowed(host)) return;
    if (this.allowed.check(n.address, n.family)) return;
    if (o.explicitOnly)
      throw new OutboundRefused(
        `${host ?? address} is not a destination the box operator allows (outbound.allowNetworks)`,
        'not_allowed',
      );
    if (linkLocal.check(n.address, n.family))
      throw new OutboundRefused(`address ${address} is link-local or a metadata service`, 'link_local');
    if (nonPublic.check(n.address, n.family))
      throw new OutboundRefused(
        `address ${address} is loopback, private or reserved (the box operator can allow it in outbound.allowNetworks)`,
        'private',
      );
  }

  /** Every address of `host` (an IP literal is itself), each checked. */
  async resolve(host: string, port: number | undefined, o: CheckOptions = {}): Promise<LookupAddress[]> {
    // `localhost.` is `localhost`: resolve the name without its root dot (getaddrinfo may not).
    const bare = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
    this.checkName(bare);
    let addrs: LookupAddress[];
    if (isIP(bare)) addrs = [{ address: bare, family: isIP(bare) }];
    else {
      try {
        addrs = await resolveAll(bare);
      } catch {
        throw new OutboundRefused(`host ${bare} does not resolve`, 'unresolvable');
      }
    }
    if (addrs.length === 0) throw new OutboundRefused(`host ${bare} does not resolve`, 'unresolvable');
    for (const a of addrs) this.checkAddress(a.address, port, bare, o);
    return addrs;
  }

  /**
   * A `lookup` for net/http that checks at connect time what the name resolves to; the
   * connection then goes to an address that was vetted.
   */
  lookup(port: number) {
    return (hostname: string, options: { all?: boolean } | number, cb: LookupCallback): void => {
      this.resolve(hostname, port).then(
        (addrs) => {
          const first = addrs[0] as LookupAddress;
          if (typeof options === 'object' && options.all) cb(null, addrs);
          else cb(null, first.address, first.family);
        },
        (err: NodeJS.ErrnoException) => cb(err, '', 0),
      );
    };
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))),
  );
}
