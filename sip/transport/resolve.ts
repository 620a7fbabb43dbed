import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Endpoint, TransportName } from '../message/types.js';
import { formatHost, parseUri } from '../message/uri.js';

/** Best guess for Via/Contact when bound to the wildcard and no publicAddress is given. */
export function firstExternalIPv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** The `transport` URI parameter; a sips: URI always means TLS (RFC 3261 §26.2.2). */
export function transportOf(v: string | null | undefined, sips = false): TransportName {
  const t = v?.toLowerCase();
  return sips || t === 'tls' ? 'tls' : t === 'tcp' ? 'tcp' : 'udp';
}

export function hostPortOfUri(uri: string): string {
  const p = parseUri(uri);
  return p?.kind === 'sip' ? formatHost(p.uri.host) + (p.uri.port ? `:${p.uri.port}` : '') : 'invalid';
}

export function hostOfUri(uri: string): string {
  const p = parseUri(uri);
  return p?.kind === 'sip' ? formatHost(p.uri.host) : 'invalid';
}

export async function resolve(
  host: string,
  port: number | undefined,
  transport: TransportName,
): Promise<Endpoint> {
  const address = isIP(host) ? host : (await lookup(host)).address;
  return {
    transport,
    address,
    port: port ?? (transport === 'tls' ? 5061 : 5060),
    ...(transport === 'tls' ? { serverName: host } : {}),
  };
}
