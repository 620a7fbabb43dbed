import { type Params, parseParams, serializeParams } from './headers.js';

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  /** User part as on the wire (still %-escaped); undefined when absent. */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Host without IPv6 brackets. */
  readonly host: string;
  readonly port: number | undefined;
  readonly params: Params;
  /** Raw `?h=v&...` part without the '?', undefined if none. Never turned into real headers. */
  readonly headers: string | undefined;
}

/** Any URI whose scheme is not sip/sips (tel:, urn:, soap.beep:...) is kept opaque. */
export interface OtherUri {
  readonly scheme: string;
  readonly opaque: string;
}

export type ParsedUri = { kind: 'sip'; uri: SipUri } | { kind: 'other'; uri: OtherUri };

/** Decode %HH escapes (never stopping at %00). Malformed escapes are kept literally. */
export function unescapeUriPart(s: string): string {
  if (s.indexOf('%') === -1) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length + 0 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(s[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):(.+)$/s;
const HOSTNAME_RE = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?$/;
const IPV4_RE = /^\d{1,3}(\.\d{1,3}){3}$/;
// Lenient IPv6 (RFC 5118 §4.10 says to tolerate the 3-colon ABNF bug): hex, ':' and an optional dotted tail.
const IPV6_RE = /^[0-9A-Fa-f:]+(:\d{1,3}(\.\d{1,3}){3})?$/;

/** Parse a URI (no surrounding <>). Returns null when it is not a syntactically acceptable URI. */
export function parseUri(text: string): ParsedUri | null {
  const m = SCHEME_RE.exec(text);
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  const rest = m[2] ?? '';
  if (/[\s<>"]/.test(rest)) return null;
  if (scheme !== 'sip' && scheme !== 'sips') return { kind: 'other', uri: { scheme, opaque: rest } };
  const sip = parseSipUriRest(scheme, rest);
  return sip ? { kind: 'sip', uri: sip } : null;
}

function parseSipUriRest(scheme: 'sip' | 'sips', rest: string): SipUri | null {
  let user: string | undefined;
  let password: string | undefined;
  let hostPart = rest;
  // userinfo ends at the LAST '@': the user part may contain ';', '?' and ',' (RFC 4475 semiuri,
  // intmeth) while params and headers cannot contain an unescaped '@'.
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    const userinfo = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
    const colon = userinfo.indexOf(':');
    if (colon === -1) user = userinfo;
    else {
      user = userinfo.slice(0, colon);
      password = userinfo.slice(colon + 1);
    }
    if (user.length === 0) return null;
  }
  let headers: string | undefined;
  const hq = hostPart.indexOf('?');
  if (hq !== -1) {
    headers = hostPart.slice(hq + 1);
    hostPart = hostPart.slice(0, hq);
  }
  let paramText = '';
  const semi = hostPart.indexOf(';');
  if (semi !== -1) {
    paramText = hostPart.slice(semi);
    hostPart = hostPart.slice(0, semi);
  }
  const hp = parseHostPort(hostPart);
  if (!hp) return null;
  const params = parseParams(paramText);
  if (!params) return null;
  return { scheme, user, password, host: hp.host, port: hp.port, params, headers };
}

/** `host[:port]` with IPv6 references in brackets. Returns null if malformed. */
export function parseHostPort(text: string): { host: string; port: number | undefined } | null {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end === -1) return null;
    host = text.slice(1, end);
    if (!IPV6_RE.test(host) || host.indexOf(':') === -1) return null;
    const after = text.slice(end + 1);
    if (after.length > 0) {
      if (!after.startsWith(':')) return null;
      portText = after.slice(1);
    }
  } else {
    const colon = text.indexOf(':');
    if (colon !== -1) {
      if (text.indexOf(':', colon + 1) !== -1) return null; // bare IPv6 without [] (RFC 5118 §4.2)
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    } else host = text;
    if (!IPV4_RE.test(host) && !HOSTNAME_RE.test(host)) return null;
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return null;
    port = Number(portText);
    if (port > 65535) return null;
  }
  return { host, port };
}

export function formatHost(host: string): string {
  return host.indexOf(':') !== -1 ? `[${host}]` : host;
}

export function serializeSipUri(u: SipUri): string {
  let s = `${u.scheme}:`;
  if (u.user !== undefined) {
    s += u.user;
    if (u.password !== undefined) s += `:${u.password}`;
    s += '@';
  }
  s += formatHost(u.host);
  if (u.port !== undefined) s += `:${u.port}`;
  s += serializeParams(u.params);
  if (u.headers !== undefined) s += `?${u.headers}`;
  return s;
}

/** Escape a user part for inclusion in a SIP URI (RFC 3261 user-unreserved set kept). */
export function escapeUser(user: string): string {
  return user.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (ch) =>
    Array.from(Buffer.from(ch, 'utf8'))
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}
