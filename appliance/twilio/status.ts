/**
 * Twilio's call status callbacks, recorded like the calls module's external status events: one
 * call event per callback (the posted parameters as its data) against the call Twilio names by
 * CallSid and its conversation, and the call's `external_status`. A callback for a call the
 * appliance never started (refused before the stream, or still ringing) is kept with no call id.
 */
import type { Kysely } from 'kysely';
import { findCall, insertCallEvent, updateCall } from '../calls/index.js';
import type { Database } from '../db/index.js';

/** Twilio CallStatus -> the calls module's status event names (`callStatusEvents`). */
const STATUS: Record<string, string> = {
  queued: 'ringing',
  initiated: 'ringing',
  ringing: 'ringing',
  'in-progress': 'answered',
  answered: 'answered',
  completed: 'completed',
  busy: 'busy',
  failed: 'failed',
  'no-answer': 'no-answer',
  canceled: 'failed',
};

/** Parameters kept in the event's data (the rest of Twilio's post is not stored). */
const KEPT = [
  'CallSid',
  'CallStatus',
  'CallDuration',
  'Duration',
  'Timestamp',
  'From',
  'To',
  'Direction',
  'SequenceNumber',
];

export async function recordTwilioStatus(
  db: Kysely<Database>,
  now: Date,
  businessId: string,
  params: ReadonlyMap<string, string>,
): Promise<void> {
  const callSid = params.get('CallSid') ?? '';
  const raw = params.get('CallStatus') ?? '';
  const event = STATUS[raw] ?? 'failed';
  const stamp = Date.parse(params.get('Timestamp') ?? '');
  const occurredAt = Number.isFinite(stamp) ? new Date(stamp).toISOString() : now.toISOString();
  const payload: Record<string, string> = { provider: 'twilio' };
  for (const k of KEPT) {
    const v = params.get(k);
    if (v !== undefined) payload[k] = v.slice(0, 200);
  }
  await db.transaction().execute(async (trx) => {
    const call = callSid ? await findCall(trx, businessId, { externalId: callSid }) : undefined;
    await insertCallEvent(trx, {
      businessId,
      callId: call?.id ?? null,
      conversationId: call?.conversation_id ?? null,
      event,
      occurredAt,
      receivedAt: now.toISOString(),
      payload,
    });
    if (call) await updateCall(trx, businessId, call.id, { external_status: event });
  });
}
