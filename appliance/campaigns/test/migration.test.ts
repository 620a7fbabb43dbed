import { sql } from 'kysely';
import t from 'tap';
import { migrations } from '../../db/index.js';
import { forEachDialect } from '../../test/helpers/dialects.js';

forEachDialect(t, 'migration 0014 creates the campaign tables and drops them again', async (t, db) => {
  const tables = ['campaigns', 'campaign_numbers', 'campaign_dnc'];
  const count = (table: string) =>
    sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  for (const table of tables) t.equal(Number((await count(table)).rows[0]?.n), 0, `${table} exists`);
  const m = migrations['0014_campaigns'];
  t.ok(m?.down, 'registered, with a down step');
  await m?.down?.(db.kysely as never);
  for (const table of tables) await t.rejects(count(table), `${table} dropped`);
  await m?.up(db.kysely as never);
  for (const table of tables) t.equal(Number((await count(table)).rows[0]?.n), 0, `${table} back`);
});
