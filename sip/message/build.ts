import { getHeader, header } from './headers.js';
import type { SipHeader, SipRequest, SipResponse } from './types.js';

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  483: 'Too Many Hops',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'Version Not Supported',
  603: 'Decline',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 200 ? 'Progress' : status < 300 ? 'OK' : 'Error');
}

/**
 * Build a response from request headers (RFC 3261 §8.2.6.2): Via (all), From, To (with `toTag`
 * added when the To has none), Call-ID, CSeq copied.
 */
export function buildResponseFromHeaders(
  reqHeaders: readonly SipHeader[],
  status: number,
  opts: { reason?: string; toTag?: string; headers?: SipHeader[]; body?: Buffer } = {},
): SipResponse {
  const out: SipHeader[] = [];
  for (const h of reqHeaders) {
    if (h.name === 'via' || h.name === 'from' || h.name === 'call-id' || h.name === 'cseq') out.push(h);
    else if (h.name === 'to') {
      const hasTag = /;\s*tag\s*=/i.test(h.value.slice(h.value.lastIndexOf('>') + 1));
      out.push(opts.toTag && !hasTag && status > 100 ? header('to', `${h.value};tag=${opts.toTag}`) : h);
    }
  }
  if (opts.headers) out.push(...opts.headers);
  return {
    kind: 'response',
    version: 'SIP/2.0',
    status,
    reason: opts.reason ?? reasonPhrase(status),
    headers: out,
    body: opts.body ?? Buffer.alloc(0),
  };
}

export function buildResponse(
  req: SipRequest,
  status: number,
  opts: { reason?: string; toTag?: string; headers?: SipHeader[]; body?: Buffer } = {},
): SipResponse {
  // 100 Trying copies Timestamp (RFC 3261 §8.2.6.1).
  const extra = [...(opts.headers ?? [])];
  if (status === 100) {
    const ts = getHeader(req, 'timestamp');
    if (ts) extra.push(header('timestamp', ts));
  }
  return buildResponseFromHeaders(req.headers, status, { ...opts, headers: extra });
}

let counter = 0;
const prefix = Math.random().toString(36).slice(2, 8);
/** Unique token for tags, Call-IDs and branch suffixes. */
export function randomToken(): string {
  counter = (counter + 1) >>> 0;
  return `${prefix}${counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
