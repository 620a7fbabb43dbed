/**
 * Web call tokens: short-lived, single-use permissions to place one browser call to one agent,
 * minted by the API (the admin UI's "Call this agent", a business's backend with an API key, or
 * the embeddable button on an allowed origin). A token is `base64url(payload).base64url(mac)`,
 * HMAC-SHA256 under a key derived from the master key, so it needs no database row; its id is
 * remembered until expiry so it is redeemed once (per process: tokens live seconds, a restart only
 * voids the few in flight).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

export interface WebCallGrant {
  /** Token id (random). */
  jti: string;
  businessId: string;
  agentId: string;
  /**
   * The page origin the call may come from: a business origin (allow-listed when minted) or
   * `self` (the appliance's own admin UI: same origin as the API).
   */
  origin: string;
  /** Expiry, Unix ms. */
  exp: number;
}

/** How long a spent token id is remembered after its expiry, ms. */
const USED_MEMORY_MS = 5 * 60_000;

export class WebCallTokens {
  /** Redeemed token ids -> their expiry (pruned as they pass it). */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  mint(g: Omit<WebCallGrant, 'jti' | 'exp'>, ttlS: number): { token: string; expiresAt: string } {
    const grant: WebCallGrant = {
      ...g,
      jti: randomBytes(12).toString('base64url'),
      exp: this.now() + ttlS * 1000,
    };
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: new Date(grant.exp).toISOString() };
  }

  /** Checks signature and expiry and spends the token; throws 401 (bad, expired or already used). */
  redeem(token: string): WebCallGrant {
    const grant = this.verify(token);
    this.prune();
    this.used.set(grant.jti, grant.exp);
    return grant;
  }

  /** Checks signature, reuse and expiry without spending. */
  verify(token: string): WebCallGrant {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined)
      throw new AppError('unauthenticated', 'malformed call token');
    const want = Buffer.from(this.mac(payload));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got))
      throw new AppError('unauthenticated', 'invalid call token');
    let grant: WebCallGrant;
    try {
      grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as WebCallGrant;
    } catch {
      throw new AppError('unauthenticated', 'malformed call token');
    }
    if (typeof grant.jti !== 'string' || typeof grant.exp !== 'number')
      throw new AppError('unauthenticated', 'malformed call token');
    if (this.used.has(grant.jti)) throw new AppError('unauthenticated', 'this call token was already used');
    if (grant.exp <= this.now()) throw new AppError('unauthenticated', 'this call token has expired');
    return grant;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private prune(): void {
    const now = this.now();
    // Kept a while past expiry so that a replay is told "already used" rather than "expired".
    for (const [jti, exp] of this.used) if (exp + USED_MEMORY_MS <= now) this.used.delete(jti);
  }
}
