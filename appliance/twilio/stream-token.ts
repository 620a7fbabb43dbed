/**
 * The short-lived token that admits Twilio's Media Streams WebSocket: the webhook (whose signature
 * proved the request came from the business's Twilio account) mints it into the TwiML
 * `<Parameter>`s, and the stream's `start` message must carry it back. Signed with HMAC-SHA256
 * under the `twilio-stream` purpose key; valid for `ttlS` seconds and once (a replayed token is
 * refused while it is still in date; after that its expiry refuses it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface StreamGrant {
  businessId: string;
  agentId: string;
  /** Twilio's CallSid: the stream's `start` must name the same call. */
  callSid: string;
  /** Caller and dialed number from the webhook (PII). */
  from: string | null;
  to: string | null;
  /** Expiry, Unix ms. */
  exp: number;
}

export class StreamTokens {
  /** Tokens used and not yet expired: token -> expiry (Unix ms). */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly key: Buffer,
    private readonly ttlS: number,
    private readonly now: () => number = Date.now,
  ) {}

  mint(g: Omit<StreamGrant, 'exp'>): string {
    const body = Buffer.from(JSON.stringify({ ...g, exp: this.now() + this.ttlS * 1000 }), 'utf8').toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  /** The grant of a valid, unexpired, unused token (now used); undefined otherwise. */
  redeem(token: string): StreamGrant | undefined {
    const now = this.now();
    for (const [t, exp] of this.used) if (exp <= now) this.used.delete(t);
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined || this.used.has(token)) return undefined;
    const want = Buffer.from(this.mac(body), 'utf8');
    const got = Buffer.from(mac, 'utf8');
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    let g: StreamGrant;
    try {
      g = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StreamGrant;
    } catch {
      return undefined;
    }
    if (typeof g.exp !== 'number' || g.exp <= now) return undefined;
    this.used.set(token, g.exp);
    return g;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body, 'utf8').digest('base64url');
  }
}
