/**
 * The browser calls the gateway is about to place: the signalling route hands out a one-time SIP
 * user `webcall-<key>` for each admitted browser call, and the call manager's route callback
 * claims it when Janus's INVITE arrives. Only the gateway on the box (a loopback address) may
 * claim; a key lives until claimed or for the answer timeout.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { WEB_CALL_PREFIX, type WebCallRouter } from '../calls/index.js';

interface Pending {
  businessId: string;
  agentId: string;
  expiresAtMs: number;
}

/** A loopback source (127.0.0.0/8, ::1, ::ffff:127.x): the gateway runs on this box. */
export function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(a) === 4) return a.startsWith('127.');
  return a === '::1';
}

export class WebCallRegistry implements WebCallRouter {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A one-time SIP user for one browser call to `agentId`, valid for `ttlMs`. */
  issue(businessId: string, agentId: string, ttlMs: number): string {
    this.prune();
    const user = WEB_CALL_PREFIX + randomBytes(18).toString('base64url');
    this.pending.set(user, { businessId, agentId, expiresAtMs: this.now() + ttlMs });
    return user;
  }

  /** Forgets an issued user (the browser call failed before the INVITE). */
  revoke(user: string): void {
    this.pending.delete(user);
  }

  claim(dialed: string, remoteAddress: string): { businessId: string; agentId: string } | undefined {
    if (!isLoopback(remoteAddress)) return undefined;
    const p = this.pending.get(dialed);
    if (!p) return undefined;
    this.pending.delete(dialed);
    if (p.expiresAtMs <= this.now()) return undefined;
    return { businessId: p.businessId, agentId: p.agentId };
  }

  private prune(): void {
    const now = this.now();
    for (const [k, p] of this.pending) if (p.expiresAtMs <= now) this.pending.delete(k);
  }
}
