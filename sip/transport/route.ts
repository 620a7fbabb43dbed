import { header, splitCommaList } from '../message/headers.js';
import type { Endpoint, SipHeader, SipRequest } from '../message/types.js';
import { parseVia } from '../message/via.js';

/**
 * RFC 3261 §18.2.1 + RFC 3581: on receipt, stamp the top Via with `received` (when sent-by
 * differs from the source address) and fill an empty `rport`. Responses copy this Via.
 */
export function stampTopVia(headers: readonly SipHeader[], source: Endpoint): SipHeader[] {
  const out = headers.slice();
  const idx = out.findIndex((h) => h.name === 'via');
  if (idx === -1) return out;
  const h = out[idx] as SipHeader;
  const values = splitCommaList(h.value);
  const top = values[0] ?? '';
  const via = parseVia(top) ?? parseVia(top.split(';')[0] ?? '');
  if (!via) return out;
  let stamped = top;
  if (via.params.has('rport') && via.params.get('rport') === null) {
    stamped = stamped.replace(/;\s*rport(?=\s*(;|$))/i, `;rport=${source.port}`);
    if (!via.params.has('received')) stamped += `;received=${source.address}`;
  } else if (via.host !== source.address && !via.params.has('received'))
    stamped += `;received=${source.address}`;
  if (stamped === top) return out;
  values[0] = stamped;
  out[idx] = header('via', values.join(', '));
  return out;
}

export function stampRequest(req: SipRequest, source: Endpoint): SipRequest {
  return { ...req, headers: stampTopVia(req.headers, source) };
}

/**
 * RFC 3261 §18.2.2 response destination: the same TCP/TLS connection; for UDP the source IP (never
 * maddr or the Via host, so a forged Via cannot aim responses at third parties or broadcast) and
 * the rport, else the sent-by port, else 5060.
 */
export function responseDestination(topViaRaw: string | undefined, source: Endpoint): Endpoint {
  if (source.transport !== 'udp') return source;
  const via = topViaRaw ? (parseVia(topViaRaw) ?? parseVia(topViaRaw.split(';')[0] ?? '')) : null;
  let port = 5060;
  if (via) {
    const rport = via.params.get('rport');
    if (rport && /^\d{1,5}$/.test(rport)) port = Number(rport);
    else if (via.params.has('rport')) port = source.port;
    else if (via.port !== undefined) port = via.port;
  }
  return { transport: 'udp', address: source.address, port };
}
