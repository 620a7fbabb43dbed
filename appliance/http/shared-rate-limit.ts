/**
 * The API token buckets of `rate-limit.ts`, kept in PostgreSQL (`api_rate_buckets`, migration
 * 0012) so that a business's plan rate holds across the nodes of a cluster: the same refill rule
 * (rate per s, burst three times the rate, at least 60) applied by ONE atomic upsert per request,
 * whose WHERE refuses the update when less than one token is left. Node clocks (epoch ms) drive
 * the refill; a node whose clock is behind adds nothing (never a negative refill). The buckets of
 * idle keys (no request for 10 min, when they are full again anyway) are deleted now and then.
 *
 * If the database cannot be asked, the node falls back to its in-memory buckets for that request
 * (limits still hold per node) and logs the error: a database hiccup must not 500 the API.
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import { RateLimiter, burstFor } from './rate-limit.js';

/** Idle buckets older than this are deleted (a full bucket and no row behave the same), ms. */
const IDLE_MS = 600_000;
/** How often the idle buckets are deleted, ms. */
const PRUNE_EVERY_MS = 60_000;

export class SharedRateLimiter {
  private readonly fallback = new RateLimiter();
  private lastPruneMs = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  /** Takes one token or throws 429 with Retry-After. */
  async take(key: string, ratePerS: number): Promise<void> {
    const burst = burstFor(ratePerS);
    const t = Math.round(this.nowMs());
    let row: { tokens: number } | undefined;
    try {
      // tokens after refill, computed once in SQL and used both in the WHERE and the SET.
      const refilled = sql<number>`least(${burst}::double precision, api_rate_buckets.tokens + greatest(0, ${t}::bigint - api_rate_buckets.updated_ms)::double precision / 1000.0 * ${ratePerS}::double precision)`;
      const r = await sql<{ tokens: number }>`
        insert into api_rate_buckets (key, tokens, updated_ms)
        values (${key}, ${burst - 1}::double precision, ${t}::bigint)
        on conflict (key) do update set
          tokens = ${refilled} - 1,
          updated_ms = greatest(api_rate_buckets.updated_ms, ${t}::bigint)
        where ${refilled} >= 1
        returning tokens`.execute(this.db);
      row = r.rows[0];
      if (!row) {
        const cur = await this.db
          .selectFrom('api_rate_buckets')
          .select(['tokens', 'updated_ms'])
          .where('key', '=', key)
          .executeTakeFirst();
        const tokens = cur
          ? Math.min(burst, Number(cur.tokens) + (Math.max(0, t - Number(cur.updated_ms)) / 1000) * ratePerS)
          : 0;
        throw new AppError('rate_limited', `rate limit of ${ratePerS} requests/s exceeded`, {
          retryAfterS: Math.max(1, Math.ceil((1 - tokens) / ratePerS)),
          details: { limitPerS: ratePerS },
        });
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.log.error({ err }, 'shared rate limit unavailable: this node limits on its own for now');
      this.fallback.take(key, ratePerS);
      return;
    }
    if (t - this.lastPruneMs > PRUNE_EVERY_MS) {
      this.lastPruneMs = t;
      void this.db
        .deleteFrom('api_rate_buckets')
        .where('updated_ms', '<', t - IDLE_MS)
        .execute()
        .catch((err: unknown) => this.log.warn({ err }, 'pruning idle rate buckets failed'));
    }
  }
}
