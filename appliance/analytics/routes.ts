import { z } from 'zod';
import { AppError } from '../errors.js';
import { authedRoute, type Route } from '../http/route.js';
import type { ModuleDeps } from '../module.js';
import { analytics, analyticsCsv } from './queries.js';

const figures = {
  calls: z.number().int(),
  /** Answered talk time, minutes. */
  minutes: z.number(),
  /** Answered calls completed without a human (no transfer, not refused by the plan). */
  contained: z.number().int(),
  /** contained / answered calls that ended (0-1); null without any. */
  containment: z.number().nullable(),
  transfers: z.number().int(),
  /** Calls in which the agent took a message. */
  messages: z.number().int(),
  /** Caller questions the agent could not answer (see /gaps). */
  unanswered: z.number().int(),
  /** Voice-to-voice latency of agent turns, ms (p50, p95; nearest rank). */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
};

export const analyticsView = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'week']),
  agentId: z.string().nullable(),
  totals: z.object(figures),
  /** Buckets with any activity, oldest first; `start` is the day, or the Monday of the week (UTC). */
  buckets: z.array(z.object({ start: z.string(), ...figures })),
  topIntents: z.array(z.object({ intent: z.string(), count: z.number().int() })),
  /** Calls per hour of the day, UTC, hours 0-23. */
  busiestHours: z.array(z.object({ hour: z.number().int(), calls: z.number().int() })),
});

/** The longest range one request may cover: about two years of days. */
const maxRangeMs = 732 * 86_400_000;
/** Without `from`: the 30 days before `to`. */
const defaultRangeMs = 30 * 86_400_000;

export const analyticsQuery = z.strictObject({
  /** Start (inclusive), ISO-8601; default 30 days before `to`. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** End (exclusive), ISO-8601; default now. */
  to: z.iso.datetime({ offset: true }).optional(),
  bucket: z.enum(['day', 'week']).default('day'),
  agentId: z.uuid().optional(),
  format: z.enum(['json', 'csv']).optional(),
});

export function analyticsRoutes({ app }: ModuleDeps): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/analytics',
      tag: 'analytics',
      summary:
        'Calls, minutes, containment, transfers, messages, unanswered questions, voice-to-voice p50/p95 per day or week; top intents, busiest hours (CSV with ?format=csv or Accept: text/csv)',
      auth: 'viewer',
      query: analyticsQuery,
      responses: { 200: { description: 'analytics (JSON, or text/csv per bucket)', schema: analyticsView } },
      handler: async ({ principal, query, ctx }) => {
        const to = query.to ? new Date(query.to) : app.now();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultRangeMs);
        if (from.getTime() >= to.getTime()) throw new AppError('bad_request', 'from must be before to');
        if (to.getTime() - from.getTime() > maxRangeMs)
          throw new AppError('bad_request', 'the range is longer than two years');
        const a = await analytics(
          app.db,
          {
            businessId: principal.businessId,
            from: from.toISOString(),
            to: to.toISOString(),
            bucket: query.bucket,
            ...(query.agentId ? { agentId: query.agentId } : {}),
          },
          app.now(),
        );
        const csv =
          query.format === 'csv' ||
          (query.format === undefined && ctx.accepts('json', 'text/csv') === 'text/csv');
        if (!csv) return { body: a };
        return {
          body: analyticsCsv(a),
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="analytics-${a.from.slice(0, 10)}-${a.to.slice(0, 10)}.csv"`,
          },
        };
      },
    }),
  ];
}
