import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226): HMAC of the 8-byte big-endian time step
 * floor(unixSeconds / stepS), dynamic truncation, `digits` decimal digits. Authenticator apps use
 * SHA-1, 30 s and 6 digits, which is what set-up hands out; SHA-256/512 are here for the RFC's
 * vectors and for apps that offer them.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  /** Time step, s (default 30). */
  stepS?: number;
  /** Code length (default 6; RFC 6238's vectors use 8). */
  digits?: number;
}

export function hotp(secret: Buffer, counter: bigint, algorithm: TotpAlgorithm = 'sha1', digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export function totpStep(unixS: number, stepS = 30): bigint {
  return BigInt(Math.floor(unixS / stepS));
}

export function totp(secret: Buffer, unixS: number, o: TotpOptions = {}): string {
  return hotp(secret, totpStep(unixS, o.stepS), o.algorithm, o.digits);
}

/**
 * Checks a code against the steps within `window` of now (default ±1 step = ±30 s of clock
 * drift) and returns the matching step, or undefined. The caller stores the step and refuses
 * it (and older ones) next time, so a code works once (RFC 6238 §5.2).
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  unixS: number,
  o: TotpOptions & { window?: number; afterStep?: bigint } = {},
): bigint | undefined {
  const digits = o.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const now = totpStep(unixS, o.stepS);
  const window = BigInt(o.window ?? 1);
  let found: bigint | undefined;
  // Every candidate is compared (no early exit), in constant time per comparison.
  for (let s = now - window; s <= now + window; s++) {
    const expected = Buffer.from(hotp(secret, s, o.algorithm, digits));
    if (timingSafeEqual(expected, Buffer.from(code)) && (o.afterStep === undefined || s > o.afterStep))
      found ??= s;
  }
  return found;
}

const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what otpauth:// URIs carry). */
export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += b32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += b32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = b32.indexOf(ch);
    if (v < 0) throw new Error('not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends at least 128, SHA-1's block suggests 160). */
export const newTotpSecret = (): Buffer => randomBytes(20);

/** The `otpauth://` URI authenticator apps scan (Key Uri Format). */
export function otpauthUri(secret: Buffer, issuer: string, account: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
