/**
 * Calls that arrive by another transport than the SIP trunk (issue 18): `calls.channel` says how a
 * call came in (`sip` for every call before this migration, `twilio`, `webrtc`), `calls.external_id`
 * is the transport's own id of the call (Twilio's CallSid: status callbacks find the call by it), and
 * `twilio_accounts` holds a business's Twilio account: the Account SID (unique: the webhook finds
 * the business by it) and the auth token sealed with the `twilio` purpose key (AES-256-GCM,
 * bound to the business id; `SecretBox`), never stored or returned in clear.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo(sql`'sip'`))
    .execute();
  await db.schema.alterTable('calls').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('calls_external_id_idx')
    .on('calls')
    .columns(['business_id', 'external_id'])
    .execute();
  await db.schema
    .createTable('twilio_accounts')
    .addColumn('business_id', 'text', (c) => c.primaryKey().references('businesses.id').onDelete('cascade'))
    .addColumn('account_sid', 'text', (c) => c.notNull().unique())
    .addColumn('auth_token_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('twilio_accounts').execute();
  await db.schema.dropIndex('calls_external_id_idx').execute();
  await db.schema.alterTable('calls').dropColumn('external_id').execute();
  await db.schema.alterTable('calls').dropColumn('channel').execute();
}
