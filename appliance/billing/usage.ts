import type { Kysely, Selectable } from 'kysely';
import type { Database, UsagePeriodsTable } from '../db/index.js';
import { newId } from '../ids.js';
import { emitEvent } from '../webhooks/index.js';
import { currentUsagePeriod, planById } from './lifecycle.js';

type Db = Kysely<Database>;

export type CallBilling = 'included' | 'overage' | 'pay_per_use';
export type Admission =
  | { admitted: true; billing: CallBilling; usagePeriodId: string }
  | { admitted: false; reason: 'plan_limit' | 'no_subscription' };

/** Usage alert thresholds, percent of the plan's included calls. */
export const usageThresholdsPct = [80, 100] as const;

/**
 * Admits one call against the business's plan, in the caller's transaction (the one that
 * inserts the conversation row, so the count never drifts from the conversations table).
 * Limited plans: ONE conditional UPDATE `calls = calls + 1 WHERE calls < call_limit`, so
 * concurrent calls racing for the last included call admit exactly the limit. Unlimited plans
 * always admit; a per-call price (pay-per-use) is metered for the statement. A limited plan with
 * a per-call price admits over the limit as metered overage; the seeded Starter/Professional
 * plans have none, so they refuse (the caller plays a notice and hangs up).
 */
export async function admitCall(db: Db, businessId: string, at: Date): Promise<Admission> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const u = await currentUsagePeriod(db, businessId, at);
    if (!u) return { admitted: false, reason: 'no_subscription' };
    const plan = await planById(db, u.plan_id);
    const base = db
      .updateTable('usage_periods')
      .where('id', '=', u.id)
      .where('business_id', '=', businessId)
      .where('status', '=', 'open')
      // A plan change between our read and this update makes it miss: read again.
      .where('plan_id', '=', plan.id);
    if (plan.included_calls === null) {
      const cents = plan.per_call_cents;
      const r = await base
        .set((eb) => ({
          calls: eb('calls', '+', 1),
          metered_calls: eb('metered_calls', '+', cents > 0 ? 1 : 0),
          metered_cents: eb('metered_cents', '+', cents),
        }))
        .returning('calls')
        .executeTakeFirst();
      if (!r) continue;
      return { admitted: true, billing: cents > 0 ? 'pay_per_use' : 'included', usagePeriodId: u.id };
    }
    const included = await base
      .where((eb) => eb('calls', '<', eb.ref('call_limit')))
      .set((eb) => ({ calls: eb('calls', '+', 1) }))
      .returning(['calls', 'call_limit'])
      .executeTakeFirst();
    if (included) {
      await checkThresholds(db, u, Number(included.calls), Number(included.call_limit), at);
      return { admitted: true, billing: 'included', usagePeriodId: u.id };
    }
    if (plan.per_call_cents > 0) {
      const over = await base
        .set((eb) => ({
          calls: eb('calls', '+', 1),
          metered_calls: eb('metered_calls', '+', 1),
          metered_cents: eb('metered_cents', '+', plan.per_call_cents),
        }))
        .returning('calls')
        .executeTakeFirst();
      if (over) return { admitted: true, billing: 'overage', usagePeriodId: u.id };
      continue;
    }
    const now = await db
      .selectFrom('usage_periods')
      .select('plan_id')
      .where('id', '=', u.id)
      .executeTakeFirst();
    if (now?.plan_id !== plan.id) continue;
    // At the limit: make sure the 100 % notice exists (e.g. after a downgrade skipped past it).
    await checkThresholds(db, u, Number(u.call_limit ?? 0), Number(u.call_limit ?? 0), at);
    return { admitted: false, reason: 'plan_limit' };
  }
  return { admitted: false, reason: 'plan_limit' };
}

/**
 * Gives back one admitted call that never reached the caller (its row was swept as stale, or it
 * failed before the agent answered): `calls` minus one in the open period the call started in,
 * and for a metered call (`pay_per_use`, `overage`) one metered call at the period plan's price.
 * Never below zero; a closed period (its statement may exist) is left as it is.
 */
export async function releaseCallAdmission(
  db: Db,
  businessId: string,
  billing: string | null,
  startedAt: string,
): Promise<boolean> {
  if (billing !== 'included' && billing !== 'pay_per_use' && billing !== 'overage') return false;
  const u = await db
    .selectFrom('usage_periods')
    .select(['id', 'plan_id'])
    .where('business_id', '=', businessId)
    .where('status', '=', 'open')
    .where('period_start', '<=', startedAt)
    .where('period_end', '>', startedAt)
    .executeTakeFirst();
  if (!u) return false;
  const metered = billing !== 'included';
  const cents = metered ? (await planById(db, u.plan_id)).per_call_cents : 0;
  const r = await db
    .updateTable('usage_periods')
    .set((eb) => ({
      calls: eb('calls', '-', 1),
      metered_calls: eb('metered_calls', '-', metered ? 1 : 0),
      metered_cents: eb('metered_cents', '-', cents),
    }))
    .where('id', '=', u.id)
    .where('calls', '>', 0)
    .where('metered_calls', '>=', metered ? 1 : 0)
    .where('metered_cents', '>=', cents)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a notice (and a `usage.threshold` webhook event) the first time calls reach 80 % and
 * 100 % of the limit in a period. The unique key (period, metric, threshold) makes it once-only
 * even under concurrency: the insert does nothing when the row exists.
 */
async function checkThresholds(
  db: Db,
  u: Selectable<UsagePeriodsTable>,
  calls: number,
  limit: number,
  at: Date,
): Promise<void> {
  if (limit <= 0) return;
  for (const pct of usageThresholdsPct) {
    if (calls < Math.ceil((limit * pct) / 100)) continue;
    const message =
      pct >= 100
        ? `All ${limit} calls included in your plan this period are used; further calls are refused until the period ends or you change plan.`
        : `${pct}% of the ${limit} calls included in your plan this period are used.`;
    const r = await db
      .insertInto('usage_notices')
      .values({
        id: newId(),
        business_id: u.business_id,
        usage_period_id: u.id,
        threshold_pct: pct,
        metric: 'calls',
        message,
        created_at: at.toISOString(),
      })
      .onConflict((oc) => oc.columns(['usage_period_id', 'metric', 'threshold_pct']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1)
      await emitEvent(
        db,
        u.business_id,
        'usage.threshold',
        {
          metric: 'calls',
          thresholdPct: pct,
          used: calls,
          limit,
          periodStart: u.period_start,
          periodEnd: u.period_end,
        },
        at,
      );
  }
}

/**
 * Adds a finished call's duration (rounded up to whole seconds) to the period the call was
 * admitted in. Call once, in the transaction that marks the conversation ended.
 */
export async function recordCallEnd(
  db: Db,
  businessId: string,
  conversationId: string,
  durationMs: number,
  at: Date,
): Promise<void> {
  const seconds = Math.max(0, Math.ceil((Number.isFinite(durationMs) ? durationMs : 0) / 1000));
  const conv = await db
    .selectFrom('conversations')
    .select('started_at')
    .where('business_id', '=', businessId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  const startedAt = conv?.started_at ?? new Date(at.getTime() - seconds * 1000).toISOString();
  const r = await db
    .updateTable('usage_periods')
    .set((eb) => ({ call_seconds: eb('call_seconds', '+', seconds) }))
    .where('business_id', '=', businessId)
    .where('period_start', '<=', startedAt)
    .where('period_end', '>', startedAt)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const u = await currentUsagePeriod(db, businessId, at);
    if (u)
      await db
        .updateTable('usage_periods')
        .set((eb) => ({ call_seconds: eb('call_seconds', '+', seconds) }))
        .where('id', '=', u.id)
        .execute();
  }
}

/** Knowledge storage in use (sum of document sizes, bytes): a gauge on the open period. */
export async function setKnowledgeBytes(db: Db, businessId: string, bytes: number, at: Date): Promise<void> {
  const u = await currentUsagePeriod(db, businessId, at);
  if (!u) return;
  await db
    .updateTable('usage_periods')
    .set({ knowledge_bytes: Math.max(0, Math.round(bytes)) })
    .where('id', '=', u.id)
    .execute();
}
