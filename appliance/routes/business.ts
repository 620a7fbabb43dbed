import { z } from 'zod';
import { currentSubscription, getProfile, listPlans, subscribe, updateProfile } from '../business/service.js';
import { authedRoute, type Route } from '../http/route.js';
import type { RouteDeps } from './common.js';

const profile = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  timezone: z.string(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const plan = z.object({
  id: z.string(),
  name: z.string(),
  monthlyFeeCents: z.number().int(),
  includedCalls: z.number().int().nullable().describe('null: unlimited'),
  perCallCents: z.number().int(),
  apiRatePerS: z.number().int(),
});

const subscription = z.object({
  id: z.string(),
  planId: z.string(),
  status: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cancelAtPeriodEnd: z.boolean(),
});

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export function businessRoutes({ app }: RouteDeps): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/business/profile',
      tag: 'business',
      summary: "The caller's business profile",
      auth: 'viewer',
      responses: { 200: { description: 'profile', schema: profile } },
      handler: async ({ principal }) => ({ body: await getProfile(app, principal.businessId) }),
    }),
    authedRoute({
      method: 'put',
      path: '/business/profile',
      tag: 'business',
      summary: 'Update the business profile (fields present are changed)',
      auth: 'admin',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.email().max(254).optional(),
        phone: z.string().trim().max(40).nullable().optional(),
        address: z.string().trim().max(500).nullable().optional(),
        timezone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
        website: z.string().trim().max(200).nullable().optional(),
        description: z.string().trim().max(4000).nullable().optional(),
      }),
      responses: { 200: { description: 'updated profile', schema: profile } },
      handler: async ({ principal, body, ctx }) => ({
        body: await updateProfile(app, principal, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/business/plans',
      tag: 'business',
      summary: 'The plan catalogue and the current subscription',
      auth: 'viewer',
      responses: {
        200: {
          description: 'plans',
          schema: z.object({ plans: z.array(plan), current: subscription.nullable() }),
        },
      },
      handler: async ({ principal }) => ({
        body: { plans: await listPlans(app), current: await currentSubscription(app, principal.businessId) },
      }),
    }),
    authedRoute({
      method: 'post',
      path: '/business/subscribe',
      tag: 'business',
      summary: 'Subscribe to a plan, or switch plans mid-period (pro-rated to the cent from now)',
      auth: 'owner',
      body: z.strictObject({ planId: z.enum(['starter', 'professional', 'enterprise', 'pay_per_use']) }),
      responses: { 201: { description: 'subscription', schema: subscription } },
      handler: async ({ principal, body, ctx }) => ({
        status: 201,
        body: await subscribe(app, principal, body.planId, ctx.ip),
      }),
    }),
  ];
}
