import type { SipHeader, SipMessage } from './types.js';

/** RFC 3261 §7.3.3 compact forms plus common extensions (RFC 3515 r, 3891/3892 b, 4028 x, 3903/3265 o/u...). */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  v: 'via',
  f: 'from',
  t: 'to',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  r: 'refer-to',
  u: 'allow-events',
  b: 'referred-by',
  x: 'session-expires',
  y: 'identity',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
};

/** Display names for serialization: canonical capitalisation where it is not simply Title-Case. */
const DISPLAY: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
};

export function canonicalHeaderName(raw: string): string {
  const lower = raw.toLowerCase();
  return COMPACT[lower] ?? lower;
}

const displayCache = new Map<string, string>();
export function displayHeaderName(name: string): string {
  const known = DISPLAY[name];
  if (known) return known;
  let cached = displayCache.get(name);
  if (cached === undefined) {
    cached = name.replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    if (displayCache.size < 1000) displayCache.set(name, cached);
  }
  return cached;
}

/** Headers that may legally appear only once (RFC 3261 §20): a second value is a 400. */
export const SINGLE_VALUE_HEADERS: ReadonlySet<string> = new Set([
  'call-id',
  'cseq',
  'from',
  'to',
  'max-forwards',
  'content-type',
  'content-length',
]);

/** Headers whose value is NOT a comma list (auth headers, Date...) and must never be split. */
const NOT_LISTS: ReadonlySet<string> = new Set([
  'www-authenticate',
  'authorization',
  'proxy-authenticate',
  'proxy-authorization',
  'date',
  'retry-after',
  'subject',
  'user-agent',
  'server',
  'organization',
  'from',
  'to',
  'call-id',
  'cseq',
]);

export function getHeader(msg: SipMessage, name: string): string | undefined {
  for (const h of msg.headers) if (h.name === name) return h.value;
  return undefined;
}

/** All values of a header: every occurrence, each split on top-level commas (quotes and <> respected). */
export function getHeaderValues(msg: SipMessage, name: string): string[] {
  const out: string[] = [];
  for (const h of msg.headers) {
    if (h.name !== name) continue;
    if (NOT_LISTS.has(name)) out.push(h.value);
    else for (const v of splitCommaList(h.value)) out.push(v);
  }
  return out;
}

export function countHeader(msg: SipMessage, name: string): number {
  let n = 0;
  for (const h of msg.headers) if (h.name === name) n++;
  return n;
}

/**
 * Split on commas that are outside quoted strings and <...>. Empty elements are kept
 * (as '') so that callers can reject `a,,b`; trailing whitespace is trimmed.
 */
export function splitCommaList(value: string): string[] {
  if (value.indexOf(',') === -1) return [value.trim()];
  const out: string[] = [];
  let start = 0;
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (inQuote) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22) inQuote = false;
    } else if (ch === 0x22) inQuote = true;
    else if (ch === 0x3c /* < */) inAngle = true;
    else if (ch === 0x3e /* > */) inAngle = false;
    else if (ch === 0x2c /* , */ && !inAngle) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out;
}

export type Params = Map<string, string | null>;

/**
 * Parse `;a=b;c;d="x;y"` (text starting at the first ';'). Names are lower-cased; a param without
 * '=' maps to null. Returns null on empty params (`;;`) or unbalanced quotes.
 */
export function parseParams(text: string): Params | null {
  const params: Params = new Map();
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) !== 0x3b /* ; */) return null;
    i++;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < n && isTokenChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    if (name.length === 0) return null;
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i < n && text.charCodeAt(i) === 0x3d /* = */) {
      i++;
      while (i < n && isWs(text.charCodeAt(i))) i++;
      if (i < n && text.charCodeAt(i) === 0x22) {
        const end = findQuoteEnd(text, i);
        if (end < 0) return null;
        params.set(name, text.slice(i, end + 1));
        i = end + 1;
      } else {
        const vStart = i;
        // Values may be tokens, hosts, or IPv6 references like [2001:db8::1].
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 0x3b || isWs(c)) break;
          i++;
        }
        const v = text.slice(vStart, i);
        if (v.length === 0) return null;
        params.set(name, v);
      }
    } else params.set(name, null);
  }
  return params;
}

export function serializeParams(params: Params): string {
  let s = '';
  for (const [k, v] of params) s += v === null ? `;${k}` : `;${k}=${v}`;
  return s;
}

/** Index of the closing quote for a quoted-string starting at `start` (which is '"'), or -1. */
export function findQuoteEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

export function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
const TOKEN = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TOKEN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TOKEN[c] = 1;
for (const ch of "-.!%*_+`'~") TOKEN[ch.charCodeAt(0)] = 1;

export function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN[c] === 1;
}

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTokenChar(s.charCodeAt(i))) return false;
  return true;
}

/** Build a header list entry; `name` may be any case or compact form. */
export function header(name: string, value: string): SipHeader {
  return { name: canonicalHeaderName(name), value };
}
