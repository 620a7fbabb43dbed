/**
 * Persistence of calls, external call events, recordings and voice settings. Every query is
 * scoped by business id; finished-call updates are single statements.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';

type Db = Kysely<Database>;

export interface VoiceSettings {
  recordingEnabled: boolean;
  /** Recordings older than this are deleted by the retention sweep. Default 90. */
  retentionDays: number;
}

export const DEFAULT_VOICE_SETTINGS: VoiceSettings = { recordingEnabled: true, retentionDays: 90 };

export interface NewCall {
  id: string;
  businessId: string;
  agentId: string | null;
  direction: 'inbound' | 'outbound';
  caller: string | null;
  dialed: string | null;
  state: string;
  billing: string | null;
  startedAt: string;
  /** How the call came in: `sip` (default), `twilio`, `webrtc` (bridged-leg.ts). */
  channel?: string;
  /** The transport's id of the call (Twilio CallSid). */
  externalId?: string | null;
  /** The node that holds the call (its live calls are ended if it is lost). */
  nodeId?: string | null;
}

export interface RecordingView {
  id: string;
  callId: string;
  conversationId: string | null;
  agentId: string | null;
  bytes: number;
  durationMs: number;
  sampleRateHz: number;
  createdAt: string;
}

export interface RecordingFilter {
  agentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function insertCall(db: Db, c: NewCall): Promise<void> {
  await db
    .insertInto('calls')
    .values({
      id: c.id,
      business_id: c.businessId,
      agent_id: c.agentId,
      conversation_id: null,
      direction: c.direction,
      caller: c.caller,
      dialed: c.dialed,
      state: c.state,
      billing: c.billing,
      started_at: c.startedAt,
      answered_at: null,
      ended_at: null,
      end_reason: null,
      message: null,
      external_status: null,
      channel: c.channel ?? 'sip',
      external_id: c.externalId ?? null,
      node_id: c.nodeId ?? null,
    })
    .execute();
}

export async function updateCall(
  db: Db,
  businessId: string,
  id: string,
  set: Partial<{
    conversation_id: string;
    state: string;
    answered_at: string;
    ended_at: string;
    end_reason: string;
    message: string;
    external_status: string;
  }>,
): Promise<void> {
  await db.updateTable('calls').set(set).where('id', '=', id).where('business_id', '=', businessId).execute();
}

/** The call a conversation id or call id refers to (this business only). */
export async function findCall(
  db: Db,
  businessId: string,
  ref: { callId?: string | undefined; conversationId?: string | undefined; externalId?: string | undefined },
): Promise<{ id: string; conversation_id: string | null } | undefined> {
  let q = db.selectFrom('calls').select(['id', 'conversation_id']).where('business_id', '=', businessId);
  if (ref.callId) q = q.where('id', '=', ref.callId);
  else if (ref.conversationId) q = q.where('conversation_id', '=', ref.conversationId);
  else if (ref.externalId) q = q.where('external_id', '=', ref.externalId).orderBy('started_at', 'desc');
  else return undefined;
  return q.executeTakeFirst();
}

export async function insertCallEvent(
  db: Db,
  e: {
    businessId: string;
    callId: string | null;
    conversationId: string | null;
    event: string;
    occurredAt: string;
    receivedAt: string;
    payload: unknown;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('call_events')
    .values({
      id,
      business_id: e.businessId,
      call_id: e.callId,
      conversation_id: e.conversationId,
      event: e.event,
      occurred_at: e.occurredAt,
      received_at: e.receivedAt,
      payload: JSON.stringify(e.payload),
    })
    .execute();
  return id;
}

export interface CallEventView {
  id: string;
  event: string;
  occurredAt: string;
  receivedAt: string;
  data: Record<string, unknown>;
}

/** One call's events (keypad digits, external status callbacks), oldest first; this business only. */
export async function listCallEvents(
  db: Db,
  businessId: string,
  callId: string,
  page: { limit: number; offset: number },
): Promise<{ items: CallEventView[]; total: number }> {
  const q = db.selectFrom('call_events').where('business_id', '=', businessId).where('call_id', '=', callId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('occurred_at')
      .orderBy('received_at')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    event: r.event,
    occurredAt: r.occurred_at,
    receivedAt: r.received_at,
    data: parseObject(r.payload),
  }));
  return { items, total: Number(count?.n ?? 0) };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function getSettings(db: Db, businessId: string): Promise<VoiceSettings> {
  const r = await db
    .selectFrom('voice_settings')
    .select(['recording_enabled', 'retention_days'])
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  return r
    ? { recordingEnabled: r.recording_enabled === 1, retentionDays: r.retention_days }
    : { ...DEFAULT_VOICE_SETTINGS };
}

/** Upsert in one statement (both dialects support ON CONFLICT). */
export async function putSettings(db: Db, businessId: string, s: VoiceSettings, at: string): Promise<void> {
  await db
    .insertInto('voice_settings')
    .values({
      business_id: businessId,
      recording_enabled: s.recordingEnabled ? 1 : 0,
      retention_days: s.retentionDays,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('business_id').doUpdateSet({
        recording_enabled: s.recordingEnabled ? 1 : 0,
        retention_days: s.retentionDays,
        updated_at: at,
      }),
    )
    .execute();
}

const recordingView = (r: {
  id: string;
  call_id: string;
  conversation_id: string | null;
  agent_id: string | null;
  bytes: number | string | bigint;
  duration_ms: number;
  sample_rate_hz: number;
  created_at: string;
}): RecordingView => ({
  id: r.id,
  callId: r.call_id,
  conversationId: r.conversation_id,
  agentId: r.agent_id,
  bytes: Number(r.bytes),
  durationMs: r.duration_ms,
  sampleRateHz: r.sample_rate_hz,
  createdAt: r.created_at,
});

export async function insertRecording(
  db: Db,
  r: {
    id: string;
    businessId: string;
    callId: string;
    conversationId: string | null;
    agentId: string | null;
    file: string;
    bytes: number;
    durationMs: number;
    sampleRateHz: number;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('recordings')
    .values({
      id: r.id,
      business_id: r.businessId,
      call_id: r.callId,
      conversation_id: r.conversationId,
      agent_id: r.agentId,
      file: r.file,
      bytes: r.bytes,
      duration_ms: Math.round(r.durationMs),
      sample_rate_hz: r.sampleRateHz,
      created_at: r.createdAt,
    })
    .execute();
}

export async function listRecordings(
  db: Db,
  businessId: string,
  f: RecordingFilter,
): Promise<{ items: RecordingView[]; total: number }> {
  let q = db.selectFrom('recordings').where('business_id', '=', businessId);
  if (f.agentId) q = q.where('agent_id', '=', f.agentId);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(recordingView), total: Number(count?.n ?? 0) };
}

export async function getRecording(
  db: Db,
  businessId: string,
  id: string,
): Promise<(RecordingView & { file: string }) | undefined> {
  const r = await db
    .selectFrom('recordings')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...recordingView(r), file: r.file } : undefined;
}

/** Recordings past their business's retention (default 90 days when no settings row). */
export async function expiredRecordings(
  db: Db,
  now: Date,
): Promise<Array<{ id: string; business_id: string; file: string }>> {
  const rows = await db
    .selectFrom('recordings')
    .leftJoin('voice_settings', 'voice_settings.business_id', 'recordings.business_id')
    .select([
      'recordings.id',
      'recordings.business_id',
      'recordings.file',
      'recordings.created_at',
      'voice_settings.retention_days',
    ])
    // Retention is at least one day: only older rows can be due.
    .where('recordings.created_at', '<', new Date(now.getTime() - 86_400_000).toISOString())
    .orderBy('recordings.created_at')
    .limit(5000)
    .execute();
  return rows.filter((r) => {
    const days = r.retention_days ?? DEFAULT_VOICE_SETTINGS.retentionDays;
    return Date.parse(r.created_at) < now.getTime() - days * 86_400_000;
  });
}

export async function deleteRecordingRow(db: Db, businessId: string, id: string): Promise<void> {
  await db.deleteFrom('recordings').where('id', '=', id).where('business_id', '=', businessId).execute();
}
