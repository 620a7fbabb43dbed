import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Database, OutboxTable } from '../db/index.js';
import { newId } from '../ids.js';
import { publicError } from '../net/index.js';

/**
 * The durable outbox. Producers insert rows in their own transaction (so an event commits with
 * its cause); the dispatcher claims due rows with a lease, sends them, and records every attempt.
 * Row status: pending -> delivering (leased) -> delivered | pending (retry) | dead (gave up).
 * A process killed mid-send leaves a `delivering` row whose lease expires: it is sent again
 * (at-least-once; receivers dedupe on the delivery id).
 */
export type OutboxRow = Selectable<OutboxTable>;
export const outboxStatuses = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface EnqueueInput {
  businessId: string;
  targetKind: string;
  targetId: string;
  eventId: string;
  eventType: string;
  body: string;
  at: Date;
}

export async function enqueueOutbox(trx: Kysely<Database>, e: EnqueueInput): Promise<string> {
  const id = newId();
  await trx
    .insertInto('outbox')
    .values({
      id,
      business_id: e.businessId,
      target_kind: e.targetKind,
      target_id: e.targetId,
      event_id: e.eventId,
      event_type: e.eventType,
      body: e.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: e.at.toISOString(),
      lease_until: null,
      last_status_code: null,
      last_error: null,
      created_at: e.at.toISOString(),
      delivered_at: null,
    })
    .execute();
  return id;
}

/** What a target kind turns a row into; null when the target is gone (the row is dead-lettered). */
export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
export type TargetResolver = (row: OutboxRow, at: Date) => Promise<PreparedRequest | null>;
export type Sender = (req: PreparedRequest, timeoutMs: number) => Promise<{ statusCode: number }>;

export interface DispatcherOptions {
  /** How often due rows are looked for, ms (default 1000). */
  pollMs: number;
  /** Rows claimed per poll (default 20). */
  batch: number;
  /** Per-request timeout, ms (default 10 000). */
  timeoutMs: number;
  /** Attempts before a row is dead-lettered (default 8). */
  maxAttempts: number;
  /** Backoff: full jitter over min(maxMs, baseMs * 2^(attempt-1)), ms (defaults 10 s, 1 h). */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Deliveries claimed per poll (the timings come from `config.outbox`). */
export const OUTBOX_CLAIM_BATCH = 20;

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base * 2^n)]. */
export function backoffMs(
  attempt: number,
  o: Pick<DispatcherOptions, 'backoffBaseMs' | 'backoffMaxMs'>,
): number {
  const ceiling = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.random() * ceiling);
}

export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private polling: Promise<void> | undefined;
  private again = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly results: Counter<'kind' | 'result'> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    private readonly resolvers: ReadonlyMap<string, TargetResolver>,
    private readonly send: Sender,
    private readonly opts: DispatcherOptions,
    private readonly log?: Logger,
    registry?: Registry,
  ) {
    if (registry)
      this.results = new Counter({
        name: 'appliance_outbox_attempts_total',
        help: 'Outbox delivery attempts (webhooks, CRM posts) by target kind and result',
        labelNames: ['kind', 'result'],
        registers: [registry],
      });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Polls now (after a producer committed rows). */
  kick(): void {
    if (this.stopped) return;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  /** Stops polling; waits up to graceMs (default 2000) for sends in flight. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    let t: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => (t = setTimeout(r, graceMs))),
    ]);
    clearTimeout(t);
  }

  /** Waits until nothing is due or in flight (tests and shutdown). */
  async drain(maxMs = 10_000): Promise<void> {
    const until = Date.now() + maxMs;
    while (Date.now() < until) {
      await this.pollOnce();
      await Promise.allSettled([...this.inFlight]);
      if (this.inFlight.size === 0 && (await this.dueCount()) === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.pollLoop();
    }, ms);
    this.timer.unref?.();
  }

  private async pollLoop(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      do {
        this.again = false;
        this.polling = this.pollOnce();
        await this.polling;
      } while (this.again && !this.stopped);
    } catch (err) {
      this.log?.error({ err }, 'outbox poll failed');
    } finally {
      this.polling = undefined;
      this.running = false;
      this.schedule(this.opts.pollMs);
    }
  }

  private dueFilter(nowIso: string) {
    return (eb: ExpressionBuilder<Database, 'outbox'>) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'delivering'), eb('lease_until', '<=', nowIso)]),
      ]);
  }

  private async dueCount(): Promise<number> {
    const r = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(this.dueFilter(this.now().toISOString()))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Claims due rows (SELECT, then a conditional UPDATE per row: only one claimer wins) and sends them. */
  async pollOnce(): Promise<void> {
    const now = this.now();
    const nowIso = now.toISOString();
    const due = await this.db
      .selectFrom('outbox')
      .select('id')
      .where(this.dueFilter(nowIso))
      .orderBy('next_attempt_at')
      .limit(this.opts.batch)
      .execute();
    // The lease outlives the request timeout, so a live sender is never raced by a reclaimer.
    const leaseUntil = new Date(now.getTime() + this.opts.timeoutMs * 2 + 2000).toISOString();
    for (const { id } of due) {
      const r = await this.db
        .updateTable('outbox')
        .set((eb) => ({ status: 'delivering', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where(this.dueFilter(nowIso))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) continue;
      const p = this.deliver(row).catch((err: unknown) =>
        this.log?.error({ err, outboxId: id }, 'outbox delivery bookkeeping failed'),
      );
      this.inFlight.add(p);
      void p.finally(() => this.inFlight.delete(p));
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const started = this.now();
    const t0 = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let gone = false;
    let cause: unknown;
    try {
      const resolver = this.resolvers.get(row.target_kind);
      const req = resolver ? await resolver(row, started) : null;
      if (!req) {
        gone = true;
        error = resolver ? 'target no longer exists or is disabled' : `no sender for ${row.target_kind}`;
      } else {
        statusCode = (await this.send(req, this.opts.timeoutMs)).statusCode;
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      }
    } catch (err) {
      // The tenant reads this in the delivery log: one message for refused, reset, closed and
      // timed-out connections, so the log cannot be used to scan ports. The log line has the cause.
      error = publicError(err);
      cause = err;
    }
    const durationMs = Math.round(performance.now() - t0);
    const ok = error === null;
    const dead = !ok && (gone || row.attempts >= this.opts.maxAttempts);
    const next = ok || dead ? null : new Date(this.now().getTime() + backoffMs(row.attempts, this.opts));
    const result = ok ? 'delivered' : dead ? 'dead' : 'retry';
    this.results?.inc({ kind: row.target_kind, result });
    // A target deleted or disabled meanwhile is an expected end, not a failure worth a warning.
    if (!ok)
      this.log?.[gone ? 'debug' : 'warn'](
        {
          outboxId: row.id,
          kind: row.target_kind,
          attempt: row.attempts,
          statusCode,
          error,
          result,
          ...(cause instanceof Error ? { cause: cause.message } : {}),
        },
        'outbox delivery failed',
      );
    const attempt = {
      id: newId(),
      outbox_id: row.id,
      business_id: row.business_id,
      attempt: row.attempts,
      started_at: started.toISOString(),
      duration_ms: durationMs,
      status_code: statusCode,
      error: error?.slice(0, 500) ?? null,
      next_attempt_at: next?.toISOString() ?? null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        // Only the holder of this claim (same attempt number, still delivering) may settle the row.
        const settled = await trx
          .updateTable('outbox')
          .set({
            status: ok ? 'delivered' : dead ? 'dead' : 'pending',
            lease_until: null,
            last_status_code: statusCode,
            last_error: error?.slice(0, 500) ?? null,
            delivered_at: ok ? this.now().toISOString() : null,
            ...(next ? { next_attempt_at: next.toISOString() } : {}),
          })
          .where('id', '=', row.id)
          .where('status', '=', 'delivering')
          .where('attempts', '=', row.attempts)
          .executeTakeFirst();
        if (Number(settled.numUpdatedRows) !== 1 && !(await this.exists(trx, row.id))) return;
        await trx.insertInto('outbox_attempts').values(attempt).execute();
      });
    } catch (err) {
      // The row went away while we sent it (its webhook or integration was deleted): nothing
      // is left to record, and that is not an error.
      if (!(await this.exists(this.db, row.id))) {
        this.log?.debug({ outboxId: row.id }, 'delivery target deleted during the attempt; attempt dropped');
        return;
      }
      throw err;
    }
  }

  private async exists(db: Kysely<Database>, id: string): Promise<boolean> {
    return (await db.selectFrom('outbox').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
