/**
 * Security hardening (issue 23):
 * - `users.token_version`: access tokens carry it; raising it (password or role change, disable,
 *   logout) ends every outstanding access token of that user.
 * - `refresh_tokens.authenticated_at`: when the sign-in a refresh token descends from checked the
 *   password, so a refreshed access token does not count as a fresh login.
 * - `api_keys.owner_user_id`: the human a key's rights derive from. Filled from `created_by`
 *   (following keys made by keys); keys whose creator no longer exists are revoked, since they
 *   would otherwise outlive the person who made them.
 * - `agent_numbers.number` in canonical form (`agents/numbers.ts`). Where two stored spellings
 *   become one number, the row already in canonical form is kept (else the first by agent
 *   creation), the others are removed and an `agent.number_removed` audit entry tells their business.
 */
import { sql, type Kysely } from 'kysely';
import { canonicalNumber } from '../../agents/numbers.js';
import { newId } from '../../ids.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('refresh_tokens').addColumn('authenticated_at', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('owner_user_id', 'text').execute();
  await sql`UPDATE api_keys SET owner_user_id = created_by
            WHERE created_by IN (SELECT id FROM users WHERE users.business_id = api_keys.business_id)`.execute(
    db,
  );
  // Keys made by keys: inherit the owner, one level per pass (chains are short).
  for (let i = 0; i < 8; i++) {
    const r = await sql`UPDATE api_keys SET owner_user_id =
                          (SELECT p.owner_user_id FROM api_keys p WHERE p.id = api_keys.created_by)
                        WHERE owner_user_id IS NULL
                          AND created_by IN (SELECT id FROM api_keys WHERE owner_user_id IS NOT NULL)`.execute(
      db,
    );
    if (Number(r.numAffectedRows ?? 0) === 0) break;
  }
  const now = new Date().toISOString();
  await sql`UPDATE api_keys SET revoked_at = ${now}
            WHERE owner_user_id IS NULL AND revoked_at IS NULL`.execute(db);
  await db.schema.createIndex('api_keys_owner').on('api_keys').column('owner_user_id').execute();

  const rows = (
    await sql<{
      number: string;
      agent_id: string;
      business_id: string;
      created_at: string;
    }>`SELECT n.number, n.agent_id, n.business_id, a.created_at
       FROM agent_numbers n JOIN agents a ON a.id = n.agent_id
       ORDER BY a.created_at, n.number`.execute(db)
  ).rows;
  const byCanonical = new Map<string, typeof rows>();
  for (const r of rows) {
    const c = canonicalNumber(r.number);
    const list = byCanonical.get(c) ?? [];
    list.push(r);
    byCanonical.set(c, list);
  }
  for (const [canonical, list] of byCanonical) {
    if (list.length === 1 && list[0]?.number === canonical) continue;
    const keep = list.find((r) => r.number === canonical) ?? list[0];
    for (const r of list) {
      if (r === keep || r.number === canonical) continue;
      await sql`DELETE FROM agent_numbers WHERE number = ${r.number}`.execute(db);
      await sql`INSERT INTO audit_log (id, business_id, actor_type, actor_id, action, target_type, target_id, details, ip, created_at)
                VALUES (${newId()}, ${r.business_id}, 'system', NULL, 'agent.number_removed', 'agent', ${r.agent_id},
                        ${JSON.stringify({ reason: 'duplicate after number normalisation' })}, NULL, ${now})`.execute(
        db,
      );
    }
    if (keep && keep.number !== canonical)
      await sql`UPDATE agent_numbers SET number = ${canonical} WHERE number = ${keep.number}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_keys_owner').execute();
  await db.schema.alterTable('api_keys').dropColumn('owner_user_id').execute();
  await db.schema.alterTable('refresh_tokens').dropColumn('authenticated_at').execute();
  await db.schema.alterTable('users').dropColumn('token_version').execute();
}
