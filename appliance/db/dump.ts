/**
 * Consistent copies of the database while the service runs, and putting one back.
 *
 * SQLite: `VACUUM INTO` writes a compacted copy from one read transaction, so it is a consistent
 * snapshot and, in WAL mode, does not block the service's writers (the backup API would restart
 * its copy whenever another connection writes). PostgreSQL: `pg_dump --format=custom` (one
 * repeatable-read snapshot) and `pg_restore`; the password travels in PGPASSWORD, never in argv.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db, Dialect } from './database.js';

/** File name of a snapshot in a backup: `appliance.db` (SQLite) or `postgres.dump` (pg_dump custom format). */
export function snapshotFileName(dialect: Dialect): string {
  return dialect === 'sqlite' ? 'appliance.db' : 'postgres.dump';
}

/** Writes a consistent snapshot of `db` to `dest` (which must not exist). */
export async function snapshotDatabase(db: Db, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  if (db.dialect === 'sqlite') {
    await sql`vacuum into ${dest}`.execute(db.kysely);
    return;
  }
  await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--file=${dest}`], db.location);
}

/**
 * Puts a snapshot back. SQLite: the file becomes `<dataDir>/appliance.db` (an existing one and its
 * WAL are replaced only with `force`). PostgreSQL: restored into the database of `databaseUrl`,
 * which must have no tables unless `force` (then objects of the same name are dropped first).
 */
export async function restoreSnapshot(opts: {
  dialect: Dialect;
  snapshot: string;
  dataDir: string;
  databaseUrl: string;
  force: boolean;
}): Promise<void> {
  if (opts.dialect === 'sqlite') {
    await mkdir(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, 'appliance.db');
    if (opts.force) for (const s of ['', '-wal', '-shm', '-journal']) await rm(file + s, { force: true });
    const tmp = `${file}.restore.tmp`;
    await copyFile(opts.snapshot, tmp);
    await rename(tmp, file);
    return;
  }
  const args = ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction'];
  if (opts.force) args.push('--clean', '--if-exists');
  await runPgTool('pg_restore', [...args, opts.snapshot], opts.databaseUrl);
}

/** Tables in the PostgreSQL database's public schema (a restore target must have none). */
export async function postgresTableCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Copies a SQLite snapshot back over the live database through the SQLite backup API, so the
 * service's open connection sees the old pages (used to undo a failed migration on SQLite, whose
 * DDL kysely does not run in a transaction).
 */
export async function putBackSqlite(snapshot: string, liveFile: string): Promise<void> {
  const src = new SQLite(snapshot, { readonly: true, fileMustExist: true });
  try {
    await src.backup(liveFile);
  } finally {
    src.close();
  }
}

/** Runs pg_dump/pg_restore against `url`; the password goes in PGPASSWORD. Rejects with stderr. */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${u.toString()}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 4000) err += d.toString();
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'ENOENT'
            ? `${tool} not found (install the postgresql-client package)`
            : `${tool}: ${e.message}`,
          { cause: e },
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool} failed (exit ${code}): ${err.trim().slice(0, 1000)}`)),
    );
  });
}
