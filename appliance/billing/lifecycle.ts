import type { Kysely, Selectable } from 'kysely';
import type { Database, PlansTable, SubscriptionsTable, UsagePeriodsTable } from '../db/index.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { syncKnowledgeBytes } from './knowledge-usage.js';
import { nextBoundary, prorateCents } from './periods.js';
import { addLine, finalizeStatement, openStatement } from './statements.js';

/**
 * Subscription lifecycle: periods, roll-over, plan changes with pro-ration, cancel/resume.
 * Every function takes the caller's transaction (or the db) and an explicit `at` (the app clock).
 * Roll-over is claimed with a conditional UPDATE on the subscription's period_end, so concurrent
 * callers (API, call admission, the periodic tick) roll a period over exactly once.
 */
type Db = Kysely<Database>;
type Sub = Selectable<SubscriptionsTable>;
type Plan = Selectable<PlansTable>;

export async function planById(db: Db, planId: string): Promise<Plan> {
  const p = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!p) throw new AppError('validation_failed', `unknown plan ${planId}`, { details: { planId } });
  return p;
}

async function activeSub(db: Db, businessId: string): Promise<Sub | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Opens the usage period (and its statement, with the plan fee line) for a subscription period. */
async function openPeriod(
  db: Db,
  sub: Pick<Sub, 'id' | 'business_id' | 'plan_id' | 'period_start' | 'period_end'>,
  knowledgeBytes: number,
  at: Date,
): Promise<void> {
  const plan = await planById(db, sub.plan_id);
  const u: Selectable<UsagePeriodsTable> = {
    id: newId(),
    business_id: sub.business_id,
    subscription_id: sub.id,
    plan_id: plan.id,
    period_start: sub.period_start,
    period_end: sub.period_end,
    call_limit: plan.included_calls,
    calls: 0,
    metered_calls: 0,
    metered_cents: 0,
    call_seconds: 0,
    api_requests: 0,
    knowledge_bytes: knowledgeBytes,
    status: 'open',
    closed_at: null,
  };
  await db.insertInto('usage_periods').values(u).execute();
  await openStatement(db, u, at);
  await addLine(
    db,
    sub.business_id,
    u.id,
    {
      kind: 'plan_fee',
      description: `${plan.name} plan, ${sub.period_start.slice(0, 10)} to ${sub.period_end.slice(0, 10)}`,
      quantity: 1,
      unitCents: plan.monthly_fee_cents,
      amountCents: plan.monthly_fee_cents,
    },
    at,
  );
}

async function closePeriod(db: Db, sub: Sub, at: Date): Promise<number> {
  const u = await db
    .selectFrom('usage_periods')
    .select(['id', 'knowledge_bytes'])
    .where('business_id', '=', sub.business_id)
    .where('subscription_id', '=', sub.id)
    .where('period_start', '=', sub.period_start)
    .executeTakeFirst();
  if (!u) return 0;
  await syncKnowledgeBytes(db, sub.business_id, u.id);
  await db
    .updateTable('usage_periods')
    .set({ status: 'closed', closed_at: at.toISOString() })
    .where('id', '=', u.id)
    .where('status', '=', 'open')
    .execute();
  await finalizeStatement(db, sub.business_id, u.id, at);
  const closed = await db
    .selectFrom('usage_periods')
    .select('knowledge_bytes')
    .where('id', '=', u.id)
    .executeTakeFirst();
  return Number(closed?.knowledge_bytes ?? u.knowledge_bytes);
}

/**
 * Brings a business's subscription up to `at`: every period that has ended is closed (its
 * statement finalised) and the next one opened, or the subscription ends if it was cancelled.
 * Returns the active subscription, if any.
 */
export async function ensureCurrent(db: Db, businessId: string, at: Date): Promise<Sub | undefined> {
  for (let guard = 0; guard < 120; guard++) {
    const sub = await activeSub(db, businessId);
    if (!sub || sub.period_end > at.toISOString()) return sub;
    if (sub.cancel_at_period_end === 1) {
      const r = await db
        .updateTable('subscriptions')
        .set({ status: 'ended', ended_at: sub.period_end })
        .where('id', '=', sub.id)
        .where('status', '=', 'active')
        .where('period_end', '=', sub.period_end)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) await closePeriod(db, sub, at);
      continue;
    }
    const start = sub.period_end;
    const end = nextBoundary(new Date(sub.created_at), new Date(start)).toISOString();
    const r = await db
      .updateTable('subscriptions')
      .set({ period_start: start, period_end: end })
      .where('id', '=', sub.id)
      .where('status', '=', 'active')
      .where('period_end', '=', sub.period_end)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue; // another caller rolled it over: look again
    const knowledgeBytes = await closePeriod(db, sub, at);
    await openPeriod(db, { ...sub, period_start: start, period_end: end }, knowledgeBytes, at);
  }
  throw new AppError('internal', 'subscription roll-over did not converge');
}

/** The open usage period of the active subscription (rolled over first), if any. */
export async function currentUsagePeriod(
  db: Db,
  businessId: string,
  at: Date,
): Promise<Selectable<UsagePeriodsTable> | undefined> {
  const sub = await ensureCurrent(db, businessId, at);
  if (!sub) return undefined;
  return db
    .selectFrom('usage_periods')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('subscription_id', '=', sub.id)
    .where('period_start', '=', sub.period_start)
    .executeTakeFirst();
}

export type SubscribeOutcome = 'created' | 'changed' | 'unchanged';

/**
 * Subscribes (no active subscription: a period of one month starts at `at`) or changes plan
 * within the current period, pro-rated from `at`: a credit for the unused part of the old plan's
 * fee and a charge for the rest of the period on the new plan (see prorateCents for rounding).
 * The period and its counters carry on; the new plan's call limit applies at once.
 */
export async function subscribeOrChange(
  db: Db,
  businessId: string,
  planId: string,
  at: Date,
): Promise<{ outcome: SubscribeOutcome; subscriptionId: string }> {
  const plan = await planById(db, planId);
  const sub = await ensureCurrent(db, businessId, at);
  if (!sub) {
    const id = newId();
    const s = {
      id,
      business_id: businessId,
      plan_id: plan.id,
      status: 'active',
      period_start: at.toISOString(),
      period_end: nextBoundary(at, at).toISOString(),
      cancel_at_period_end: 0,
      created_at: at.toISOString(),
      ended_at: null,
    };
    await db.insertInto('subscriptions').values(s).execute();
    await openPeriod(db, s, 0, at);
    return { outcome: 'created', subscriptionId: id };
  }
  if (sub.plan_id === plan.id) return { outcome: 'unchanged', subscriptionId: sub.id };
  const old = await planById(db, sub.plan_id);
  const r = await db
    .updateTable('subscriptions')
    .set({ plan_id: plan.id })
    .where('id', '=', sub.id)
    .where('plan_id', '=', old.id)
    .where('period_start', '=', sub.period_start)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1)
    throw new AppError('conflict', 'the subscription changed meanwhile; retry');
  const u = await db
    .updateTable('usage_periods')
    .set({ plan_id: plan.id, call_limit: plan.included_calls })
    .where('business_id', '=', businessId)
    .where('subscription_id', '=', sub.id)
    .where('period_start', '=', sub.period_start)
    .returning('id')
    .executeTakeFirst();
  if (u) {
    const start = new Date(sub.period_start);
    const end = new Date(sub.period_end);
    const from = at.toISOString().slice(0, 10);
    const to = sub.period_end.slice(0, 10);
    const credit = prorateCents(old.monthly_fee_cents, start, end, at);
    const charge = prorateCents(plan.monthly_fee_cents, start, end, at);
    if (credit > 0)
      await addLine(
        db,
        businessId,
        u.id,
        {
          kind: 'proration_credit',
          description: `Unused ${old.name} plan, ${from} to ${to}`,
          quantity: 1,
          unitCents: -credit,
          amountCents: -credit,
        },
        at,
      );
    if (charge > 0)
      await addLine(
        db,
        businessId,
        u.id,
        {
          kind: 'proration_charge',
          description: `${plan.name} plan, ${from} to ${to}`,
          quantity: 1,
          unitCents: charge,
          amountCents: charge,
        },
        at,
      );
  }
  return { outcome: 'changed', subscriptionId: sub.id };
}

/** Sets or clears cancel-at-period-end; 409 without an active subscription. */
export async function setCancelAtPeriodEnd(
  db: Db,
  businessId: string,
  cancel: boolean,
  at: Date,
): Promise<Sub> {
  const sub = await ensureCurrent(db, businessId, at);
  if (!sub) throw new AppError('conflict', 'there is no active subscription');
  await db
    .updateTable('subscriptions')
    .set({ cancel_at_period_end: cancel ? 1 : 0 })
    .where('id', '=', sub.id)
    .where('status', '=', 'active')
    .execute();
  return { ...sub, cancel_at_period_end: cancel ? 1 : 0 };
}

/** Businesses whose period has ended (for the periodic tick). */
export async function dueBusinesses(db: Db, at: Date, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('business_id')
    .where('status', '=', 'active')
    .where('period_end', '<=', at.toISOString())
    .limit(limit)
    .execute();
  return [...new Set(rows.map((r) => r.business_id))];
}
