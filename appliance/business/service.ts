import { audit, auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { type BusinessId } from '../ids.js';
import { ensureCurrent, subscribeOrChange } from '../billing/index.js';

export interface BusinessProfile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  address: string | null;
  timezone: string;
  website: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ProfileUpdate = Partial<
  Pick<BusinessProfile, 'name' | 'email' | 'phone' | 'address' | 'timezone' | 'website' | 'description'>
>;

export async function getProfile(app: AppContext, businessId: BusinessId): Promise<BusinessProfile> {
  const r = await app.db.kysely
    .selectFrom('businesses')
    .selectAll()
    .where('id', '=', businessId)
    .executeTakeFirst();
  if (!r) throw notFound('business');
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: r.address,
    timezone: r.timezone,
    website: r.website,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function updateProfile(
  app: AppContext,
  principal: Principal,
  patch: ProfileUpdate,
  ip: string,
): Promise<BusinessProfile> {
  const now = app.now();
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('businesses')
      .set({ ...patch, updated_at: now.toISOString() })
      .where('id', '=', principal.businessId)
      .execute();
    await auditAction(trx, principal, 'business.update', now, {
      details: { fields: Object.keys(patch) },
      ip,
    });
  });
  return getProfile(app, principal.businessId);
}

export interface PlanView {
  id: string;
  name: string;
  monthlyFeeCents: number;
  includedCalls: number | null;
  perCallCents: number;
  apiRatePerS: number;
}

export async function listPlans(app: AppContext): Promise<PlanView[]> {
  const rows = await app.db.kysely.selectFrom('plans').selectAll().orderBy('sort_order').execute();
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    monthlyFeeCents: p.monthly_fee_cents,
    includedCalls: p.included_calls,
    perCallCents: p.per_call_cents,
    apiRatePerS: p.api_rate_per_s,
  }));
}

export interface SubscriptionView {
  id: string;
  planId: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  cancelAtPeriodEnd: boolean;
}

export async function currentSubscription(
  app: AppContext,
  businessId: BusinessId,
): Promise<SubscriptionView | null> {
  // Lazily roll an ended period over (or end a cancelled subscription) before answering.
  await app.db.kysely.transaction().execute((trx) => ensureCurrent(trx, businessId, app.now()));
  const r = await app.db.kysely
    .selectFrom('subscriptions')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    planId: r.plan_id,
    status: r.status,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    cancelAtPeriodEnd: r.cancel_at_period_end === 1,
  };
}

/**
 * Starts a subscription (one calendar month from now) or switches plan within the current
 * period, pro-rated from now (appliance/billing/lifecycle.ts). Subscribing to the current plan
 * changes nothing.
 */
export async function subscribe(
  app: AppContext,
  principal: Principal,
  planId: string,
  ip: string,
): Promise<SubscriptionView> {
  const now = app.now();
  await app.db.kysely.transaction().execute(async (trx) => {
    const r = await subscribeOrChange(trx, principal.businessId, planId, now);
    if (r.outcome === 'unchanged') return;
    await audit(
      trx,
      {
        businessId: principal.businessId,
        actor: principal,
        action: r.outcome === 'created' ? 'subscription.create' : 'subscription.change',
        target: { type: 'subscription', id: r.subscriptionId },
        details: { planId },
        ip,
      },
      now,
    );
  });
  const sub = await currentSubscription(app, principal.businessId);
  if (!sub) throw new AppError('internal', 'subscription vanished');
  return sub;
}
