import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { notFound } from '../errors.js';
import { newId, type ConversationId } from '../ids.js';
import {
  isUnanswered,
  parsePostCall,
  readPostCall,
  recordUnanswered,
  saveLlmFields,
  savePostCallRecord,
  type PostCallExtractor,
  type PostCallRecord,
} from '../analytics/index.js';

/**
 * Persistence of conversations and their turns. A turn row is written when the turn happens
 * (the caller's when it arrives, the agent's when its reply is done), so a crash loses at most
 * the turn in progress. Every query is scoped by business id.
 */

export type Speaker = 'caller' | 'agent';

export interface TurnLatency {
  endpointingMs?: number;
  sttMs?: number;
  agentMs?: number;
  firstSentenceMs?: number;
  ttsFirstAudioMs?: number;
  processingMs?: number;
  voiceToVoiceMs?: number;
  endedBy?: 'content' | 'silence';
  speculation?: 'hit' | 'miss';
  speculationsDropped?: number;
}

export interface NewTurn {
  conversationId: string;
  businessId: string;
  seq: number;
  speaker: Speaker;
  text: string;
  intent?: string | null;
  confidence?: number | null;
  startedAt: string;
  endedAt?: string | null;
  latency?: TurnLatency | null;
  meta?: Record<string, unknown> | null;
}

export interface TurnView {
  id: string;
  seq: number;
  speaker: Speaker;
  text: string;
  intent: string | null;
  confidence: number | null;
  startedAt: string;
  endedAt: string | null;
  latency: TurnLatency | null;
  interrupted: boolean;
  meta: Record<string, unknown> | null;
}

export interface ConversationView {
  id: string;
  agentId: string | null;
  channel: string;
  caller: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  turnCount: number;
  summary: string | null;
  /** The post-call record's outcome (null until the conversation ends). */
  outcome: string | null;
  postCall: PostCallRecord | null;
}

export interface ConversationFilter {
  agentId?: string;
  channel?: string;
  outcome?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const parseJson = <T>(s: string | null): T | null => {
  if (!s) return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
};

export class ConversationStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** The post-call record's LLM step (analytics) and where its failures are logged. */
    private readonly opts: { postCall?: PostCallExtractor | undefined; log?: Logger } = {},
  ) {}

  async create(c: {
    businessId: string;
    agentId: string;
    channel: string;
    caller: string | null;
    startedAt: string;
    state: unknown;
  }): Promise<ConversationId> {
    const id = newId<ConversationId>();
    await this.db
      .insertInto('conversations')
      .values({
        id,
        business_id: c.businessId,
        agent_id: c.agentId,
        channel: c.channel,
        caller: c.caller,
        status: 'active',
        started_at: c.startedAt,
        ended_at: null,
        duration_ms: null,
        state: JSON.stringify(c.state),
        summary: null,
      })
      .execute();
    return id;
  }

  /** The stored row and the next free turn number, or undefined when not this business's. */
  async load(
    businessId: string,
    id: string,
  ): Promise<
    | {
        agentId: string | null;
        channel: string;
        caller: string | null;
        status: string;
        state: unknown;
        nextSeq: number;
        startedAt: string;
      }
    | undefined
  > {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const max = await this.db
      .selectFrom('conversation_turns')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('conversation_id', '=', id)
      .where('business_id', '=', businessId)
      .executeTakeFirst();
    return {
      agentId: row.agent_id,
      channel: row.channel,
      caller: row.caller,
      status: row.status,
      state: parseJson<unknown>(row.state),
      nextSeq: max?.m === null || max?.m === undefined ? 1 : Number(max.m) + 1,
      startedAt: row.started_at,
    };
  }

  async appendTurn(t: NewTurn): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('conversation_turns')
      .values({
        id,
        conversation_id: t.conversationId,
        business_id: t.businessId,
        seq: t.seq,
        speaker: t.speaker,
        text: t.text,
        intent: t.intent ?? null,
        confidence: t.confidence ?? null,
        started_at: t.startedAt,
        ended_at: t.endedAt ?? null,
        latency: t.latency ? JSON.stringify(t.latency) : null,
        interrupted: 0,
        meta: t.meta ? JSON.stringify(t.meta) : null,
        voice_to_voice_ms: t.latency?.voiceToVoiceMs ?? null,
      })
      .execute();
    // The agent's honest fallback: the question before it is a knowledge gap (analytics/gaps.ts).
    // Written after the turn (which is what counts); a failure here must not lose the turn.
    if (isUnanswered(t))
      await recordUnanswered(this.db, {
        businessId: t.businessId,
        conversationId: t.conversationId,
        agentTurnId: id,
        agentSeq: t.seq,
        at: t.startedAt,
      }).catch(() => undefined);
    return id;
  }

  async markInterrupted(businessId: string, turnId: string, spokenText: string): Promise<void> {
    await this.db
      .updateTable('conversation_turns')
      .set({ interrupted: 1, meta: JSON.stringify({ spokenText }) })
      .where('id', '=', turnId)
      .where('business_id', '=', businessId)
      .execute();
  }

  async saveState(businessId: string, id: string, state: unknown): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ state: JSON.stringify(state) })
      .where('id', '=', id)
      .where('business_id', '=', businessId)
      .execute();
  }

  async end(
    businessId: string,
    id: string,
    reason: string,
    endedAt: string,
    durationMs: number,
  ): Promise<void> {
    const r = await this.db
      .updateTable('conversations')
      .set({
        status: 'ended',
        ended_at: endedAt,
        duration_ms: Math.max(0, Math.round(durationMs)),
        summary: reason,
      })
      .where('id', '=', id)
      .where('business_id', '=', businessId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return;
    // The post-call record (analytics/post-call.ts); a call's is written again, with the call's
    // end reason, in the transaction that closes the call (calls/call-records.ts). The rules'
    // record is stored before the ending reply goes out; the LLM's fields (up to its budget,
    // 8 s) follow in the background, so a chat's last reply never waits for them.
    const draft = await readPostCall(this.db, { businessId, conversationId: id, reason });
    if (!draft) return;
    await savePostCallRecord(this.db, businessId, id, draft.rec);
    const extractor = this.opts.postCall;
    if (extractor?.available())
      void draft
        .withLlm(extractor)
        .then((full) => saveLlmFields(this.db, businessId, id, full))
        .catch((err: unknown) =>
          this.opts.log?.warn({ err, conversationId: id }, 'post-call fields by the LLM not stored'),
        );
  }

  async list(
    businessId: string,
    f: ConversationFilter,
  ): Promise<{ items: ConversationView[]; total: number }> {
    let q = this.db.selectFrom('conversations').where('business_id', '=', businessId);
    if (f.agentId) q = q.where('agent_id', '=', f.agentId);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.from) q = q.where('started_at', '>=', f.from);
    if (f.to) q = q.where('started_at', '<', f.to);
    const rows = await q
      .selectAll()
      .select((eb) =>
        eb
          .selectFrom('conversation_turns')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('conversation_turns.conversation_id', '=', 'conversations.id')
          .as('turn_count'),
      )
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return {
      items: rows.map((r) => ({
        id: r.id,
        agentId: r.agent_id,
        channel: r.channel,
        caller: r.caller,
        status: r.status,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
        turnCount: Number(r.turn_count ?? 0),
        summary: r.summary,
        outcome: r.outcome ?? null,
        postCall: parsePostCall(r.post_call),
      })),
      total: Number(total?.n ?? 0),
    };
  }

  async get(businessId: string, id: string): Promise<ConversationView & { turns: TurnView[] }> {
    const page = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!page) throw notFound('conversation');
    const turns = await this.db
      .selectFrom('conversation_turns')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('conversation_id', '=', id)
      .orderBy('seq')
      .execute();
    return {
      id: page.id,
      agentId: page.agent_id,
      channel: page.channel,
      caller: page.caller,
      status: page.status,
      startedAt: page.started_at,
      endedAt: page.ended_at,
      durationMs: page.duration_ms === null ? null : Number(page.duration_ms),
      turnCount: turns.length,
      summary: page.summary,
      outcome: page.outcome ?? null,
      postCall: parsePostCall(page.post_call),
      turns: turns.map((t) => ({
        id: t.id,
        seq: Number(t.seq),
        speaker: t.speaker === 'agent' ? 'agent' : 'caller',
        text: t.text,
        intent: t.intent,
        confidence: t.confidence === null ? null : Number(t.confidence),
        startedAt: t.started_at,
        endedAt: t.ended_at,
        latency: parseJson<TurnLatency>(t.latency),
        interrupted: Number(t.interrupted) === 1,
        meta: parseJson<Record<string, unknown>>(t.meta),
      })),
    };
  }

  /** Training artefacts (STT phrases, knowledge index version, intent index summary). */
  async saveBuild(b: {
    agentId: string;
    businessId: string;
    kind: string;
    version: number;
    data: unknown;
    at: string;
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('agent_builds')
        .where('agent_id', '=', b.agentId)
        .where('kind', '=', b.kind)
        .execute();
      await trx
        .insertInto('agent_builds')
        .values({
          agent_id: b.agentId,
          kind: b.kind,
          business_id: b.businessId,
          version: b.version,
          data: JSON.stringify(b.data),
          created_at: b.at,
        })
        .execute();
    });
  }

  async loadBuild<T>(
    businessId: string,
    agentId: string,
    kind: string,
  ): Promise<{ version: number; data: T } | undefined> {
    const r = await this.db
      .selectFrom('agent_builds')
      .select(['version', 'data'])
      .where('business_id', '=', businessId)
      .where('agent_id', '=', agentId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    const data = r ? parseJson<T>(r.data) : null;
    return r && data !== null ? { version: Number(r.version), data } : undefined;
  }
}
