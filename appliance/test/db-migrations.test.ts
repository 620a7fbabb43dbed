import t from 'tap';
import { sql } from 'kysely';
import { forEachDialect } from './helpers/dialects.js';

forEachDialect(t, 'migrations create every core table and seed the plan catalogue', async (t, db) => {
  const plans = await db.kysely.selectFrom('plans').selectAll().orderBy('sort_order').execute();
  t.same(
    plans.map((p) => [p.id, p.monthly_fee_cents, p.included_calls, p.per_call_cents]),
    [
      ['starter', 2900, 100, 0],
      ['professional', 9900, 1000, 0],
      ['enterprise', 49900, null, 0],
      ['pay_per_use', 0, null, 15],
    ],
  );
  for (const table of [
    'businesses',
    'subscriptions',
    'users',
    'api_keys',
    'agents',
    'agent_numbers',
    'knowledge_bases',
    'conversations',
    'integrations',
    'webhooks',
    'audit_log',
  ]) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
    t.equal(Number(r.rows[0]?.n), 0, `${table} exists and is empty`);
  }
});
