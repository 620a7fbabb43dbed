/**
 * SDES key exchange for SRTP (RFC 4568): the `a=crypto` attribute, its parser and the offer/answer
 * choice. Only AES_CM_128_HMAC_SHA1_80 is accepted, with one inline key of 30 bytes (16 key + 14
 * salt, base64), no MKI, no key lifetime shorter than 2^31 packets and no session parameters (a
 * line we cannot honour exactly is skipped, so the offerer's other lines may still match).
 *
 * Per-trunk policy: `require` answers only SRTP offers (RTP/SAVP with a usable line; others get
 * 488) and offers RTP/SAVP; `allow` answers SRTP when offered and plain RTP otherwise; `off` never
 * uses SRTP (an RTP/SAVP offer then gets 488, RFC 4568 section 7.1.2).
 */
import { randomBytes } from 'node:crypto';

export const SRTP_POLICIES = ['require', 'allow', 'off'] as const;
export type SrtpPolicy = (typeof SRTP_POLICIES)[number];

export const SDES_SUITE = 'AES_CM_128_HMAC_SHA1_80';
/** Master key (16) + master salt (14), bytes. */
export const SDES_KEY_BYTES = 30;
/** Longest a=crypto value we look at, characters (a real one is about 70). */
const MAX_LINE = 1024;
const MAX_LINES = 32;

/** SRTP as negotiated: both base64 master keys (key || salt) and the chosen suite. */
export interface NegotiatedSrtp {
  readonly suite: typeof SDES_SUITE;
  /** Our key: what we encrypt with (sent in our SDP). */
  readonly localKey: string;
  /** The peer's key: what we decrypt with (from its SDP). */
  readonly remoteKey: string;
}

export interface CryptoLine {
  readonly tag: number;
  readonly suite: string;
  /** base64 of the 30-byte inline key, or undefined when the key parameters are not usable. */
  readonly key: string | undefined;
}

export type CryptoParseError = 'syntax' | 'bad-tag';

/**
 * `tag crypto-suite key-params [session-params]` (RFC 4568 section 9.1). Unknown suites parse (the
 * caller skips them); a key we cannot use (wrong length, MKI, short lifetime, several keys) gives
 * `key: undefined`.
 */
export function parseCryptoLine(value: string): CryptoLine | CryptoParseError {
  if (value.length > MAX_LINE) return 'syntax';
  const parts = value.trim().split(/[ \t]+/);
  const [tagText, suite, keyParams, ...session] = parts;
  if (tagText === undefined || suite === undefined || keyParams === undefined) return 'syntax';
  if (!/^\d{1,9}$/.test(tagText)) return 'bad-tag';
  if (!/^[A-Za-z0-9_]+$/.test(suite)) return 'syntax';
  return { tag: Number(tagText), suite, key: session.length === 0 ? inlineKey(keyParams) : undefined };
}

function inlineKey(keyParams: string): string | undefined {
  if (keyParams.includes(';')) return undefined; // several keys: not supported
  const m = /^inline:([A-Za-z0-9+/]+={0,2})(?:\|(2\^\d{1,2}|\d{1,15}))?$/.exec(keyParams);
  if (!m) return undefined; // includes the |mki:len form
  const b64 = m[1] ?? '';
  const key = Buffer.from(b64, 'base64');
  if (key.length !== SDES_KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== b64.replace(/=+$/, ''))
    return undefined;
  const lifetime = m[2];
  if (lifetime !== undefined) {
    const n = lifetime.startsWith('2^') ? 2 ** Number(lifetime.slice(2)) : Number(lifetime);
    if (n < 2 ** 31) return undefined;
  }
  return key.toString('base64');
}

export function formatCryptoLine(tag: number, key: string): string {
  return `${tag} ${SDES_SUITE} inline:${key}`;
}

export function newSdesKey(): string {
  return randomBytes(SDES_KEY_BYTES).toString('base64');
}

/** First usable offered line: the one we answer with (tag echoed). */
export function chooseCrypto(values: readonly string[]): { tag: number; key: string } | undefined {
  for (const v of values.slice(0, MAX_LINES)) {
    const c = parseCryptoLine(v);
    if (typeof c === 'string' || c.suite !== SDES_SUITE || c.key === undefined) continue;
    return { tag: c.tag, key: c.key };
  }
  return undefined;
}

/** The line of an answer that matches our offered tag (RFC 4568 section 7.1.3). */
export function answerCrypto(values: readonly string[], offeredTag: number): string | undefined {
  const hit = chooseCrypto(values);
  return hit && hit.tag === offeredTag ? hit.key : undefined;
}
