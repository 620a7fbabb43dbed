import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import os from 'node:os';

/**
 * Outbound URL policy for webhooks and CRM connectors (SSRF guard). Refused:
 * - schemes other than http/https, credentials in the URL;
 * - link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, 100.100.100.200,
 *   fd00:ec2::254) and metadata host names (metadata.google.internal, ...);
 * - the appliance's own HTTP port on any local address (loopback, unspecified, an interface's).
 * Every address a name resolves to is checked, at creation and again at connect time (the
 * `guardedLookup` below is passed to http.request), so DNS rebinding cannot slip past.
 */
const metadataNames = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

const forbidden = new BlockList();
forbidden.addSubnet('169.254.0.0', 16, 'ipv4');
forbidden.addAddress('100.100.100.200', 'ipv4');
forbidden.addSubnet('fe80::', 10, 'ipv6');
forbidden.addAddress('fd00:ec2::254', 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('0.0.0.0', 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addAddress('::', 'ipv6');

export class UrlRefused extends Error {
  constructor(
    message: string,
    readonly reason:
      'scheme' | 'credentials' | 'metadata' | 'link_local' | 'self' | 'unresolvable' | 'invalid',
  ) {
    super(message);
    this.name = 'UrlRefused';
  }
}

/** `::ffff:169.254.169.254` is the IPv4 address in disguise: check it as IPv4. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address: a, family: isIP(a) === 6 ? 'ipv6' : 'ipv4' };
}

function isLocalAddress(address: string): boolean {
  const n = normalise(address);
  if (loopback.check(n.address, n.family)) return true;
  for (const list of Object.values(os.networkInterfaces()))
    for (const i of list ?? []) if (normalise(i.address).address === n.address) return true;
  return false;
}

export interface GuardOptions {
  /** The appliance's own HTTP port(s): refused on any local address. */
  selfPorts: ReadonlySet<number>;
}

/** Throws UrlRefused when one resolved address of the target is not allowed. */
export function checkAddress(address: string, port: number, opts: GuardOptions): void {
  const n = normalise(address);
  if (forbidden.check(n.address, n.family))
    throw new UrlRefused(`address ${address} is link-local or a metadata service`, 'link_local');
  if (opts.selfPorts.has(port) && isLocalAddress(n.address))
    throw new UrlRefused('the URL points at the appliance itself', 'self');
}

export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('not a valid absolute URL', 'invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UrlRefused('only http and https URLs are allowed', 'scheme');
  if (url.username || url.password)
    throw new UrlRefused('credentials in the URL are not allowed; use a header', 'credentials');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (metadataNames.has(host)) throw new UrlRefused(`host ${host} is a metadata service`, 'metadata');
  return url;
}

export const portOf = (url: URL): number =>
  url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))),
  );
}

/** Full check of a target URL: syntax, name, every resolved address. */
export async function checkTargetUrl(raw: string, opts: GuardOptions): Promise<URL> {
  const url = parseTargetUrl(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);
  let addrs: LookupAddress[];
  if (isIP(host)) addrs = [{ address: host, family: isIP(host) }];
  else {
    try {
      addrs = await resolveAll(host);
    } catch {
      throw new UrlRefused(`host ${host} does not resolve`, 'unresolvable');
    }
  }
  if (addrs.length === 0) throw new UrlRefused(`host ${host} does not resolve`, 'unresolvable');
  for (const a of addrs) checkAddress(a.address, port, opts);
  return url;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that re-checks what the name resolves to at connect time. Every
 * address is checked, then the first is used (the connection goes to an address we vetted).
 */
export function guardedLookup(port: number, opts: GuardOptions) {
  return (hostname: string, options: { all?: boolean } | number, cb: LookupCallback): void => {
    resolveAll(hostname).then(
      (addrs) => {
        try {
          if (addrs.length === 0) throw new UrlRefused(`host ${hostname} does not resolve`, 'unresolvable');
          for (const a of addrs) checkAddress(a.address, port, opts);
        } catch (err) {
          cb(err as NodeJS.ErrnoException, '', 0);
          return;
        }
        const first = addrs[0] as LookupAddress;
        if (typeof options === 'object' && options.all) cb(null, addrs);
        else cb(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => cb(err, '', 0),
    );
  };
}
