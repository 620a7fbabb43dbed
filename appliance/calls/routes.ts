/**
 * Voice API: settings, recordings (list, metadata, decrypting download), live calls, a call's
 * events (keypad digits, status callbacks), test calls and call-status callbacks from external
 * telephony. Every query is scoped to the caller's business.
 */
import { sharedFilesDir } from '../config/index.js';
import { z } from 'zod';
import { getAgent } from '../agents/service.js';
import { roleAtLeast } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { authedRoute, type Route } from '../http/route.js';
import { auditAction } from '../audit.js';
import { idParams } from '../routes/common.js';
import type { CallManager } from './call-manager.js';
import { decryptedStream } from './recordings.js';
import {
  type CallEventView,
  findCall,
  getRecording,
  getSettings,
  insertCallEvent,
  listCallEvents,
  listRecordings,
  putSettings,
  updateCall,
} from './store.js';

export const voiceSettingsBody = z.strictObject({
  recordingEnabled: z.boolean(),
  /** Recordings older than this many days are deleted (1..3650). */
  retentionDays: z.number().int().min(1).max(3650),
});

const recordingView = z.object({
  id: z.string(),
  callId: z.string(),
  conversationId: z.string().nullable(),
  agentId: z.string().nullable(),
  bytes: z.number().int(),
  durationMs: z.number().int(),
  sampleRateHz: z.number().int(),
  createdAt: z.string(),
});

const isoDate = z.iso.datetime({ offset: true });

const recordingsQuery = z.strictObject({
  agentId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const liveCall = z.object({
  id: z.string(),
  agentId: z.string(),
  conversationId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  caller: z.string().nullable().describe('masked (last 2 digits) for viewers'),
  startedAt: z.string(),
  state: z.enum(['ringing', 'active', 'transferring', 'ending']),
});

const callEventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

const callEvent = z.object({
  id: z.string(),
  event: z
    .string()
    .describe("'dtmf': a keypad digit the caller pressed; otherwise a status posted to /voice/webhook"),
  occurredAt: z.string(),
  receivedAt: z.string(),
  data: z
    .record(z.string(), z.unknown())
    .describe(
      "dtmf: { digit ('0'-'9', '*', '#', 'A'-'D'; null for viewers), source ('rfc4733' | 'sip-info'), " +
        'durationMs? }; status: the posted body (from/to masked for viewers)',
    ),
});

export const testCallBody = z.strictObject({
  agentId: z.uuid(),
  /** A number (dialed through the trunk) or a SIP URI. */
  target: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^(sips?:[^\s<>"]+|\+?[0-9*#]{1,32})$/, 'a phone number or a sip: URI'),
});

export const callStatusEvents = ['ringing', 'answered', 'completed', 'failed', 'busy', 'no-answer'] as const;

/** Call-status callback from external telephony (documented in OpenAPI). */
export const voiceWebhookBody = z
  .strictObject({
    callId: z.uuid().optional().describe('the appliance call id'),
    conversationId: z.uuid().optional().describe('the conversation id (either this or callId)'),
    event: z.enum(callStatusEvents),
    timestamp: isoDate.describe('when the event happened (ISO-8601)'),
    durationS: z.number().min(0).max(86_400).optional(),
    from: z.string().max(64).optional(),
    to: z.string().max(64).optional(),
    reason: z.string().max(200).optional(),
    provider: z.string().max(64).optional(),
  })
  .refine((b) => b.callId !== undefined || b.conversationId !== undefined, {
    message: 'callId or conversationId is required',
    path: ['callId'],
  });

export function maskNumber(n: string | null): string | null {
  if (!n) return n;
  return n.length <= 2 ? '**' : `${'*'.repeat(Math.min(8, n.length - 2))}${n.slice(-2)}`;
}

/** Keypad digits and numbers are PII: viewers get digits withheld and numbers masked, like callers. */
export function maskCallEvent(e: CallEventView): CallEventView {
  const data = { ...e.data };
  if (e.event === 'dtmf') data['digit'] = null;
  for (const k of ['from', 'to'] as const)
    if (typeof data[k] === 'string') data[k] = maskNumber(data[k] as string);
  return { ...e, data };
}

export function voiceRoutes(app: AppContext, manager: () => CallManager | undefined): Route[] {
  const db = app.db.kysely;
  return [
    authedRoute({
      method: 'get',
      path: '/voice/settings',
      tag: 'voice',
      summary: 'Recording and retention settings',
      auth: 'viewer',
      responses: { 200: { description: 'settings', schema: voiceSettingsBody } },
      handler: async ({ principal }) => ({ body: await getSettings(db, principal.businessId) }),
    }),
    authedRoute({
      method: 'put',
      path: '/voice/settings',
      tag: 'voice',
      summary: 'Change recording and retention settings',
      auth: 'admin',
      body: voiceSettingsBody,
      responses: { 200: { description: 'settings', schema: voiceSettingsBody } },
      handler: async ({ principal, body, ctx }) => {
        const at = app.now();
        await db.transaction().execute(async (trx) => {
          await putSettings(trx, principal.businessId, body, at.toISOString());
          await auditAction(trx, principal, 'voice.settings.update', at, {
            details: { ...body },
            ip: ctx.ip,
          });
        });
        return { body };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/voice/recordings',
      tag: 'voice',
      summary: 'Call recordings (newest first), filtered by agent and date range',
      auth: 'viewer',
      query: recordingsQuery,
      responses: {
        200: {
          description: 'recordings',
          schema: z.object({ items: z.array(recordingView), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => ({
        body: await listRecordings(db, principal.businessId, query),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/voice/recordings/{id}',
      tag: 'voice',
      summary: 'One recording (metadata)',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'recording', schema: recordingView } },
      handler: async ({ principal, params }) => {
        const r = await getRecording(db, principal.businessId, params.id);
        if (!r) throw notFound('recording');
        const { file, ...view } = r;
        void file;
        return { body: view };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/voice/recordings/{id}/audio',
      tag: 'voice',
      summary: 'Download a recording (stereo WAV: caller left, agent right), decrypted as it streams',
      auth: 'editor',
      params: idParams,
      responses: { 200: { description: 'WAV audio', contentType: 'audio/wav' } },
      handler: async ({ principal, params, ctx }) => {
        const r = await getRecording(db, principal.businessId, params.id);
        if (!r) throw notFound('recording');
        let stream;
        try {
          stream = decryptedStream(app.masterKey.derive('recordings'), sharedFilesDir(app.config), r.file);
        } catch {
          throw notFound('recording');
        }
        stream.on('error', (err) => app.log.warn({ err, recordingId: r.id }, 'recording download failed'));
        // Who listened to which call is security-relevant (recordings hold callers' voices and PII).
        await auditAction(db, principal, 'recording.download', app.now(), {
          target: { type: 'recording', id: r.id },
          ip: ctx.ip,
        });
        ctx.set('content-type', 'audio/wav');
        ctx.set('content-disposition', `attachment; filename="${r.id}.wav"`);
        ctx.set('cache-control', 'no-store');
        ctx.body = stream;
        return undefined;
      },
    }),
    authedRoute({
      method: 'get',
      path: '/voice/calls',
      tag: 'voice',
      summary: 'Calls in progress on this appliance',
      auth: 'viewer',
      responses: { 200: { description: 'live calls', schema: z.object({ items: z.array(liveCall) }) } },
      handler: async ({ principal }) => {
        const seeNumbers = roleAtLeast(principal.role, 'editor');
        const items = (manager()?.liveCalls(principal.businessId) ?? []).map((c) => ({
          id: c.id,
          agentId: c.agentId,
          conversationId: c.conversationId,
          direction: c.direction,
          caller: seeNumbers ? c.caller : maskNumber(c.caller),
          startedAt: c.startedAt,
          state: c.state,
        }));
        return Promise.resolve({ body: { items } });
      },
    }),
    authedRoute({
      method: 'get',
      path: '/voice/calls/{id}/events',
      tag: 'voice',
      summary: "A call's events, oldest first: keypad digits (DTMF) and external status callbacks",
      auth: 'viewer',
      params: idParams,
      query: callEventsQuery,
      responses: {
        200: {
          description: 'events',
          schema: z.object({ items: z.array(callEvent), total: z.number().int() }),
        },
      },
      handler: async ({ principal, params, query }) => {
        const call = await findCall(db, principal.businessId, { callId: params.id });
        if (!call) throw notFound('call');
        const page = await listCallEvents(db, principal.businessId, call.id, query);
        const seeDigits = roleAtLeast(principal.role, 'editor');
        return { body: seeDigits ? page : { ...page, items: page.items.map(maskCallEvent) } };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/voice/test-call',
      tag: 'voice',
      summary: 'The appliance calls a number or SIP URI through the trunk and runs the agent on it',
      auth: 'editor',
      body: testCallBody,
      responses: { 202: { description: 'dialing', schema: z.object({ callId: z.string() }) } },
      handler: async ({ principal, body, ctx }) => {
        await getAgent(app, principal.businessId, body.agentId);
        const m = manager();
        if (!m) throw new AppError('unavailable', 'telephony is not enabled on this appliance');
        const r = await m.placeTestCall(principal.businessId, body.agentId, body.target);
        await auditAction(db, principal, 'voice.test_call', app.now(), {
          target: { type: 'agent', id: body.agentId },
          ip: ctx.ip,
        });
        return { status: 202, body: r };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/voice/webhook',
      tag: 'voice',
      summary: 'Call-status callback from external telephony (API key), recorded against the call',
      auth: 'editor',
      body: voiceWebhookBody,
      responses: { 202: { description: 'recorded', schema: z.object({ id: z.string() }) } },
      handler: async ({ principal, body }) => {
        const call = await findCall(db, principal.businessId, {
          callId: body.callId,
          conversationId: body.conversationId,
        });
        if (!call) throw notFound('call');
        const id = await db.transaction().execute(async (trx) => {
          const eventId = await insertCallEvent(trx, {
            businessId: principal.businessId,
            callId: call.id,
            conversationId: call.conversation_id,
            event: body.event,
            occurredAt: body.timestamp,
            receivedAt: app.now().toISOString(),
            payload: body,
          });
          await updateCall(trx, principal.businessId, call.id, { external_status: body.event });
          return eventId;
        });
        return { status: 202, body: { id } };
      },
    }),
  ];
}
