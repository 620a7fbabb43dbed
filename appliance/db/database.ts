import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { putBackSqlite, snapshotDatabase } from './dump.js';
import { migrations } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** The SQLite file, or the postgres:// URL (with its password: never log it). */
  readonly location: string;
  close(): Promise<void>;
}

// pg returns int8/numeric as strings to protect precision; our bigints (durations in ms, byte
// counts) fit comfortably in a double, so hand back numbers and keep both dialects' rows alike.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenDbOptions {
  /** Empty: SQLite file `appliance.db` in dataDir. postgres://…: PostgreSQL. */
  databaseUrl: string;
  dataDir: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

export function openDb(opts: OpenDbOptions): Db {
  if (opts.databaseUrl.startsWith('postgres')) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client's error (server restart) must not crash the process; the next query retries.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', location: opts.databaseUrl, close: () => kysely.destroy() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'appliance.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the tail).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { kysely, dialect: 'sqlite', location: file, close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement anew; compiling SQL was the largest single cost
 * per API request. Queries are parameterised, so the distinct SQL texts are few: cache the
 * prepared statements by text (bounded, oldest dropped first).
 */
function withStatementCache(db: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      }
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = target.prepare(sql);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}

/** What the migration runner logs (a pino logger fits). */
export interface MigrationLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MigrateOptions {
  /**
   * Where the automatic copy of the database goes before pending migrations run on a database
   * that already holds data (`<dataDir>/backups` at boot). Unset: no copy.
   */
  backupDir?: string;
  log?: MigrationLog;
  /** The migrations to apply (default: the appliance's own; tests inject a failing one). */
  migrations?: Record<string, Migration>;
  now?: () => Date;
}

/**
 * Brings the schema up to date; throws with the failing migration's name.
 *
 * With `backupDir`, a database that already holds data is first copied there
 * (`pre-migrate-<time>-after-<last applied>.db|.dump`) and the path logged. If a migration fails:
 * PostgreSQL rolls every pending migration back (kysely runs them in one transaction); SQLite DDL is
 * not transactional in kysely, so the copy is put back through the SQLite backup API. Either way
 * the old version can start on the data again, and the error names the copy.
 */
export async function migrateToLatest(db: Db, opts: MigrateOptions = {}): Promise<string[]> {
  const list = opts.migrations ?? migrations;
  const provider: MigrationProvider = { getMigrations: async () => list };
  const migrator = new Migrator({ db: db.kysely, provider });
  let backup: string | undefined;
  if (opts.backupDir) {
    const infos = await migrator.getMigrations();
    const done = infos.filter((m) => m.executedAt);
    const pending = infos.filter((m) => !m.executedAt).map((m) => m.name);
    if (done.length && pending.length) {
      const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const last = done[done.length - 1]?.name ?? 'none';
      const file = path.join(
        opts.backupDir,
        `pre-migrate-${stamp}-after-${last}.${db.dialect === 'sqlite' ? 'db' : 'dump'}`,
      );
      try {
        await snapshotDatabase(db, file);
        backup = file;
        opts.log?.info({ backup, pending }, `database copied to ${file} before migrating`);
      } catch (err) {
        // Without a copy, SQLite could not undo a failed migration: refuse to migrate.
        // PostgreSQL still rolls back on failure, so a missing pg_dump only warns.
        if (db.dialect === 'sqlite')
          throw new Error(`copy before migrating failed: ${errText(err)}`, { cause: err });
        opts.log?.warn(
          { err, pending },
          'no copy of the database before migrating (PostgreSQL rolls back a failed migration)',
        );
      }
    }
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    let restored = db.dialect === 'postgres';
    if (db.dialect === 'sqlite' && backup) {
      try {
        await putBackSqlite(backup, db.location);
        restored = true;
      } catch (err) {
        opts.log?.error({ err, backup }, 'putting the copy back after a failed migration failed');
      }
    }
    const where = backup ? `; the data before migrating is kept in ${backup}` : '';
    const state = restored ? ' (the database is as it was before migrating)' : '';
    const msg = `database migration ${failed} failed: ${errText(error)}${state}${where}`;
    opts.log?.error({ err: error, backup, migration: failed }, msg);
    throw new Error(msg, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
