/**
 * Outbound campaigns (issue 20).
 *
 * - `campaigns`: one row per campaign: agent, state (draft/running/paused/completed/cancelled),
 *   pause reason, IANA time zone and calling windows (JSON text), concurrency, attempts and
 *   retry backoff (s), voicemail text (null: hang up on machines), AMD flag (0/1).
 * - `campaign_numbers`: one row per number of a campaign (unique per campaign): its source line and
 *   its place in the campaign (uploads append; numbers are dialed in that order), state, attempts,
 *   last outcome, last call id, next attempt time, talk seconds, and the node dialing it (so a
 *   restarted node puts back only its own interrupted calls).
 * - `campaign_dnc`: the business's do-not-call list (normalised numbers).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pause_reason', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('concurrency', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff_s', 'integer', (c) => c.notNull())
    .addColumn('voicemail_message', 'text')
    .addColumn('amd', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('campaigns_business')
    .on('campaigns')
    .columns(['business_id', 'created_at'])
    .execute();
  await db.schema.createIndex('campaigns_status').on('campaigns').columns(['status']).execute();
  await db.schema
    .createTable('campaign_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('last_call_id', 'text')
    .addColumn('last_reason', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('duration_s', 'real', (c) => c.notNull())
    .addColumn('dialing_node', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_numbers_unique', ['campaign_id', 'number'])
    .execute();
  await db.schema
    .createIndex('campaign_numbers_due')
    .on('campaign_numbers')
    .columns(['campaign_id', 'status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createTable('campaign_dnc')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_dnc_pk', ['business_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_dnc').execute();
  await db.schema.dropTable('campaign_numbers').execute();
  await db.schema.dropTable('campaigns').execute();
}
