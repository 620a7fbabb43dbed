import t from 'tap';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { forEachDialect } from '../../test/helpers/dialects.js';
import { newId } from '../../ids.js';
import { admitCall, recordCallEnd, setKnowledgeBytes, subscribeOrChange, type Admission } from '../index.js';

const at = new Date('2026-05-01T10:00:00.000Z');

async function business(db: Kysely<Database>, name: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('businesses')
    .values({
      id,
      name,
      email: `${name}@x.test`,
      phone: null,
      address: null,
      timezone: 'UTC',
      website: null,
      description: null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  // A webhook listening for usage alerts, so threshold events land in the outbox.
  await db
    .insertInto('webhooks')
    .values({
      id: newId(),
      business_id: id,
      url: 'http://127.0.0.1:9/hook',
      events: JSON.stringify(['usage.threshold']),
      secret_enc: 'v1.x.y.z',
      enabled: 1,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .execute();
  return id;
}

/** One admission in its own transaction, with the conversation insert it guards. */
const admitWithConversation = (db: Kysely<Database>, businessId: string): Promise<Admission> =>
  db.transaction().execute(async (trx) => {
    const r = await admitCall(trx, businessId, at);
    if (r.admitted)
      await trx
        .insertInto('conversations')
        .values({
          id: newId(),
          business_id: businessId,
          agent_id: null,
          channel: 'phone',
          caller: null,
          status: 'active',
          started_at: at.toISOString(),
          ended_at: null,
          duration_ms: null,
          state: '{}',
          summary: null,
        })
        .execute();
    return r;
  });

forEachDialect(
  t,
  'concurrent calls racing for the last call of a plan admit exactly the limit',
  async (t, db) => {
    const k = db.kysely;
    const b = await business(k, 'racer');
    t.same(await admitCall(k, b, at), { admitted: false, reason: 'no_subscription' });
    await k.transaction().execute((trx) => subscribeOrChange(trx, b, 'starter', at));
    // 90 calls use most of the allowance, then 60 race for the last 10.
    for (let i = 0; i < 90; i++) await admitWithConversation(k, b);
    const results = await Promise.all(Array.from({ length: 60 }, () => admitWithConversation(k, b)));
    const admitted = results.filter((r) => r.admitted).length;
    t.equal(admitted, 10, 'exactly the 10 remaining calls are admitted');
    t.ok(
      results.filter((r) => !r.admitted).every((r) => !r.admitted && r.reason === 'plan_limit'),
      'the rest are refused for the plan limit',
    );
    const u = await k
      .selectFrom('usage_periods')
      .selectAll()
      .where('business_id', '=', b)
      .executeTakeFirstOrThrow();
    t.equal(Number(u.calls), 100);
    const convs = await k
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('business_id', '=', b)
      .executeTakeFirstOrThrow();
    t.equal(Number(convs.n), 100, 'the count never drifts from the conversations table');
    const notices = await k
      .selectFrom('usage_notices')
      .select('threshold_pct')
      .where('business_id', '=', b)
      .orderBy('threshold_pct')
      .execute();
    t.same(
      notices.map((n) => n.threshold_pct),
      [80, 100],
      'one notice per threshold',
    );
    const events = await k
      .selectFrom('outbox')
      .select('body')
      .where('business_id', '=', b)
      .where('event_type', '=', 'usage.threshold')
      .execute();
    t.equal(events.length, 2, 'one usage.threshold event per threshold');
    t.same(
      events.map((e) => (JSON.parse(e.body) as { data: { thresholdPct: number } }).data.thresholdPct).sort(),
      [100, 80],
    );

    // Upgrading mid-period raises the limit at once (the period's counts carry on).
    await k.transaction().execute((trx) => subscribeOrChange(trx, b, 'professional', at));
    t.match(await admitCall(k, b, at), { admitted: true, billing: 'included' });

    // After the period end, concurrent admissions race to roll it over: exactly one does.
    const later = new Date('2026-06-01T10:00:01.000Z');
    const next = await Promise.all(
      Array.from({ length: 20 }, () => k.transaction().execute((trx) => admitCall(trx, b, later))),
    );
    t.ok(
      next.every((r) => r.admitted),
      'all admitted in the new period',
    );
    const periods = await k
      .selectFrom('usage_periods')
      .select(['status', 'calls', 'period_start'])
      .where('business_id', '=', b)
      .orderBy('period_start')
      .execute();
    t.same(
      periods.map((p) => [p.status, Number(p.calls), p.period_start]),
      [
        ['closed', 101, '2026-05-01T10:00:00.000Z'],
        ['open', 20, '2026-06-01T10:00:00.000Z'],
      ],
      'one roll-over; the new period counts from zero',
    );
    const statements = await k
      .selectFrom('statements')
      .select('status')
      .where('business_id', '=', b)
      .execute();
    t.same(statements.map((s) => s.status).sort(), ['final', 'open']);
  },
);

forEachDialect(t, 'pay-per-use meters every call; durations and knowledge bytes', async (t, db) => {
  const k = db.kysely;
  const b = await business(k, 'payg');
  await k.transaction().execute((trx) => subscribeOrChange(trx, b, 'pay_per_use', at));
  const results = await Promise.all(Array.from({ length: 25 }, () => admitWithConversation(k, b)));
  t.ok(
    results.every((r) => r.admitted && r.billing === 'pay_per_use'),
    'always admitted',
  );
  const conv = await k
    .selectFrom('conversations')
    .select('id')
    .where('business_id', '=', b)
    .executeTakeFirstOrThrow();
  await k.transaction().execute((trx) => recordCallEnd(trx, b, conv.id, 61_500, at));
  await recordCallEnd(k, b, newId(), 1000, at);
  await setKnowledgeBytes(k, b, 12_345, at);
  const u = await k
    .selectFrom('usage_periods')
    .selectAll()
    .where('business_id', '=', b)
    .executeTakeFirstOrThrow();
  t.equal(Number(u.calls), 25);
  t.equal(Number(u.metered_calls), 25);
  t.equal(Number(u.metered_cents), 25 * 15, '$0.15 per call');
  t.equal(Number(u.call_seconds), 62 + 1, 'durations rounded up to whole seconds');
  t.equal(Number(u.knowledge_bytes), 12_345);
  const notices = await k.selectFrom('usage_notices').select('id').where('business_id', '=', b).execute();
  t.equal(notices.length, 0, 'no limit, no alerts');
});
