import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { newId } from '../ids.js';
import { enqueueOutbox } from './outbox.js';

/** Events a webhook can subscribe to. `webhook.test` is sent only by the test endpoint. */
export const webhookEvents = [
  'call.started',
  'call.ended',
  'transcript.ready',
  'recording.ready',
  'message.taken',
  'knowledge.ready',
  'knowledge.failed',
  'usage.threshold',
  // Outbound campaigns (appliance/campaigns): started/resumed, paused (by a user or the plan),
  // completed or cancelled (with the report), and each number's final result.
  'campaign.started',
  'campaign.paused',
  'campaign.completed',
  'campaign.number.completed',
] as const;
export type WebhookEventType = (typeof webhookEvents)[number];
export type DeliveredEventType = WebhookEventType | 'webhook.test';

/** The JSON body every delivery carries. */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: DeliveredEventType;
  createdAt: string;
  businessId: string;
  data: T;
}

export const envelope = (
  businessId: string,
  type: DeliveredEventType,
  data: unknown,
  at: Date,
): { eventId: string; body: string } => {
  const eventId = newId();
  const e: EventEnvelope = { id: eventId, type, createdAt: at.toISOString(), businessId, data };
  return { eventId, body: JSON.stringify(e) };
};

/**
 * Queues an event for every enabled webhook of the business subscribed to its type, in the
 * caller's transaction: the event is delivered (at least once) if and only if the cause commits.
 * Returns the outbox row ids (one per webhook; none when nobody listens). Payloads may carry PII
 * (caller numbers, transcripts): they go to the business's own endpoints only and are never logged.
 */
export async function emitEvent(
  trx: Kysely<Database>,
  businessId: string,
  type: WebhookEventType,
  payload: unknown,
  at: Date = new Date(),
): Promise<string[]> {
  const hooks = await trx
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('business_id', '=', businessId)
    .where('enabled', '=', 1)
    .execute();
  const targets = hooks.filter((h) => parseEvents(h.events).includes(type));
  if (targets.length === 0) return [];
  const { eventId, body } = envelope(businessId, type, payload, at);
  const ids: string[] = [];
  for (const h of targets)
    ids.push(
      await enqueueOutbox(trx, {
        businessId,
        targetKind: 'webhook',
        targetId: h.id,
        eventId,
        eventType: type,
        body,
        at,
      }),
    );
  return ids;
}

export function parseEvents(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
