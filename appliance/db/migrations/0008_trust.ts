/**
 * Enterprise trust (issue 16):
 * - `user_mfa`: one TOTP secret per user, encrypted with a key derived from the master key
 *   (AES-256-GCM), `confirmed_at` once the user proved the app has it, `last_step` the last time
 *   step accepted (a code works once).
 * - `mfa_recovery_codes`: single-use codes, SHA-256 at rest (they are 80-bit random, so a fast
 *   hash is enough), `used_at` once spent.
 * - `businesses.mfa_required`: owners and admins must have MFA to sign in (1) or not (0).
 * - `businesses.ip_allow_list`: JSON array of addresses/CIDRs the business's API/UI may be used
 *   from (null: any).
 * - `audit_log_created`: the retention purge deletes by time across businesses.
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_mfa')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user').on('mfa_recovery_codes').column('user_id').execute();
  await db.schema
    .alterTable('businesses')
    .addColumn('mfa_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('businesses').addColumn('ip_allow_list', 'text').execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_created').execute();
  await db.schema.alterTable('businesses').dropColumn('ip_allow_list').execute();
  await db.schema.alterTable('businesses').dropColumn('mfa_required').execute();
  await db.schema.dropIndex('mfa_recovery_codes_user').execute();
  await db.schema.dropTable('mfa_recovery_codes').execute();
  await db.schema.dropTable('user_mfa').execute();
}
