import { z } from 'zod';
import { outcomes, postCallView } from '../analytics/index.js';
import { authedRoute, type Route } from '../http/route.js';
import type { ConversationStore } from './store.js';

const latency = z
  .object({
    endpointingMs: z.number().optional(),
    sttMs: z.number().optional(),
    agentMs: z.number().optional(),
    firstSentenceMs: z.number().optional(),
    ttsFirstAudioMs: z.number().optional(),
    processingMs: z.number().optional(),
    voiceToVoiceMs: z.number().optional(),
    /** Calls: what ended the caller's turn (a complete question at a short pause, or the silence window). */
    endedBy: z.enum(['content', 'silence']).optional(),
    /** Calls: the answer prepared at the caller's pause was played (hit) or one was dropped (miss). */
    speculation: z.enum(['hit', 'miss']).optional(),
    /** Calls: how many answers prepared at earlier pauses of this turn were dropped (the caller went on). */
    speculationsDropped: z.number().int().optional(),
  })
  .nullable();

export const conversationView = z.object({
  id: z.string(),
  agentId: z.string().nullable(),
  channel: z.string(),
  caller: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  turnCount: z.number().int(),
  /** Why it ended (goodbye, transfer, a call's end reason). */
  summary: z.string().nullable(),
  /** The post-call record's outcome; null while active. */
  outcome: z.enum(outcomes).nullable(),
  /** The post-call record (outcome, summary, sentiment, extraction fields); null while active. */
  postCall: postCallView.nullable(),
});

export const turnView = z.object({
  id: z.string(),
  seq: z.number().int(),
  speaker: z.enum(['caller', 'agent']),
  text: z.string(),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  latency,
  interrupted: z.boolean(),
  meta: z.record(z.string(), z.unknown()).nullable(),
});

const listQuery = z.strictObject({
  agentId: z.uuid().optional(),
  channel: z.enum(['voice', 'text', 'webrtc']).optional(),
  outcome: z.enum(outcomes).optional(),
  /** Started at or after, ISO-8601. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Started before, ISO-8601. */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const toUtc = (s: string | undefined): string | undefined => (s ? new Date(s).toISOString() : undefined);

/** The conversations API the admin UI reads: a filtered list, and one conversation with its turns. */
export function conversationRoutes(store: ConversationStore): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/conversations',
      tag: 'conversations',
      summary: 'Conversations, newest first (filter by agent, channel, start time)',
      auth: 'viewer',
      query: listQuery,
      responses: {
        200: {
          description: 'conversations',
          schema: z.object({ items: z.array(conversationView), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => {
        const from = toUtc(query.from);
        const to = toUtc(query.to);
        return {
          body: await store.list(principal.businessId, {
            limit: query.limit,
            offset: query.offset,
            ...(query.agentId ? { agentId: query.agentId } : {}),
            ...(query.channel ? { channel: query.channel } : {}),
            ...(query.outcome ? { outcome: query.outcome } : {}),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
          }),
        };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/conversations/{id}',
      tag: 'conversations',
      summary: 'One conversation with its turns (intent, confidence, per-turn latency)',
      auth: 'viewer',
      params: z.strictObject({ id: z.uuid() }),
      responses: {
        200: { description: 'conversation', schema: conversationView.extend({ turns: z.array(turnView) }) },
      },
      handler: async ({ principal, params }) => ({ body: await store.get(principal.businessId, params.id) }),
    }),
  ];
}
