import { z } from 'zod';
import { getAgent, updateAgent } from '../agents/service.js';
import { faqSchema } from '../agents/schema.js';
import { conflict, notFound } from '../errors.js';
import { authedRoute, type Route } from '../http/route.js';
import type { AgentId } from '../ids.js';
import type { ModuleDeps } from '../module.js';
import { closeGap, getGap, listGaps } from './gaps.js';

export const gapView = z.object({
  id: z.string(),
  agentId: z.string(),
  /** The first question of the group, as the caller asked it. */
  question: z.string(),
  /** Unanswered questions in the group (near-duplicates counted together). */
  count: z.number().int(),
  /** Up to 5 distinct ways callers asked it, newest first. */
  examples: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  status: z.enum(['open', 'closed']),
  /** The answer given when it was closed (it became an FAQ of the agent). */
  answer: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const gapList = z.object({
  items: z.array(gapView),
  total: z.number().int(),
  /** Gaps still open (of the agent when filtered). */
  open: z.number().int(),
  /** Gaps closed by adding an answer. */
  closed: z.number().int(),
});

const gapQuery = z.strictObject({
  agentId: z.uuid().optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const gapAnswerBody = z.strictObject({ answer: faqSchema.shape.answer });

const gapAnswered = z.object({
  gap: gapView,
  /** The agent's training, started with the new FAQ. */
  training: z.object({ status: z.string(), version: z.number().int() }),
});

/** The knowledge-gaps loop: list what callers asked that the agent could not answer; answer it. */
export function gapRoutes({ app, trainer }: ModuleDeps): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/gaps',
      tag: 'analytics',
      summary: 'Questions the agents could not answer, grouped and counted (most asked first)',
      auth: 'viewer',
      query: gapQuery,
      responses: { 200: { description: 'knowledge gaps', schema: gapList } },
      handler: async ({ principal, query }) => ({
        body: await listGaps(app.db.kysely, principal.businessId, {
          limit: query.limit,
          offset: query.offset,
          ...(query.agentId ? { agentId: query.agentId } : {}),
          ...(query.status ? { status: query.status } : {}),
        }),
      }),
    }),
    authedRoute({
      method: 'post',
      path: '/gaps/{id}/answer',
      tag: 'analytics',
      summary: "Answer a gap: the question and answer become an FAQ of the gap's agent, which is retrained",
      auth: 'editor',
      params: z.strictObject({ id: z.uuid() }),
      body: gapAnswerBody,
      responses: { 200: { description: 'gap closed, training started', schema: gapAnswered } },
      handler: async ({ principal, params, body, ctx }) => {
        const db = app.db.kysely;
        const gap = await getGap(db, principal.businessId, params.id);
        if (!gap) throw notFound('gap');
        const by = principal.kind === 'user' ? principal.userId : principal.keyId;
        // The conditional close claims the gap: of two concurrent answers, one adds its FAQ.
        if (
          !(await closeGap(db, principal.businessId, gap.id, {
            answer: body.answer,
            by,
            at: app.now().toISOString(),
          }))
        )
          throw conflict('this gap is already answered');
        try {
          const agent = await getAgent(app, principal.businessId, gap.agentId);
          await updateAgent(
            app,
            principal,
            agent.id,
            { faqs: [...agent.faqs, { question: gap.question, answer: body.answer }] },
            ctx.ip,
          );
        } catch (err) {
          // No FAQ, no close: the gap stays open to be answered again.
          await db
            .updateTable('knowledge_gaps')
            .set({ status: 'open', answer: null, closed_at: null, closed_by: null })
            .where('id', '=', gap.id)
            .where('business_id', '=', principal.businessId)
            .execute();
          throw err;
        }
        const training = await trainer.start(principal.businessId, gap.agentId as AgentId);
        const closed = await getGap(db, principal.businessId, gap.id);
        if (!closed) throw notFound('gap');
        return { body: { gap: closed, training: { status: training.status, version: training.version } } };
      },
    }),
  ];
}
