import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';

/** Which throttle a row belongs to: password sign-ins (and changes), or second-step codes. */
export type ThrottleScope = 'login' | 'mfa';

interface Entry {
  failures: number;
  blockedUntilMs: number;
}

/**
 * Login throttling per account+address: after `freeFailures` consecutive failures each further
 * attempt must wait 2^(n-free) s, capped at 15 min. A success clears the record.
 *
 * The state is kept in memory (checked without a database round trip) and written through to the
 * `login_throttle` table (migration 0009) before the failed attempt is answered, so a restart
 * does not forgive an attacker: `load()` at start reads the rows still relevant. Keys are stored
 * as SHA-256, never as e-mail addresses.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly freeFailures: number,
    private readonly now: () => number = Date.now,
    private readonly maxDelayMs = 15 * 60_000,
    private readonly store?: { db: Kysely<Database>; scope: ThrottleScope },
  ) {}

  private static hash(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  /** Reads the persisted state (start-up); rows whose block ended long ago are dropped. */
  async load(): Promise<void> {
    if (!this.store) return;
    const { db, scope } = this.store;
    const stale = this.now() - this.maxDelayMs;
    await db
      .deleteFrom('login_throttle')
      .where('scope', '=', scope)
      .where('blocked_until_ms', '<', stale)
      .where('updated_at', '<', new Date(stale).toISOString())
      .execute();
    const rows = await db.selectFrom('login_throttle').selectAll().where('scope', '=', scope).execute();
    for (const r of rows)
      this.entries.set(r.key_hash, { failures: r.failures, blockedUntilMs: Number(r.blocked_until_ms) });
  }

  check(key: string): void {
    const e = this.entries.get(LoginThrottle.hash(key));
    if (!e) return;
    const waitMs = e.blockedUntilMs - this.now();
    if (waitMs > 0)
      throw new AppError('too_many_attempts', 'too many failed sign-in attempts; try again later', {
        retryAfterS: Math.ceil(waitMs / 1000),
      });
  }

  async failure(key: string): Promise<void> {
    const h = LoginThrottle.hash(key);
    const e = this.entries.get(h) ?? { failures: 0, blockedUntilMs: 0 };
    e.failures += 1;
    if (e.failures >= this.freeFailures) {
      const delayMs = Math.min(this.maxDelayMs, 1000 * 2 ** (e.failures - this.freeFailures));
      e.blockedUntilMs = this.now() + delayMs;
    }
    this.entries.set(h, e);
    if (this.entries.size > 100_000) await this.prune();
    if (!this.store) return;
    const { db, scope } = this.store;
    const row = {
      failures: e.failures,
      blocked_until_ms: e.blockedUntilMs,
      updated_at: new Date(this.now()).toISOString(),
    };
    await db
      .insertInto('login_throttle')
      .values({ scope, key_hash: h, ...row })
      .onConflict((oc) => oc.columns(['scope', 'key_hash']).doUpdateSet(row))
      .execute();
  }

  async success(key: string): Promise<void> {
    const h = LoginThrottle.hash(key);
    if (!this.entries.delete(h) || !this.store) return;
    await this.store.db
      .deleteFrom('login_throttle')
      .where('scope', '=', this.store.scope)
      .where('key_hash', '=', h)
      .execute();
  }

  private async prune(): Promise<void> {
    const stale = this.now() - this.maxDelayMs;
    for (const [k, e] of this.entries) if (e.blockedUntilMs < stale) this.entries.delete(k);
    if (this.store)
      await this.store.db
        .deleteFrom('login_throttle')
        .where('scope', '=', this.store.scope)
        .where('blocked_until_ms', '<', stale)
        .execute();
  }
}
