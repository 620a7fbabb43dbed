import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';

/**
 * Counts authenticated API requests per business in memory and adds them to the open usage
 * period every flushMs (default 5000): one UPDATE per active business per flush, never a write
 * per request. Counts of a failed flush are kept for the next one; a crash loses at most one
 * interval's count (API requests are reported, not billed).
 */
export class ApiUsageMeter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly flushMs: number,
    private readonly log?: Logger,
  ) {}

  count(businessId: string): void {
    this.pending.set(businessId, (this.pending.get(businessId) ?? 0) + 1);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [businessId, n] of batch) {
      try {
        await this.db
          .updateTable('usage_periods')
          .set((eb) => ({ api_requests: eb('api_requests', '+', n) }))
          .where('business_id', '=', businessId)
          .where('status', '=', 'open')
          .execute();
      } catch (err) {
        this.pending.set(businessId, (this.pending.get(businessId) ?? 0) + n);
        this.log?.warn({ err, businessId }, 'API usage flush failed; kept for the next flush');
      }
    }
  }
}
