import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import { openDb, migrateToLatest, type Db, type Dialect } from '../../db/index.js';
import { startPostgres, type PgCluster } from './postgres.js';

let cluster: Promise<PgCluster> | undefined;
let dbCounter = 0;

/** One PostgreSQL cluster per test process, started on first use and stopped at teardown. */
export function sharedPostgres(t: Test): Promise<PgCluster> {
  if (!cluster) {
    cluster = startPostgres();
    t.teardown(async () => {
      const c = await cluster;
      cluster = undefined;
      await c?.stop();
    });
  }
  return cluster;
}

export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

/** A fresh, migrated database of the given dialect; closed and removed at teardown. */
export async function freshDatabaseUrl(
  t: Test,
  dialect: Dialect,
): Promise<{ databaseUrl: string; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-test-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  if (dialect === 'sqlite') return { databaseUrl: '', dataDir };
  const pgc = await sharedPostgres(t);
  const databaseUrl = await pgc.createDatabase(`t_${process.pid}_${++dbCounter}`);
  return { databaseUrl, dataDir };
}

export async function freshDb(t: Test, dialect: Dialect): Promise<Db> {
  const { databaseUrl, dataDir } = await freshDatabaseUrl(t, dialect);
  const db = openDb({ databaseUrl, dataDir });
  t.teardown(() => db.close());
  await migrateToLatest(db);
  return db;
}

/**
 * Runs the same test body over every database dialect: the conformance pattern for anything
 * that touches the database.
 */
export function forEachDialect(t: Test, name: string, body: (t: Test, db: Db) => Promise<void>): void {
  for (const dialect of dialects) {
    t.test(`${name} [${dialect}]`, async (t) => {
      const db = await freshDb(t, dialect);
      await body(t, db);
    });
  }
}
