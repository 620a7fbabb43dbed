/**
 * A call's own events (DTMF digits, status callbacks) are listed per call
 * (`GET /voice/calls/{id}/events`): index them by call, in time order.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('call_events_call')
    .on('call_events')
    .columns(['business_id', 'call_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('call_events_call').execute();
}
