import { getHeader, getHeaderValues, header } from '../message/headers.js';
import type { SipHeader, SipRequest } from '../message/types.js';

/** Methods this UAS implements. */
export const ALLOWED_METHODS = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'INFO',
  'REFER',
  'NOTIFY',
] as const;
export const ALLOW_HEADER = ALLOWED_METHODS.join(', ');
/** Standard methods we recognise but do not serve (405 instead of 501). */
const KNOWN_NOT_ALLOWED = new Set(['REGISTER', 'SUBSCRIBE', 'PUBLISH', 'MESSAGE', 'UPDATE', 'PRACK']);
/** Option-tags we support (Require of anything else is a 420). */
export const SUPPORTED_EXTENSIONS: readonly string[] = [];
const ACCEPTED_BODY: Readonly<Record<string, readonly string[]>> = {
  INVITE: ['application/sdp'],
  ACK: ['application/sdp'],
  INFO: ['application/dtmf-relay', 'application/dtmf'],
  NOTIFY: ['message/sipfrag'],
};

export interface Rejection {
  readonly status: number;
  readonly reason?: string;
  readonly headers: SipHeader[];
}

/**
 * UAS request checks in RFC 3261 §8.2 order: version (505), method (405/501), URI scheme (416),
 * Max-Forwards (483), Require (420), body type/encoding (415), Accept (406).
 */
export function validateRequest(req: SipRequest): Rejection | null {
  if (req.version !== 'SIP/2.0') return { status: 505, headers: [] };
  const m = req.method;
  if (!(ALLOWED_METHODS as readonly string[]).includes(m)) {
    return { status: KNOWN_NOT_ALLOWED.has(m) ? 405 : 501, headers: [header('allow', ALLOW_HEADER)] };
  }
  const scheme = req.uri.slice(0, req.uri.indexOf(':')).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') return { status: 416, headers: [] };
  // An endpoint is the final hop: OPTIONS with Max-Forwards 0 is still answered (RFC 3261 §11, RFC 4475 zeromf).
  if (
    getHeader(req, 'max-forwards') !== undefined &&
    Number(getHeader(req, 'max-forwards')) === 0 &&
    m !== 'OPTIONS' &&
    m !== 'ACK'
  )
    return { status: 483, headers: [] };
  if (m !== 'ACK' && m !== 'CANCEL') {
    const unsupported = getHeaderValues(req, 'require').filter(
      (t) => t && !SUPPORTED_EXTENSIONS.includes(t.toLowerCase()),
    );
    if (unsupported.length > 0)
      return { status: 420, headers: [header('unsupported', unsupported.join(', '))] };
  }
  if (req.body.length > 0) {
    const accepted = ACCEPTED_BODY[m];
    const ct = (getHeader(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const enc = getHeaderValues(req, 'content-encoding').filter((e) => e && e.toLowerCase() !== 'identity');
    if (accepted && (!accepted.includes(ct) || enc.length > 0)) {
      return {
        status: 415,
        headers: [
          header('accept', accepted.join(', ')),
          ...(enc.length > 0 ? [header('accept-encoding', 'identity')] : []),
        ],
      };
    }
  }
  if (m === 'INVITE') {
    const accept = getHeaderValues(req, 'accept');
    if (
      accept.length > 0 &&
      !accept.some((a) => /^(application\/sdp|application\/\*|\*\/\*)\s*(;|$)/i.test(a))
    ) {
      return {
        status: 406,
        headers: [
          header('accept', 'application/sdp'),
          header('warning', '399 appliance "SDP is the only supported body"'),
        ],
      };
    }
  }
  return null;
}
