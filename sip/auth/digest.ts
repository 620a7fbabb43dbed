import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { findQuoteEnd } from '../message/headers.js';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | undefined;
  readonly algorithm: DigestAlgorithm;
  /** 'auth' when offered (we never do auth-int). */
  readonly qop: 'auth' | undefined;
  readonly stale: boolean;
}

/** Parse `key=value, key="quoted, value"` auth params (RFC 7235 §2.1). */
export function parseAuthParams(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    let value: string;
    if (text[i] === '"') {
      const end = findQuoteEnd(text, i);
      if (end === -1) break;
      value = text.slice(i + 1, end).replace(/\\(.)/g, '$1');
      i = end + 1;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? text.length : comma;
      value = text.slice(i, end).trim();
      i = end;
    }
    if (key) out.set(key, value);
  }
  return out;
}

/** Parse one WWW-Authenticate / Proxy-Authenticate value; null unless it is a usable Digest challenge. */
export function parseChallenge(value: string): DigestChallenge | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const p = parseAuthParams(m[1] ?? '');
  const realm = p.get('realm');
  const nonce = p.get('nonce');
  if (realm === undefined || nonce === undefined) return null;
  const alg = (p.get('algorithm') ?? 'MD5').toUpperCase();
  if (alg !== 'MD5' && alg !== 'SHA-256') return null;
  const qops = (p.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (p.has('qop') && !qops.includes('auth')) return null;
  return {
    realm,
    nonce,
    opaque: p.get('opaque'),
    algorithm: alg,
    qop: qops.includes('auth') ? 'auth' : undefined,
    stale: (p.get('stale') ?? '').toLowerCase() === 'true',
  };
}

function h(alg: DigestAlgorithm, s: string): string {
  return createHash(alg === 'MD5' ? 'md5' : 'sha256')
    .update(s, 'utf8')
    .digest('hex');
}

/** RFC 2617 / 7616 response value. */
export function digestResponse(p: {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: 'auth' | undefined;
  nc?: string;
  cnonce?: string;
}): string {
  const ha1 = h(p.algorithm, `${p.username}:${p.realm}:${p.password}`);
  const ha2 = h(p.algorithm, `${p.method}:${p.uri}`);
  return p.qop
    ? h(p.algorithm, `${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`)
    : h(p.algorithm, `${ha1}:${p.nonce}:${ha2}`);
}

/** Build an Authorization / Proxy-Authorization header value answering `ch`. */
export function buildAuthorization(
  ch: DigestChallenge,
  creds: { username: string; password: string },
  method: string,
  uri: string,
  nc = 1,
): string {
  const cnonce = randomBytes(8).toString('hex');
  const ncText = nc.toString(16).padStart(8, '0');
  const response = digestResponse({
    algorithm: ch.algorithm,
    username: creds.username,
    realm: ch.realm,
    password: creds.password,
    method,
    uri,
    nonce: ch.nonce,
    qop: ch.qop,
    nc: ncText,
    cnonce,
  });
  const q = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;
  let v = `Digest username=${q(creds.username)}, realm=${q(ch.realm)}, nonce=${q(ch.nonce)}, uri=${q(uri)}, response=${q(response)}, algorithm=${ch.algorithm}`;
  if (ch.qop) v += `, qop=auth, nc=${ncText}, cnonce=${q(cnonce)}`;
  if (ch.opaque !== undefined) v += `, opaque=${q(ch.opaque)}`;
  return v;
}

/**
 * Server side (we challenge the PBX): stateless nonces = timestamp + HMAC, valid `nonceTtlMs`
 * (default 300,000 ms), so no per-challenge state is kept for unauthenticated senders.
 */
export class DigestVerifier {
  private readonly key = randomBytes(32);

  constructor(
    private readonly creds: { readonly username: string; readonly password: string; readonly realm: string },
    private readonly nonceTtlMs = 300_000,
  ) {}

  get realm(): string {
    return this.creds.realm;
  }

  challenge(algorithm: DigestAlgorithm = 'MD5', stale = false): string {
    const ts = Date.now().toString(36);
    const nonce = `${ts}.${createHmac('sha256', this.key).update(ts).digest('base64url').slice(0, 22)}`;
    return `Digest realm="${this.creds.realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  /** 'ok', 'stale' (re-challenge with stale=true) or 'bad'. */
  verify(authorization: string, method: string): 'ok' | 'stale' | 'bad' {
    const m = /^\s*Digest\s+(.*)$/is.exec(authorization);
    if (!m) return 'bad';
    const p = parseAuthParams(m[1] ?? '');
    const nonce = p.get('nonce') ?? '';
    const [ts, mac] = nonce.split('.');
    if (!ts || !mac) return 'bad';
    const expect = createHmac('sha256', this.key).update(ts).digest('base64url').slice(0, 22);
    if (expect !== mac) return 'bad';
    if (p.get('username') !== this.creds.username || p.get('realm') !== this.creds.realm) return 'bad';
    const alg = (p.get('algorithm') ?? 'MD5').toUpperCase();
    if (alg !== 'MD5' && alg !== 'SHA-256') return 'bad';
    const qop = p.get('qop');
    const expected = digestResponse({
      algorithm: alg,
      username: this.creds.username,
      realm: this.creds.realm,
      password: this.creds.password,
      method,
      uri: p.get('uri') ?? '',
      nonce,
      qop: qop === 'auth' ? 'auth' : undefined,
      nc: p.get('nc') ?? '',
      cnonce: p.get('cnonce') ?? '',
    });
    const got = Buffer.from(p.get('response') ?? '');
    const exp = Buffer.from(expected);
    if (got.length !== exp.length || !timingSafeEqual(got, exp)) return 'bad';
    if (Date.now() - parseInt(ts, 36) > this.nonceTtlMs) return 'stale';
    return 'ok';
  }
}
