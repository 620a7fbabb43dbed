import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { AppError, conflict, notFound } from '../errors.js';
import { emitEvent } from '../webhooks/index.js';
import { dncAmong } from './dnc.js';
import { campaignReport } from './report.js';
import { afterAttempt, nextState } from './state-machine.js';
import {
  countByState,
  getCampaignRow,
  openNumberStates,
  parseWindows,
  planRefuses,
  type CampaignRow,
  type NumberRow,
} from './store.js';
import type {
  CampaignAction,
  CampaignCallResult,
  CampaignDialer,
  CampaignEventType,
  CampaignState,
  PauseReason,
} from './types.js';
import { isWindowOpen } from './window.js';

type Db = Kysely<Database>;

/** Queues a campaign event in the caller's transaction (delivered iff it commits). */
const emit = (
  trx: Db,
  businessId: string,
  type: CampaignEventType,
  data: unknown,
  at: Date,
): Promise<string[]> => emitEvent(trx, businessId, type, data, at);

export interface SchedulerOptions {
  db: Db;
  log: Logger;
  now: () => Date;
  /** This node (numbers being dialed carry it, so a restart puts back only its own). */
  nodeId: string;
  /** The calls layer's dialer once there is one (none: campaigns run but nothing is dialed). */
  dialer: () => CampaignDialer | undefined;
  /** After events were queued: deliver them now rather than at the next outbox poll. */
  kick?: () => void;
  /** How often running campaigns are looked at, ms (default 5000). */
  intervalMs: number;
}

/**
 * Drives running campaigns: every `intervalMs`, for each running campaign whose calling window
 * is open in its time zone, claims up to `concurrency - dialing` due numbers (one conditional
 * UPDATE each, so two nodes never dial the same number) and hands them to the dialer without
 * waiting; each result is recorded in one transaction with its webhook event. Pause stops new
 * calls (calls under way finish and are recorded); cancel also ends the numbers not yet dialed.
 */
export class CampaignScheduler {
  private readonly calls = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private running = false;

  constructor(private readonly o: SchedulerOptions) {}

  get inFlight(): number {
    return this.calls.size;
  }

  async start(): Promise<void> {
    await this.recover();
    this.running = true;
    const loop = (): void => {
      this.timer = setTimeout(() => {
        void this.tick().finally(() => {
          if (this.running) loop();
        });
      }, this.o.intervalMs).unref();
    };
    loop();
  }

  /** Stops looking for work, then waits for the calls under way to end and be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.ticking;
    await this.settle();
  }

  /** Resolves once every call placed so far has ended and been recorded (tests, stop). */
  async settle(): Promise<void> {
    while (this.calls.size > 0) await Promise.allSettled([...this.calls]);
  }

  /**
   * A crash (or kill) mid-call leaves numbers `dialing` with this node's id: each becomes a
   * retry due now (the interrupted call counts as a failed attempt, so a number that crashes the
   * box cannot loop), or `done` when it has had its attempts.
   */
  async recover(): Promise<number> {
    const { db } = this.o;
    const rows = await db
      .selectFrom('campaign_numbers')
      .innerJoin('campaigns', 'campaigns.id', 'campaign_numbers.campaign_id')
      .selectAll('campaign_numbers')
      .where('campaign_numbers.status', '=', 'dialing')
      .where((eb) =>
        eb.or([
          eb('campaign_numbers.dialing_node', '=', this.o.nodeId),
          eb('campaign_numbers.dialing_node', 'is', null),
        ]),
      )
      .execute();
    for (const r of rows)
      await db.transaction().execute(async (trx) => {
        const campaign = await getCampaignRow(trx, r.business_id, r.campaign_id);
        // Due again at once (no backoff): the interruption was the box's, not the callee's.
        if (campaign)
          await this.applyResult(trx, campaign, r, { outcome: 'failed', reason: 'interrupted' }, 0);
      });
    if (rows.length)
      this.o.log.warn({ numbers: rows.length }, 'campaign calls interrupted by a restart set back to retry');
    return rows.length;
  }

  /** One pass over the running campaigns (serialised: a pass never overlaps the previous). */
  tick(): Promise<void> {
    const next = this.ticking.then(async () => {
      const campaigns = await this.o.db
        .selectFrom('campaigns')
        .selectAll()
        .where('status', '=', 'running')
        .execute();
      for (const c of campaigns) {
        try {
          await this.drive(c);
        } catch (err) {
          this.o.log.warn({ err, campaignId: c.id }, 'campaign pass failed');
        }
      }
    });
    this.ticking = next.catch((err: unknown) => this.o.log.warn({ err }, 'campaign scheduler pass failed'));
    return this.ticking;
  }

  /**
   * Applies a user's (or the scheduler's) action in one transaction with its event: the row
   * moves only from the state it was read in (a conditional UPDATE), so of two racing actions
   * one wins and the other is a 409. Returns the updated row.
   */
  async transition(
    businessId: string,
    id: string,
    action: CampaignAction,
    reason: PauseReason = 'user',
  ): Promise<CampaignRow> {
    const row = await this.o.db
      .transaction()
      .execute((trx) => this.transitionIn(trx, businessId, id, action, reason));
    this.o.kick?.();
    return row;
  }

  private async transitionIn(
    trx: Db,
    businessId: string,
    id: string,
    action: CampaignAction,
    reason: PauseReason,
  ): Promise<CampaignRow> {
    const c = await getCampaignRow(trx, businessId, id);
    if (!c) throw notFound('campaign');
    const from = c.status as CampaignState;
    const to = nextState(from, action);
    const counts = await countByState(trx, id);
    if (action === 'start' && Object.values(counts).every((n) => !n))
      throw conflict('the campaign has no numbers to call', { status: from, action });
    const at = this.o.now();
    const now = at.toISOString();
    const r = await trx
      .updateTable('campaigns')
      .set({
        status: to,
        pause_reason: to === 'paused' ? reason : null,
        updated_at: now,
        ...(action === 'start' ? { started_at: now } : {}),
        ...(to === 'completed' || to === 'cancelled' ? { ended_at: now } : {}),
      })
      .where('id', '=', id)
      .where('business_id', '=', businessId)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw conflict('the campaign changed meanwhile; try again', { action });
    if (to === 'cancelled')
      await trx
        .updateTable('campaign_numbers')
        .set({ status: 'cancelled', next_attempt_at: null, updated_at: now })
        .where('campaign_id', '=', id)
        .where('status', 'in', ['pending', 'retry'])
        .execute();
    const base = { campaignId: id, name: c.name, agentId: c.agent_id };
    if (action === 'start' || action === 'resume')
      await emit(trx, businessId, 'campaign.started', { ...base, resumed: action === 'resume' }, at);
    else if (to === 'paused') await emit(trx, businessId, 'campaign.paused', { ...base, reason }, at);
    else if (to === 'completed' || to === 'cancelled')
      await emit(
        trx,
        businessId,
        'campaign.completed',
        { ...base, status: to, report: await campaignReport(trx, businessId, id) },
        at,
      );
    const updated = await getCampaignRow(trx, businessId, id);
    if (!updated) throw notFound('campaign');
    return updated;
  }

  /** One running campaign: complete it, or start the calls its window and free slots allow. */
  private async drive(c: CampaignRow): Promise<void> {
    const { db } = this.o;
    const counts = await countByState(db, c.id);
    if (openNumberStates.every((s) => !counts[s])) {
      await this.tryTransition(c, 'complete');
      return;
    }
    const at = this.o.now();
    if (!isWindowOpen(parseWindows(c.windows), c.time_zone, at)) return;
    const dialer = this.o.dialer();
    if (!dialer) return;
    const free = Number(c.concurrency) - (counts.dialing ?? 0);
    if (free <= 0 || !(counts.pending || counts.retry)) return;
    if (await planRefuses(db, c.business_id, at)) {
      await this.tryTransition(c, 'pause', 'plan-limit');
      return;
    }
    const due = await db
      .selectFrom('campaign_numbers')
      .selectAll()
      .where('campaign_id', '=', c.id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'retry'), eb('next_attempt_at', '<=', at.toISOString())]),
        ]),
      )
      .orderBy('position')
      .orderBy('id')
      .limit(free)
      .execute();
    const dnc = await dncAmong(
      db,
      c.business_id,
      due.map((n) => n.number),
    );
    for (const n of due) {
      const claimed = await db
        .updateTable('campaign_numbers')
        .set({
          status: dnc.has(n.number) ? 'dnc-skipped' : 'dialing',
          dialing_node: dnc.has(n.number) ? null : this.o.nodeId,
          updated_at: at.toISOString(),
        })
        .where('id', '=', n.id)
        .where('status', '=', n.status)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      if (dnc.has(n.number)) continue; // added to the list after the upload: skipped, not dialed
      const p: Promise<void> = this.place(c, n, dialer)
        .catch((err: unknown) => this.o.log.error({ err, campaignId: c.id }, 'campaign call not recorded'))
        .finally(() => this.calls.delete(p));
      this.calls.add(p);
    }
  }

  private async place(c: CampaignRow, n: NumberRow, dialer: CampaignDialer): Promise<void> {
    let result: CampaignCallResult;
    try {
      result = await dialer.dial({
        campaignId: c.id,
        businessId: c.business_id,
        agentId: c.agent_id,
        number: n.number,
        voicemailMessage: c.voicemail_message,
        amd: Number(c.amd) === 1,
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'unavailable' || err.code === 'plan_limit_reached')) {
        await this.putBack(c, n);
        if (err.code === 'plan_limit_reached') await this.tryTransition(c, 'pause', 'plan-limit');
        return;
      }
      result = {
        outcome: 'failed',
        reason: err instanceof Error ? err.message.slice(0, 200) : 'dial failed',
      };
    }
    await this.record(c, n, result);
  }

  /** A call that never started (box full, plan refused): the number is due again, no attempt counted. */
  private async putBack(c: CampaignRow, n: NumberRow): Promise<void> {
    const cur = await getCampaignRow(this.o.db, c.business_id, c.id);
    const status = cur?.status === 'cancelled' ? 'cancelled' : Number(n.attempts) > 0 ? 'retry' : 'pending';
    await this.o.db
      .updateTable('campaign_numbers')
      .set({ status, dialing_node: null, updated_at: this.o.now().toISOString() })
      .where('id', '=', n.id)
      .where('status', '=', 'dialing')
      .execute();
  }

  /** The scheduler's own moves (complete, pause for the plan): a conflict means a user moved first. */
  private async tryTransition(c: CampaignRow, action: CampaignAction, reason?: PauseReason): Promise<void> {
    try {
      await this.transition(c.business_id, c.id, action, reason);
      if (reason === 'plan-limit') this.o.log.info({ campaignId: c.id }, 'campaign paused: plan limit');
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }

  /** One attempt's result, its event, and the campaign's completion, in one transaction. */
  private async record(c: CampaignRow, n: NumberRow, result: CampaignCallResult): Promise<void> {
    await this.o.db.transaction().execute(async (trx) => {
      const cur = await getCampaignRow(trx, c.business_id, c.id);
      if (!cur || !(await this.applyResult(trx, cur, n, result, Number(cur.retry_backoff_s)))) return;
      if (cur.status !== 'running') return;
      const counts = await countByState(trx, c.id);
      if (openNumberStates.every((s) => !counts[s]))
        await this.transitionIn(trx, c.business_id, c.id, 'complete', 'user');
    });
    this.o.kick?.();
  }

  /**
   * Counts an attempt on a number still `dialing` (false when it is not: a restart put it back
   * meanwhile, and this late result is dropped) and emits `campaign.number.completed` when the
   * number is done.
   */
  private async applyResult(
    trx: Db,
    c: CampaignRow,
    n: NumberRow,
    result: CampaignCallResult,
    backoffS: number,
  ): Promise<boolean> {
    const at = this.o.now();
    const attempts = Number(n.attempts) + 1;
    const next = afterAttempt({
      outcome: result.outcome,
      attempts,
      maxAttempts: Number(c.max_attempts),
      backoffS,
      campaign: c.status as CampaignState,
      at,
    });
    const durationS = Number(n.duration_s) + Math.max(0, result.durationS ?? 0);
    const callId = result.callId ?? n.last_call_id;
    const updated = await trx
      .updateTable('campaign_numbers')
      .set({
        status: next.status,
        attempts,
        outcome: result.outcome,
        last_call_id: callId,
        last_reason: result.reason?.slice(0, 200) ?? null,
        next_attempt_at: next.nextAttemptAt,
        duration_s: durationS,
        dialing_node: null,
        updated_at: at.toISOString(),
      })
      .where('id', '=', n.id)
      .where('status', '=', 'dialing')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    if (next.status === 'done') {
      const { id: numberId, number, name } = n;
      const data = {
        campaignId: c.id,
        numberId,
        number,
        name,
        outcome: result.outcome,
        attempts,
        callId,
        durationS,
      };
      await emit(trx, c.business_id, 'campaign.number.completed', data, at);
    }
    return true;
  }
}
