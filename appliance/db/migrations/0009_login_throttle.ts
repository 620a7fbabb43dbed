/**
 * Login throttling that survives a restart (issue 16): one row per throttled key (`scope`
 * `login` for password sign-ins and password changes, `mfa` for second-step codes). The key
 * (email and address, or user id) is stored only as its SHA-256, so the table holds no e-mail
 * addresses. `blocked_until_ms` is Unix time in ms (bigint on PostgreSQL, read back as a string).
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['scope', 'key_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
