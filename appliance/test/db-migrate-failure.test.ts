/**
 * A migration that fails half-way on existing data, both dialects: the runner copied the database
 * first and logged where, the error names the copy, and the data is exactly as before (PostgreSQL:
 * one transaction rolled back; SQLite: the copy put back through the backup API), so the release
 * that made it can start on it again. A fresh database is not copied.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import t from 'tap';
import { dumpTables } from '../backup/test/helpers.js';
import { migrateToLatest, migrations, openDb } from '../db/index.js';
import { dialects, freshDatabaseUrl } from './helpers/dialects.js';

const at = '2026-01-01T00:00:00.000Z';

/** Does real work (DDL and DML, in both tables and rows) before it fails. */
const failing: Record<string, Migration> = {
  '0098_fine': {
    up: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('businesses').addColumn('legacy_note', 'text').execute();
      await sql`update businesses set legacy_note = 'x'`.execute(db);
    },
  },
  '0099_broken': {
    up: async (db: Kysely<unknown>) => {
      await db.schema.createTable('scratch').addColumn('id', 'text').execute();
      await sql`update businesses set name = 'clobbered'`.execute(db);
      await sql`delete from plans where id = 'starter'`.execute(db);
      throw new Error('boom: injected failure');
    },
  },
};

for (const dialect of dialects) {
  t.test(`a failed migration leaves the old data usable [${dialect}]`, async (t) => {
    const { databaseUrl, dataDir } = await freshDatabaseUrl(t, dialect);
    const backupDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-premigrate-'));
    t.teardown(() => rmSync(backupDir, { recursive: true, force: true }));
    const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
    const log = {
      info: (obj: object, msg: string) =>
        lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
      warn: (obj: object, msg: string) =>
        lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
      error: (obj: object, msg: string) =>
        lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
    };
    const db = openDb({ databaseUrl, dataDir });
    t.teardown(() => db.close());
    t.ok((await migrateToLatest(db, { backupDir, log })).length > 0, 'fresh database migrated');
    t.same(readdirSync(backupDir), [], 'a fresh database is not copied');
    for (const b of ['A', 'B'])
      await sql`insert into businesses (id, name, email, timezone, created_at, updated_at)
                values (${b}, ${`Business ${b}`}, ${`${b}@x.test`}, 'UTC', ${at}, ${at})`.execute(db.kysely);
    const before = await dumpTables(db);

    const err = await migrateToLatest(db, { backupDir, log, migrations: { ...migrations, ...failing } }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    t.ok(err, 'the failure is reported');
    t.match(err?.message, /migration 0099_broken failed: boom: injected failure/);
    t.match(err?.message, /as it was before migrating/);
    const files = readdirSync(backupDir);
    t.equal(files.length, 1, 'one copy made');
    const copy = path.join(backupDir, files[0] ?? '');
    // Named after the last shipped migration applied before the failing one.
    const last = Object.keys(migrations).sort().at(-1) ?? '';
    t.match(files[0], new RegExp(`^pre-migrate-.*-after-${last}\\.(db|dump)$`));
    t.ok(existsSync(copy));
    t.ok(err?.message.includes(copy), 'the error names the copy');
    const info = lines.find((l) => l.level === 'info');
    t.equal(info?.obj.backup, copy, 'logged where the copy is before migrating');
    t.ok(info?.msg.includes(copy));
    const error = lines.find((l) => l.level === 'error');
    t.equal(error?.obj.backup, copy, 'the error line names the copy');
    t.ok(error?.msg.includes(copy));

    // Exactly the old data: no new table or column, no changed row, no migration recorded.
    t.same(await dumpTables(db), before, 'every table and row as before');
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      db.kysely,
    );
    t.same(
      applied.rows.map((r) => r.name),
      Object.keys(migrations),
      'only the shipped migrations are recorded',
    );
    // The release that made the data still runs on it: its migrations find nothing to do.
    t.same(await migrateToLatest(db, { backupDir, log }), [], 'the old schema is intact');
    await db.close();
    const reopened = openDb({ databaseUrl, dataDir });
    t.teardown(() => reopened.close());
    t.same(await dumpTables(reopened), before, 'and stays so on a new connection');
  });
}
