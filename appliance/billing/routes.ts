import { z } from 'zod';
import { currentSubscription } from '../business/service.js';
import type { AppContext } from '../context.js';
import { authedRoute, type Route } from '../http/route.js';
import { idParams, pageQuery } from '../routes/common.js';
import type { BillingService } from './service.js';
import { lineKinds, statementCsv } from './statements.js';

const usageFigures = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  planId: z.string(),
  status: z.enum(['open', 'closed']),
  calls: z.number().int(),
  callLimit: z.number().int().nullable().describe('null: unlimited'),
  callsPct: z.number().nullable().describe('percent of included calls used; null when unlimited'),
  callSeconds: z.number().int(),
  callMinutes: z.number(),
  meteredCalls: z.number().int().describe('calls charged per call (pay-per-use or overage)'),
  meteredCents: z.number().int(),
  apiRequests: z.number().int(),
  knowledgeBytes: z.number().int(),
});

const notice = z.object({
  id: z.string(),
  kind: z.literal('usage.threshold'),
  metric: z.string(),
  thresholdPct: z.number().int(),
  message: z.string(),
  periodStart: z.string(),
  createdAt: z.string(),
});

const statementSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(['open', 'final']),
  periodStart: z.string(),
  periodEnd: z.string(),
  totalCents: z.number().int().nullable().describe('set when final'),
  finalizedAt: z.string().nullable(),
});

const statement = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(['open', 'final']),
  periodStart: z.string(),
  periodEnd: z.string(),
  currency: z.literal('USD'),
  lines: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.enum(lineKinds),
      description: z.string(),
      quantity: z.number().int(),
      unitCents: z.number().int(),
      amountCents: z.number().int().describe('integer cents; credits are negative'),
    }),
  ),
  totalCents: z.number().int(),
  usage: z.object({
    calls: z.number().int(),
    callSeconds: z.number().int(),
    apiRequests: z.number().int(),
    knowledgeBytes: z.number().int(),
  }),
  finalizedAt: z.string().nullable(),
  contentHash: z.string().nullable().describe('SHA-256 of the frozen statement, once final'),
});

const subscription = z.object({
  id: z.string(),
  planId: z.string(),
  status: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  cancelAtPeriodEnd: z.boolean(),
});

export function billingRoutes(app: AppContext, svc: BillingService): Route[] {
  const cancelRoute = (cancel: boolean): Route =>
    authedRoute({
      method: 'post',
      path: cancel ? '/business/subscription/cancel' : '/business/subscription/resume',
      tag: 'business',
      summary: cancel
        ? 'Cancel at the end of the current period (service continues until then)'
        : 'Undo a pending cancellation before the period ends',
      auth: 'owner',
      responses: { 200: { description: 'subscription', schema: subscription } },
      handler: async ({ principal, ctx }) => {
        await svc.setCancel(principal, cancel, ctx.ip);
        return { body: await currentSubscription(app, principal.businessId) };
      },
    });
  return [
    authedRoute({
      method: 'get',
      path: '/business/usage',
      tag: 'business',
      summary: 'Usage of the current period (counts, limits, percentages) and previous periods',
      auth: 'viewer',
      query: z.strictObject({ history: z.coerce.number().int().min(0).max(60).default(12) }),
      responses: {
        200: {
          description: 'usage',
          schema: z.object({ current: usageFigures.nullable(), history: z.array(usageFigures) }),
        },
      },
      handler: async ({ principal, query }) => ({
        body: await svc.usage(principal.businessId, query.history),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/business/notices',
      tag: 'business',
      summary: 'Notices for the admin UI (usage alerts at 80 % and 100 % of the plan), newest first',
      auth: 'viewer',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'notices', schema: z.object({ items: z.array(notice) }) } },
      handler: async ({ principal, query }) => ({
        body: { items: await svc.notices(principal.businessId, query.limit) },
      }),
    }),
    cancelRoute(true),
    cancelRoute(false),
    authedRoute({
      method: 'get',
      path: '/business/invoices',
      tag: 'business',
      summary: 'Monthly statements, newest first (the open one included)',
      auth: 'viewer',
      query: pageQuery,
      responses: {
        200: {
          description: 'statements',
          schema: z.object({ items: z.array(statementSummary), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => ({ body: await svc.statements(principal.businessId, query) }),
    }),
    authedRoute({
      method: 'get',
      path: '/business/invoices/{id}',
      tag: 'business',
      summary: 'One statement as JSON, or CSV with ?format=csv or Accept: text/csv',
      auth: 'viewer',
      params: idParams,
      query: z.strictObject({ format: z.enum(['json', 'csv']).optional() }),
      responses: {
        200: {
          description: 'statement (JSON; text/csv with ?format=csv or Accept: text/csv)',
          schema: statement,
        },
      },
      handler: async ({ principal, params, query, ctx }) => {
        const s = await svc.statement(principal.businessId, params.id);
        const csv =
          query.format === 'csv' ||
          (query.format === undefined && ctx.accepts('json', 'text/csv') === 'text/csv');
        if (!csv) return { body: s };
        return {
          body: statementCsv(s),
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${s.number}.csv"`,
          },
        };
      },
    }),
  ];
}
