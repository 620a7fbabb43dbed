/**
 * Migration 0007 on existing data, both dialects: API keys get the human they derive from (keys
 * made by keys included) and keys whose creator is gone are revoked; stored agent numbers take
 * their canonical form, a clash keeps the already-canonical row and tells the other business.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import t from 'tap';
import { migrateToLatest, openDb } from '../db/index.js';
import { migrations } from '../db/migrations/index.js';
import { dialects, freshDatabaseUrl } from './helpers/dialects.js';

async function insert(db: Kysely<unknown>, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
            values (${sql.join(cols.map((c) => row[c]))})`.execute(db);
}

const at = '2026-01-01T00:00:00.000Z';

for (const dialect of dialects) {
  t.test(`0007 on existing data [${dialect}]`, async (t) => {
    const { databaseUrl, dataDir } = await freshDatabaseUrl(t, dialect);
    const db = openDb({ databaseUrl, dataDir });
    t.teardown(() => db.close());
    const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
    const to6 = await migrator.migrateTo('0006_call_event_index');
    t.notOk(to6.error, 'at 0006');
    const k = db.kysely as unknown as Kysely<unknown>;

    for (const b of ['A', 'B'])
      await insert(k, 'businesses', {
        id: b,
        name: b,
        email: `${b}@x.test`,
        phone: null,
        address: null,
        timezone: 'UTC',
        website: null,
        description: null,
        created_at: at,
        updated_at: at,
      });
    for (const [id, business] of [
      ['uA', 'A'],
      ['uB', 'B'],
    ] as const)
      await insert(k, 'users', {
        id,
        business_id: business,
        email: `${id}@x.test`,
        name: null,
        password_hash: 'x',
        role: 'admin',
        disabled: 0,
        created_at: at,
        last_login_at: null,
      });
    const key = (id: string, createdBy: string | null, business = 'A') =>
      insert(k, 'api_keys', {
        id,
        business_id: business,
        name: id,
        prefix: `p${id}`.padEnd(8, 'x'),
        key_hash: 'h',
        role: 'admin',
        created_by: createdBy,
        created_at: at,
        expires_at: null,
        revoked_at: null,
        last_used_at: null,
      });
    await key('k1', 'uA');
    await key('k2', 'k1');
    await key('k3', 'k2');
    await key('k4', 'deleted-user');
    await key('k5', null);
    await key('k6', 'uA', 'B'); // a creator id from another business is no owner
    for (const [id, business, created] of [
      ['agA', 'A', '2026-01-01T00:00:01.000Z'],
      ['agB', 'B', '2026-01-01T00:00:02.000Z'],
      ['agA2', 'A', '2026-01-01T00:00:03.000Z'],
    ] as const)
      await insert(k, 'agents', {
        id,
        business_id: business,
        name: id,
        greeting: 'Hi',
        language: 'en-US',
        personality: '{}',
        voice: '{}',
        config: '{}',
        status: 'untrained',
        status_detail: null,
        trained_at: null,
        version: 1,
        created_at: created,
        updated_at: created,
      });
    for (const [number, agent, business] of [
      ['+5550100', 'agA', 'A'],
      ['5550100', 'agB', 'B'],
      ['555-0199', 'agA2', 'A'],
      ['(555) 0177.', 'agA2', 'A'],
      ['sales.desk', 'agA', 'A'],
    ] as const)
      await insert(k, 'agent_numbers', { number, agent_id: agent, business_id: business });

    // 0007 first; later migrations (0008 …) follow it.
    t.same((await migrateToLatest(db)).slice(0, 1), ['0007_security_hardening']);

    const keys = await db.kysely
      .selectFrom('api_keys')
      .select(['id', 'owner_user_id', 'revoked_at'])
      .orderBy('id')
      .execute();
    t.same(
      keys.map((r) => [r.id, r.owner_user_id, r.revoked_at !== null]),
      [
        ['k1', 'uA', false],
        ['k2', 'uA', false],
        ['k3', 'uA', false],
        ['k4', null, true],
        ['k5', null, true],
        ['k6', null, true],
      ],
      'owners resolved through keys; ownerless keys revoked',
    );
    const numbers = await db.kysely
      .selectFrom('agent_numbers')
      .select(['number', 'agent_id'])
      .orderBy('number')
      .execute();
    t.same(
      numbers.map((r) => [r.number, r.agent_id]),
      [
        ['5550100', 'agB'],
        ['5550177', 'agA2'],
        ['5550199', 'agA2'],
        ['sales.desk', 'agA'],
      ],
      'canonical numbers; the clash keeps the row already in canonical form',
    );
    const notice = await db.kysely
      .selectFrom('audit_log')
      .select(['business_id', 'action', 'target_id'])
      .execute();
    t.same(notice, [{ business_id: 'A', action: 'agent.number_removed', target_id: 'agA' }]);
    const user = await db.kysely
      .selectFrom('users')
      .select('token_version')
      .where('id', '=', 'uA')
      .executeTakeFirst();
    t.equal(Number(user?.token_version), 0, 'token versions start at 0');
  });
}
