import type { Kysely } from 'kysely';
import { z } from 'zod';
import { extractionFieldSchema } from '../agents/schema.js';
import type { Database } from '../db/index.js';
import { extractFields, type ExtractedValue, type ExtractionField } from './extraction.js';
import { isUnanswered } from './gaps.js';
import type { FieldSource, PostCallExtractor } from './post-call-llm.js';
import { sentimentOf, type Sentiment } from './sentiment.js';

/**
 * The post-call record of a conversation: its outcome, a short extractive summary (the caller's
 * own requests and the agent's first answer, quoted), the caller's sentiment and the agent's
 * extraction fields. Built from what is stored (turns, the call row, the agent's configuration)
 * when the conversation ends (the fields by rules, then by the LLM when one is configured:
 * post-call-llm.ts), stored on the conversation, sent in the `call.ended` and
 * `transcript.ready` webhooks and the CRM summary.
 */

export const outcomes = [
  'resolved',
  'transferred',
  'message_taken',
  'caller_hung_up',
  'unanswered',
  'plan_limit',
] as const;
export type Outcome = (typeof outcomes)[number];

export interface PostCallRecord {
  outcome: Outcome;
  summary: string;
  sentiment: Sentiment;
  sentimentScore: number;
  fields: Record<string, ExtractedValue>;
  /** Which step filled each field that has a value (records stored before this have none). */
  fieldSources?: Record<string, FieldSource>;
}

/** Agent intents that are no answer to a request (the caller's request is elsewhere). */
const smallTalk = new Set([
  'greeting',
  'thanks',
  'affirm',
  'deny',
  'goodbye',
  'repeat',
  'silence',
  'dtmf',
  'clarify',
  'reprompt',
]);
const humanEnds = new Set(['transferred', 'bridged-ended', 'transfer']);
/** Longest summary, characters: a line in a CRM or a list, not a transcript. */
const maxSummary = 400;

interface TurnRow {
  speaker: string;
  text: string;
  intent: string | null;
  meta: string | null;
}

const metaOf = (s: string | null): Record<string, unknown> | null => {
  try {
    const v: unknown = s ? JSON.parse(s) : null;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
const actionsOf = (m: Record<string, unknown> | null): string[] =>
  Array.isArray(m?.actions) ? m.actions.filter((a): a is string => typeof a === 'string') : [];
const firstSentence = (s: string): string => (/^.*?[.!?](?=\s|$)/.exec(s)?.[0] ?? s).trim();
const quote = (s: string, max = 120): string => {
  const t = s.trim().replace(/\s+/g, ' ');
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
};

/** The record from a conversation's stored turns and how it ended (pure: tests call it directly). */
export function buildPostCallRecord(r: {
  turns: readonly TurnRow[];
  /** The end reason (the call's, or the conversation's for text). */
  reason: string;
  /** The call's billing (`refused`: over the plan's limit), when it was a call. */
  billing?: string | null;
  /** A message was taken (the call row's message). */
  messageTaken?: boolean;
  fields: readonly ExtractionField[];
  startedAt: Date;
}): PostCallRecord {
  const callerTexts: string[] = [];
  const requests: { question: string; answer: string; answered: boolean }[] = [];
  let lastCaller = '';
  let transferred = humanEnds.has(r.reason);
  let message = Boolean(r.messageTaken);
  let lastSubstantive: 'answered' | 'unanswered' | undefined;
  for (const t of r.turns) {
    if (t.speaker === 'caller') {
      if (t.text.trim()) callerTexts.push(t.text);
      lastCaller = t.text;
      continue;
    }
    const meta = metaOf(t.meta);
    const actions = actionsOf(meta);
    if (actions.includes('transfer')) transferred = true;
    if (actions.includes('take_message')) message = true;
    if (!t.intent || smallTalk.has(t.intent) || !lastCaller.trim()) continue;
    const unanswered = isUnanswered({ speaker: 'agent', intent: t.intent, meta });
    lastSubstantive = unanswered ? 'unanswered' : 'answered';
    if (requests.length < 3 && !requests.some((q) => q.question === lastCaller))
      requests.push({ question: lastCaller, answer: t.text, answered: !unanswered });
  }
  const outcome: Outcome =
    r.billing === 'refused' || r.reason === 'plan_limit_reached'
      ? 'plan_limit'
      : transferred
        ? 'transferred'
        : message
          ? 'message_taken'
          : lastSubstantive === 'unanswered'
            ? 'unanswered'
            : lastSubstantive === undefined && (r.reason === 'caller-hangup' || callerTexts.length === 0)
              ? 'caller_hung_up'
              : 'resolved';
  const parts: string[] = [];
  const asked = requests.filter((q) => q.answered);
  const missed = requests.filter((q) => !q.answered);
  if (asked[0]) {
    parts.push(`Caller asked ${asked.map((q) => quote(q.question, 80)).join(', ')}.`);
    parts.push(`Agent: ${quote(firstSentence(asked[0].answer))}.`);
  }
  if (missed.length) parts.push(`Not answered: ${missed.map((q) => quote(q.question, 80)).join(', ')}.`);
  if (!requests.length)
    parts.push(
      callerTexts.length ? `Caller said ${quote(callerTexts[0] ?? '')}.` : 'The caller made no request.',
    );
  parts.push(
    {
      resolved: 'Resolved by the agent.',
      transferred: 'Transferred to a colleague.',
      message_taken: 'A message was taken.',
      caller_hung_up: 'The caller hung up.',
      unanswered: 'Ended on a question the agent could not answer.',
      plan_limit: "Refused: the plan's call limit was reached.",
    }[outcome],
  );
  // A quote that ends its own sentence needs no second full stop after it.
  let summary = parts.join(' ').replace(/([.?!…])"\./g, '$1"');
  if (summary.length > maxSummary) summary = `${summary.slice(0, maxSummary - 1)}…`;
  const sentiment = sentimentOf(callerTexts);
  const fields = extractFields(r.fields, callerTexts, r.startedAt);
  return {
    outcome,
    summary,
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    fields,
    fieldSources: Object.fromEntries(
      Object.entries(fields).flatMap(([k, v]) => (v === null ? [] : [[k, 'rule' as const]])),
    ),
  };
}

/** The agent's extraction fields as stored (entries that no longer parse are left out). */
async function extractionOf(
  db: Kysely<Database>,
  businessId: string,
  agentId: string | null,
): Promise<ExtractionField[]> {
  if (!agentId) return [];
  const row = await db
    .selectFrom('agents')
    .select('config')
    .where('business_id', '=', businessId)
    .where('id', '=', agentId)
    .executeTakeFirst();
  let list: unknown;
  try {
    list = row ? (JSON.parse(row.config) as { extraction?: unknown }).extraction : undefined;
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((f) => {
    const p = extractionFieldSchema.safeParse(f);
    return p.success ? [p.data] : [];
  });
}

/** A conversation's record by the rules, and the step that adds the LLM's fields to it. */
export interface PostCallDraft {
  /** The rules' record. */
  rec: PostCallRecord;
  /** A copy with the LLM's fields where the rules left them empty (`rec` itself without any). */
  withLlm(extractor: PostCallExtractor | undefined): Promise<PostCallRecord>;
}

/**
 * Reads a conversation (its turns, the call that carried it, its agent) once and builds its
 * record by the rules; undefined when the conversation is not this business's.
 */
export async function readPostCall(
  db: Kysely<Database>,
  q: { businessId: string; conversationId: string; reason: string },
): Promise<PostCallDraft | undefined> {
  const conv = await db
    .selectFrom('conversations')
    .select(['agent_id', 'started_at'])
    .where('business_id', '=', q.businessId)
    .where('id', '=', q.conversationId)
    .executeTakeFirst();
  if (!conv) return undefined;
  const [turns, call, fields] = await Promise.all([
    db
      .selectFrom('conversation_turns')
      .select(['speaker', 'text', 'intent', 'meta'])
      .where('business_id', '=', q.businessId)
      .where('conversation_id', '=', q.conversationId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('calls')
      .select(['billing', 'message'])
      .where('business_id', '=', q.businessId)
      .where('conversation_id', '=', q.conversationId)
      .executeTakeFirst(),
    extractionOf(db, q.businessId, conv.agent_id),
  ]);
  const startedAt = new Date(conv.started_at);
  const rec = buildPostCallRecord({
    turns,
    reason: q.reason,
    billing: call?.billing ?? null,
    messageTaken: Boolean(call?.message),
    fields,
    startedAt,
  });
  // Rules first, the LLM for the fields they left empty. A rule's value comes from a cue or a
  // pattern the business wrote and is the same on every run; the LLM is asked only where the
  // rules found nothing, so it can add a value (grounded in the caller's words) but never
  // overrule one, and a call whose fields the rules filled costs no completion at all.
  const withLlm = async (extractor: PostCallExtractor | undefined): Promise<PostCallRecord> => {
    const empty = fields.filter((f) => rec.fields[f.name] === null);
    const callerTexts = turns.filter((t) => t.speaker === 'caller' && t.text.trim()).map((t) => t.text);
    if (!extractor?.available() || !empty.length || !callerTexts.length) return rec;
    const filled = await extractor.fill({
      businessId: q.businessId,
      conversationId: q.conversationId,
      fields: empty,
      callerTexts,
      callDay: startedAt,
    });
    const out: PostCallRecord = { ...rec, fields: { ...rec.fields }, fieldSources: { ...rec.fieldSources } };
    for (const f of empty) {
      const v = filled[f.name];
      if (v === undefined || v === null) continue;
      out.fields[f.name] = v;
      out.fieldSources = { ...out.fieldSources, [f.name]: 'llm' };
    }
    return out;
  };
  return { rec, withLlm };
}

/** The conversation's record, with the LLM's fields when an extractor is given (see readPostCall). */
export async function postCallRecordOf(
  db: Kysely<Database>,
  q: { businessId: string; conversationId: string; reason: string },
  /** The LLM step (the analytics module's `postCall`); without it the rules alone fill the fields. */
  opts: { extractor?: PostCallExtractor | undefined } = {},
): Promise<PostCallRecord | undefined> {
  return (await readPostCall(db, q))?.withLlm(opts.extractor);
}

/** Stores the record on the conversation (in the caller's transaction when given one). */
export async function savePostCallRecord(
  db: Kysely<Database>,
  businessId: string,
  conversationId: string,
  rec: PostCallRecord,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ outcome: rec.outcome, post_call: JSON.stringify(rec) })
    .where('business_id', '=', businessId)
    .where('id', '=', conversationId)
    .execute();
}

/**
 * Adds the LLM's fields to the record stored now (which a call's end may have rewritten with its
 * own reason meanwhile): only fields still empty there, in one transaction.
 */
export async function saveLlmFields(
  db: Kysely<Database>,
  businessId: string,
  conversationId: string,
  rec: PostCallRecord,
): Promise<void> {
  const llm = Object.entries(rec.fieldSources ?? {}).filter(([, s]) => s === 'llm');
  if (!llm.length) return;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('conversations')
      .select('post_call')
      .where('business_id', '=', businessId)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    const stored = parsePostCall(row?.post_call);
    if (!stored) return;
    let changed = false;
    for (const [name] of llm) {
      if (stored.fields[name] !== null && stored.fields[name] !== undefined) continue;
      stored.fields[name] = rec.fields[name] ?? null;
      stored.fieldSources = { ...stored.fieldSources, [name]: 'llm' };
      changed = true;
    }
    if (changed) await savePostCallRecord(trx, businessId, conversationId, stored);
  });
}

export function parsePostCall(s: string | null | undefined): PostCallRecord | null {
  if (!s) return null;
  try {
    return JSON.parse(s) as PostCallRecord;
  } catch {
    return null;
  }
}

/** The record in the API and in webhook payloads (one schema: conversations, OpenAPI, UI types). */
export const postCallView = z.object({
  outcome: z.enum(outcomes),
  /** Short and extractive: the caller's requests and the agent's first answer, quoted. */
  summary: z.string(),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  /** Positive minus negative lexicon words of the caller (negations flip). */
  sentimentScore: z.number(),
  /** The agent's extraction fields by name; null when the caller never gave one. */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /**
   * Which step filled each field that has a value: `rule` (the field's cues and pattern) or `llm`
   * (the configured LLM, kept only when the value is in the caller's own words). Absent on
   * records stored before sources were recorded.
   */
  fieldSources: z.record(z.string(), z.enum(['rule', 'llm'])).optional(),
});
