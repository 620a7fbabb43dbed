/**
 * Calls that arrive by another transport than the SIP trunk (issue 18): `calls.channel` says how a
 * call came in (`sip` for every call before this migration, `twilio`, `webrtc`), and
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
  await db.schema.alterTable('calls').dropColumn('channel').execute();
}
