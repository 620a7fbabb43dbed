import type { Kysely } from 'kysely';

/**
 * Phone calls (one row per SIP call, live and finished), their external status events, the
 * encrypted recordings of finished calls and per-business voice settings (recording on/off,
 * retention). Timestamps are ISO-8601 UTC text, booleans 0/1, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('caller', 'text')
    .addColumn('dialed', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('billing', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('message', 'text')
    .addColumn('external_status', 'text')
    .execute();
  await db.schema.createIndex('calls_business').on('calls').columns(['business_id', 'started_at']).execute();
  await db.schema
    .createIndex('calls_conversation')
    .on('calls')
    .columns(['business_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('call_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('call_events_business')
    .on('call_events')
    .columns(['business_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('sample_rate_hz', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recordings_business')
    .on('recordings')
    .columns(['business_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('voice_settings')
    .addColumn('business_id', 'text', (c) => c.primaryKey())
    .addColumn('recording_enabled', 'integer', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('voice_settings').execute();
  await db.schema.dropTable('recordings').execute();
  await db.schema.dropTable('call_events').execute();
  await db.schema.dropTable('calls').execute();
}
