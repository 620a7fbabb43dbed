import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Every delivery carries
 *
 *   X-Appliance-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${rawBody}`)>
 *   X-Appliance-Event: <event type>          X-Appliance-Delivery: <delivery id, stable across retries>
 *
 * A receiver recomputes the HMAC over the raw body bytes exactly as received, compares in
 * constant time, and rejects timestamps more than 5 minutes (300 s) from its clock (replays).
 * Deduplicate on X-Appliance-Delivery: delivery is at-least-once.
 */
export const signatureHeader = 'X-Appliance-Signature';
export const eventHeader = 'X-Appliance-Event';
export const deliveryHeader = 'X-Appliance-Delivery';
/** Default replay window, s. */
export const replayToleranceS = 300;

export function signPayload(secret: string, body: string, timestampS: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

export type VerifyResult =
  { ok: true; timestampS: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'stale' };

/**
 * Checks a signature header against the raw body. `nowS` defaults to the local clock;
 * `toleranceS` (default 300) bounds the accepted clock difference either way.
 */
export function verifySignature(opts: {
  secret: string;
  header: string | undefined | null;
  body: string | Buffer;
  nowS?: number;
  toleranceS?: number;
}): VerifyResult {
  const header = opts.header ?? '';
  let t: number | undefined;
  const sigs: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) sigs.push(v);
  }
  if (t === undefined || sigs.length === 0) return { ok: false, reason: 'malformed' };
  const nowS = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(nowS - t) > (opts.toleranceS ?? replayToleranceS)) return { ok: false, reason: 'stale' };
  const body = typeof opts.body === 'string' ? opts.body : opts.body.toString('utf8');
  const expected = createHmac('sha256', opts.secret).update(`${t}.${body}`).digest();
  const match = sigs.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return match ? { ok: true, timestampS: t } : { ok: false, reason: 'bad_signature' };
}
