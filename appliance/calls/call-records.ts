/**
 * A call's records through its life: the inbound row inserted with its plan admission, a call
 * that ends before the agent runs, the row turning active (with the `call.started` event), and at
 * the end the call row, billing seconds, webhook events, the CRM summary and the encrypted
 * recording. Explicit deps, no manager state.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { MasterKey } from '../auth/keyfile.js';
import { postCallRecordOf, savePostCallRecord, type PostCallExtractor } from '../analytics/index.js';
import { admitCall, recordCallEnd, releaseCallAdmission, type Admission } from '../billing/index.js';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { emitEvent } from '../webhooks/index.js';
import type { CallChannel } from './bridged-leg.js';
import type { CallEnd } from './call-session.js';
import { crmCallSummary } from './crm.js';
import type { CallerCrm, ConversationChannel } from './ports.js';
import { encryptRecording } from './recordings.js';
import { insertCall, insertRecording, updateCall } from './store.js';

/** What the call manager's agent run and the end-of-call records know of a call. */
export interface CallInfo {
  id: string;
  businessId: string;
  agentId: string;
  billing: string;
  caller: string | null;
  direction: 'inbound' | 'outbound';
  /** The conversation's channel (default `voice`; browser calls `webrtc`). */
  channel?: ConversationChannel;
  /** When an inbound call was admitted against the plan (ISO): the period to give it back to. */
  admittedAt?: string;
  /** The caller's name from the CRM (resolves within the lookup budget, never rejects). */
  callerName?: Promise<string | undefined>;
}

export interface CallRecordsDeps {
  db: Kysely<Database>;
  now: () => Date;
  log: Logger;
  /** The business's CRM connections (call summary at the end); optional. */
  crm?: () => CallerCrm | undefined;
  /** The post-call record's LLM step (analytics); without it the rules alone fill the fields. */
  postCall?: PostCallExtractor;
  /** Recordings are encrypted with a key derived from it. */
  masterKey: MasterKey;
  dataDir: string;
}

/** Plan admission and the inbound call row commit together, so usage never drifts from calls. */
export async function recordInboundCall(
  db: Kysely<Database>,
  c: {
    id: string;
    businessId: string;
    agentId: string;
    caller: string | null;
    dialed: string;
    at: Date;
    /** How the call came in (default `sip`). */
    channel?: CallChannel;
    /** The transport's id of the call (Twilio CallSid). */
    externalId?: string;
    /** The node taking the call (`AppContext.nodeId`). */
    nodeId?: string;
  },
): Promise<Admission> {
  return db.transaction().execute(async (trx) => {
    const a = await admitCall(trx, c.businessId, c.at);
    await insertCall(trx, {
      id: c.id,
      businessId: c.businessId,
      agentId: c.agentId,
      direction: 'inbound',
      caller: c.caller,
      dialed: c.dialed,
      state: 'ringing',
      billing: a.admitted ? a.billing : 'refused',
      startedAt: c.at.toISOString(),
      channel: c.channel ?? 'sip',
      externalId: c.externalId ?? null,
      nodeId: c.nodeId ?? null,
    });
    return a;
  });
}

/**
 * A campaign's call (the appliance dials `dialed`): admitted against the plan like an inbound call,
 * with its row, in one transaction. Not connected (no answer, busy): `recordCallFailedEarly` gives
 * the admission back.
 */
export async function recordOutboundCall(
  db: Kysely<Database>,
  c: { id: string; businessId: string; agentId: string; dialed: string; at: Date; nodeId?: string },
): Promise<Admission> {
  return db.transaction().execute(async (trx) => {
    const a = await admitCall(trx, c.businessId, c.at);
    if (!a.admitted) return a;
    await insertCall(trx, {
      id: c.id,
      businessId: c.businessId,
      agentId: c.agentId,
      direction: 'outbound',
      caller: null,
      dialed: c.dialed,
      state: 'ringing',
      billing: a.billing,
      startedAt: c.at.toISOString(),
      nodeId: c.nodeId ?? null,
    });
    return a;
  });
}

/** A test call's row: the appliance dials `dialed`; never billed. */
export async function recordTestCall(
  db: Kysely<Database>,
  c: { id: string; businessId: string; agentId: string; dialed: string; startedAt: string; nodeId?: string },
): Promise<void> {
  await insertCall(db, {
    ...c,
    direction: 'outbound',
    caller: null,
    state: 'ringing',
    billing: 'test',
  });
}

/**
 * The call ended before the agent ran on it (not answered, cancelled, or refused by the plan after
 * answering: `answeredAt`, ISO). False: the row was already ended (by another node that took this
 * one for lost, or the stale sweep), which also gave its admission back.
 */
export async function recordCallEndedEarly(
  d: Pick<CallRecordsDeps, 'db' | 'now'>,
  businessId: string,
  id: string,
  endReason: string,
  answeredAt?: string,
): Promise<boolean> {
  const r = await d.db
    .updateTable('calls')
    .set({
      state: 'ended',
      ...(answeredAt !== undefined ? { answered_at: answeredAt } : {}),
      ended_at: d.now().toISOString(),
      end_reason: endReason,
    })
    .where('id', '=', id)
    .where('business_id', '=', businessId)
    .where('state', '!=', 'ended')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Set-up failed before the agent ran: the row ends `failed` and, when this closed it, the plan
 * gets the admitted call back (`admission`: billing and admission time), in one transaction, so a
 * call a sweeper already ended and released is not released twice.
 */
export async function recordCallFailedEarly(
  d: Pick<CallRecordsDeps, 'db' | 'now'>,
  businessId: string,
  id: string,
  admission: { billing: string; at: string } | undefined,
  /** The row's end reason (default `failed`; a campaign's call not connected: `no-answer`, `busy`). */
  endReason = 'failed',
): Promise<void> {
  await d.db.transaction().execute(async (trx) => {
    const closed = await recordCallEndedEarly({ db: trx, now: d.now }, businessId, id, endReason);
    if (closed && admission) await releaseCallAdmission(trx, businessId, admission.billing, admission.at);
  });
}

/** The agent answered: the call row turns active and `call.started` is queued, in one transaction. */
export async function recordCallStarted(
  d: Pick<CallRecordsDeps, 'db' | 'now'>,
  c: CallInfo,
  conversationId: string,
): Promise<void> {
  await d.db.transaction().execute(async (trx) => {
    await updateCall(trx, c.businessId, c.id, {
      conversation_id: conversationId,
      state: 'active',
      answered_at: d.now().toISOString(),
    });
    await emitEvent(
      trx,
      c.businessId,
      'call.started',
      {
        callId: c.id,
        conversationId,
        agentId: c.agentId,
        caller: c.caller,
        direction: c.direction,
      },
      d.now(),
    );
  });
}

/**
 * The call ended (`end` undefined: it failed): closes the call row with billing seconds, the
 * `call.ended`/`transcript.ready` events and the CRM summary in one transaction, then encrypts and
 * stores the recording if one was made.
 */
export async function finishCallRecords(
  d: CallRecordsDeps,
  c: CallInfo & { startedAt: string },
  conversationId: string | null,
  end: CallEnd | undefined,
): Promise<void> {
  const at = d.now();
  const reason = end?.reason ?? 'error';
  const durationMs = end?.durationMs ?? 0;
  // The post-call record (outcome, summary, sentiment, extraction fields) with the call's end
  // reason: stored, in the webhooks and the CRM summary. Read before the closing transaction; a
  // failure costs the record, never the call's own rows.
  const postCall = conversationId
    ? await postCallRecordOf(
        d.db,
        { businessId: c.businessId, conversationId, reason },
        { extractor: d.postCall },
      ).catch((err: unknown) => {
        d.log.warn({ err, callId: c.id }, 'post-call record not built');
        return undefined;
      })
    : undefined;
  // Read before the closing transaction; test calls are not sent.
  const summary =
    conversationId && c.billing !== 'test'
      ? await crmCallSummary(d.crm?.(), d.db, {
          ...c,
          conversationId,
          reason,
          durationMs,
          endedAt: at,
          log: d.log,
          ...(postCall ? { postCall } : {}),
        })
      : undefined;
  // False: another node had already ended the call (this node was taken for lost:
  // calls/node-calls.ts) and counted its usage; it is not counted twice.
  const close = (withSummary: boolean): Promise<boolean> =>
    d.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('calls')
        .set({ state: 'ended', ended_at: at.toISOString(), end_reason: reason })
        .where('id', '=', c.id)
        .where('business_id', '=', c.businessId)
        .where('state', '!=', 'ended')
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) return false;
      if (conversationId && c.billing !== 'test')
        await recordCallEnd(trx, c.businessId, conversationId, durationMs, at);
      if (conversationId && postCall) await savePostCallRecord(trx, c.businessId, conversationId, postCall);
      const data = {
        callId: c.id,
        conversationId,
        agentId: c.agentId,
        reason,
        durationMs: Math.round(durationMs),
        ...(postCall ? { postCall } : {}),
      };
      await emitEvent(trx, c.businessId, 'call.ended', data, at);
      if (conversationId)
        await emitEvent(
          trx,
          c.businessId,
          'transcript.ready',
          { callId: c.id, conversationId, ...(postCall ? { postCall } : {}) },
          at,
        );
      if (withSummary && summary) await summary.crm.postCallSummary(trx, c.businessId, summary.data, at);
      return true;
    });
  // The CRM summary must never cost the call's own records: without it, once more.
  const closed = await close(true).catch(async (err: unknown) => {
    if (!summary) throw err;
    d.log.error({ err, callId: c.id }, 'closing the call with its CRM summary failed: closing it without');
    return close(false);
  });
  if (!closed)
    d.log.warn({ callId: c.id }, 'call already ended by another node (this node was taken for lost)');
  const wav = end?.media?.recordingPath;
  if (!wav) return;
  const recId = newId();
  const enc = await encryptRecording(d.masterKey.derive('recordings'), d.dataDir, c.businessId, recId, wav);
  await d.db.transaction().execute(async (trx) => {
    await insertRecording(trx, {
      id: recId,
      businessId: c.businessId,
      callId: c.id,
      conversationId,
      agentId: c.agentId,
      file: enc.file,
      bytes: enc.bytes,
      durationMs: end.media?.recordingDurationMs ?? durationMs,
      sampleRateHz: end.media?.recordingSampleRateHz ?? 8000, // the WAV's rate: 16000 for G.722
      createdAt: at.toISOString(),
    });
    await emitEvent(
      trx,
      c.businessId,
      'recording.ready',
      { recordingId: recId, callId: c.id, conversationId },
      at,
    );
  });
}
