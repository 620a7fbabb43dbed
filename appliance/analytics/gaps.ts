import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { closestGap, gapTokens } from './gap-text.js';

/**
 * Knowledge gaps: the caller questions an agent answered with its honest fallback (the agent turn's
 * intent is `unknown` and no LLM answered instead), grouped by near-duplicate questions per agent
 * and counted. A business user closes a gap by giving the answer (routes.ts: it becomes an FAQ and
 * the agent is retrained). Every query is scoped by business id.
 */

export interface GapView {
  id: string;
  agentId: string;
  question: string;
  count: number;
  examples: string[];
  firstSeen: string;
  lastSeen: string;
  status: 'open' | 'closed';
  answer: string | null;
  closedAt: string | null;
}

/** Distinct examples kept per gap: enough to see how callers put it, small enough to list. */
const maxExamples = 5;
/** Open gaps compared with a new question (most recently seen first): bounds the work per turn. */
const maxCandidates = 500;

const parseExamples = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

const toView = (r: Database['knowledge_gaps']): GapView => ({
  id: r.id,
  agentId: r.agent_id,
  question: r.question,
  count: Number(r.count),
  examples: parseExamples(r.examples),
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  status: r.status === 'closed' ? 'closed' : 'open',
  answer: r.answer,
  closedAt: r.closed_at,
});

/** Is this stored agent turn the honest fallback (a question the agent could not answer)? */
export function isUnanswered(t: {
  speaker: string;
  intent?: string | null;
  meta?: Record<string, unknown> | null;
}): boolean {
  return t.speaker === 'agent' && t.intent === 'unknown' && t.meta?.llm !== true && t.meta?.aborted !== true;
}

/**
 * Records the caller question an agent turn failed to answer: the caller's last turn before it in
 * the same conversation. A question with no content words ("what?", an empty transcript) teaches
 * nothing and is skipped. Returns the gap id, or undefined when nothing was recorded.
 */
export async function recordUnanswered(
  db: Kysely<Database>,
  q: { businessId: string; conversationId: string; agentTurnId: string; agentSeq: number; at: string },
): Promise<string | undefined> {
  const conv = await db
    .selectFrom('conversations')
    .select('agent_id')
    .where('business_id', '=', q.businessId)
    .where('id', '=', q.conversationId)
    .executeTakeFirst();
  const agentId = conv?.agent_id;
  if (!agentId) return undefined;
  const caller = await db
    .selectFrom('conversation_turns')
    .select('text')
    .where('business_id', '=', q.businessId)
    .where('conversation_id', '=', q.conversationId)
    .where('speaker', '=', 'caller')
    .where('seq', '<', q.agentSeq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const question = caller?.text.trim().slice(0, 500);
  if (!question) return undefined;
  const key = gapTokens(question);
  if (!key.length) return undefined;

  const open = await db
    .selectFrom('knowledge_gaps')
    .select(['id', 'tokens', 'examples'])
    .where('business_id', '=', q.businessId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'open')
    .orderBy('last_seen', 'desc')
    .limit(maxCandidates)
    .execute();
  const match = closestGap(
    key,
    open.map((g) => ({ ...g, tokens: g.tokens.split(' ') })),
  );
  return db.transaction().execute(async (trx) => {
    let gapId: string;
    if (match) {
      gapId = match.id;
      const examples = parseExamples(match.examples);
      const next = examples.some((e) => e.toLowerCase() === question.toLowerCase())
        ? examples
        : [question, ...examples].slice(0, maxExamples);
      // count + 1 in the statement: two nodes adding to one gap at once both count.
      await trx
        .updateTable('knowledge_gaps')
        .set((eb) => ({
          count: eb('count', '+', 1),
          last_seen: q.at,
          examples: JSON.stringify(next),
        }))
        .where('id', '=', gapId)
        .where('business_id', '=', q.businessId)
        .execute();
    } else {
      gapId = newId();
      await trx
        .insertInto('knowledge_gaps')
        .values({
          id: gapId,
          business_id: q.businessId,
          agent_id: agentId,
          question,
          tokens: key.join(' '),
          count: 1,
          examples: JSON.stringify([question]),
          first_seen: q.at,
          last_seen: q.at,
          status: 'open',
          answer: null,
          closed_at: null,
          closed_by: null,
        })
        .execute();
    }
    await trx
      .insertInto('knowledge_gap_hits')
      .values({
        id: newId(),
        business_id: q.businessId,
        agent_id: agentId,
        gap_id: gapId,
        conversation_id: q.conversationId,
        turn_id: q.agentTurnId,
        at: q.at,
      })
      .execute();
    return gapId;
  });
}

export interface GapFilter {
  agentId?: string;
  status?: 'open' | 'closed';
  limit: number;
  offset: number;
}

/** Gaps, most asked first; with the business's (or agent's) open and closed-by-answer counts. */
export async function listGaps(
  db: Kysely<Database>,
  businessId: string,
  f: GapFilter,
): Promise<{ items: GapView[]; total: number; open: number; closed: number }> {
  let base = db.selectFrom('knowledge_gaps').where('business_id', '=', businessId);
  if (f.agentId) base = base.where('agent_id', '=', f.agentId);
  const filtered = f.status ? base.where('status', '=', f.status) : base;
  const rows = await filtered
    .selectAll()
    .orderBy('count', 'desc')
    .orderBy('last_seen', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const counts = await base
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const n = (s: string): number => Number(counts.find((c) => c.status === s)?.n ?? 0);
  return {
    items: rows.map(toView),
    total: f.status ? n(f.status) : n('open') + n('closed'),
    open: n('open'),
    closed: n('closed'),
  };
}

export async function getGap(
  db: Kysely<Database>,
  businessId: string,
  id: string,
): Promise<GapView | undefined> {
  const r = await db
    .selectFrom('knowledge_gaps')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toView(r) : undefined;
}

/** Closes an open gap with its answer; false when it was not open (already answered). */
export async function closeGap(
  db: Kysely<Database>,
  businessId: string,
  id: string,
  c: { answer: string; by: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('knowledge_gaps')
    .set({ status: 'closed', answer: c.answer, closed_at: c.at, closed_by: c.by })
    .where('id', '=', id)
    .where('business_id', '=', businessId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
