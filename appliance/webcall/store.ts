/** The per-business origin allow-list of the embeddable call button (table `web_call_origins`). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * A page origin as browsers send it (`scheme://host[:port]`), lower case, default ports dropped;
 * undefined when `value` is not one (paths, credentials, other schemes, `null`).
 */
export function normalizeOrigin(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)
    return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/?$/i.test(value)) return undefined;
  return u.origin.toLowerCase();
}

export async function listOrigins(db: Kysely<Database>, businessId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('web_call_origins')
    .select('origin')
    .where('business_id', '=', businessId)
    .orderBy('origin')
    .execute();
  return rows.map((r) => r.origin);
}

export async function originAllowed(
  db: Kysely<Database>,
  businessId: string,
  origin: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('web_call_origins')
    .select('origin')
    .where('business_id', '=', businessId)
    .where('origin', '=', origin)
    .executeTakeFirst();
  return row !== undefined;
}

/** Replaces the list (normalized, deduplicated) in one transaction. */
export async function setOrigins(
  db: Kysely<Database>,
  businessId: string,
  origins: readonly string[],
  at: Date,
): Promise<string[]> {
  const list = [...new Set(origins)].sort();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('web_call_origins').where('business_id', '=', businessId).execute();
    if (list.length)
      await trx
        .insertInto('web_call_origins')
        .values(list.map((origin) => ({ business_id: businessId, origin, created_at: at.toISOString() })))
        .execute();
  });
  return list;
}
