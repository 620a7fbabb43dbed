/**
 * `appliance backup FILE`: an online, consistent backup while the service runs. The database
 * snapshot is taken first (one read transaction, db/dump.ts), then the data directory's files are
 * hard-linked into a staging folder under `<dataDir>/backups/` (copied across file systems).
 * Recordings and knowledge originals are written once (temp file + rename) and never changed in
 * place, so a link is a stable copy; a row in the snapshot whose recording the retention sweep
 * deletes in between (already expired) is the only file that can be missing.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ModelManager } from '../../models/index.js';
import { openDb, snapshotDatabase, snapshotFileName, type Dialect } from '../db/index.js';
import {
  BackupError,
  FORMAT,
  MANIFEST,
  describe,
  listFiles,
  packDir,
  type BackupManifest,
} from './archive.js';
import { tlsMember, tlsPairNames, type InstalledTls } from './tls-files.js';

export interface BackupOptions {
  file: string;
  dataDir: string;
  databaseUrl: string;
  modelsDir: string;
  /** Derived-file cache (config `models.cacheDir`; empty: `<dataDir>/cache`), left out. */
  cacheDir?: string;
  /** Also put the model files in (default: only the list of installed models). */
  withModels?: boolean;
  /** Installed TLS pairs (config), copied in so a restored box keeps its fingerprints. */
  tls?: InstalledTls;
  now?: () => Date;
}

export interface BackupReport {
  file: string;
  bytes: number;
  members: number;
  dialect: Dialect;
  migrations: string[];
}

export const applianceVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url.replace('/dist/', '/')), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Never backed up: the live database files, plaintext of calls in progress, caches, earlier
 * backups, and this node's run state (pid, drain marker, node-state.json: cluster/node-control.ts),
 * so that a box restored from it does not start drained.
 */
function skipper(dataDir: string, extra: string[]): (rel: string) => boolean {
  const skipDirs = ['recordings/incoming', 'cache', 'backups', ...extra];
  return (rel) =>
    /^appliance\.db(-wal|-shm|-journal)?$/.test(rel) ||
    /^(appliance\.pid|drain|node-state\.json)$/.test(rel) ||
    rel.endsWith('.tmp') ||
    skipDirs.some((d) => rel === d || rel.startsWith(`${d}/`));
}

/** Paths of `dir` relative to `dataDir` when it lies inside it (so it can be left out). */
function inside(dataDir: string, dir: string | undefined): string[] {
  if (!dir) return [];
  const rel = path.relative(path.resolve(dataDir), path.resolve(dir));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? [rel.split(path.sep).join('/')] : [];
}

async function linkOrCopy(src: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await link(src, dest);
  } catch {
    await copyFile(src, dest);
  }
}

export async function createBackup(opts: BackupOptions): Promise<BackupReport> {
  const out = path.resolve(opts.file);
  if (await stat(out).catch(() => undefined)) throw new BackupError(`${out} exists: choose a new file name`);
  if (!(await stat(path.dirname(out)).catch(() => undefined))?.isDirectory())
    throw new BackupError(`folder ${path.dirname(out)} does not exist`);
  const dataDir = path.resolve(opts.dataDir);
  const dialect: Dialect = opts.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';
  if (dialect === 'sqlite' && !(await stat(path.join(dataDir, 'appliance.db')).catch(() => undefined)))
    throw new BackupError(`no database in ${dataDir} (is APPLIANCE_DATA_DIR right?)`);
  const backups = path.join(dataDir, 'backups');
  await mkdir(backups, { recursive: true, mode: 0o700 });
  const staging = path.join(backups, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  const db = openDb({ databaseUrl: opts.databaseUrl, dataDir, poolSize: 1 });
  try {
    // 1. The database, consistent in itself.
    const dbRel = `database/${snapshotFileName(dialect)}`;
    await snapshotDatabase(db, path.join(staging, dbRel));
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`
      .execute(db.kysely)
      .then((r) => r.rows.map((x) => x.name))
      .catch(() => [] as string[]);

    // 2. The data directory's files (key file, encrypted recordings, knowledge originals, ...).
    const skip = skipper(dataDir, [
      ...inside(dataDir, opts.modelsDir),
      ...inside(dataDir, opts.cacheDir),
      ...inside(dataDir, out),
    ]);
    const dataFiles = await listFiles(dataDir, skip);
    for (const rel of dataFiles) {
      try {
        await linkOrCopy(path.join(dataDir, rel), path.join(staging, 'data', rel));
      } catch (err) {
        // Deleted between listing and linking (an expired recording swept): nothing to keep.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }

    // 2b. Installed TLS certificates and keys, wherever they live (the self-signed ones are in
    //     the data directory and came with it).
    for (const name of tlsPairNames) {
      const pair = opts.tls?.[name];
      if (!pair) continue;
      for (const [part, file] of [
        ['crt', pair.certFile],
        ['key', pair.keyFile],
      ] as const) {
        const dest = path.join(staging, ...tlsMember(name, part).split('/'));
        await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
        try {
          await copyFile(file, dest);
        } catch (err) {
          throw new BackupError(
            `cannot read the installed ${name} TLS file ${file}: ${(err as Error).message}`,
          );
        }
      }
    }

    // 3. Models: the list of what is installed; the files only when asked (they are large and
    //    come from the site's model bundle, which can be imported again).
    const manager = new ModelManager({ modelsDir: opts.modelsDir });
    const installed = await manager.list();
    await mkdir(path.join(staging, 'models'), { recursive: true });
    await writeFile(path.join(staging, 'models', 'installed.json'), JSON.stringify(installed, null, 2));
    if (opts.withModels)
      for (const m of installed)
        for (const f of m.files)
          if (f.state !== 'missing')
            await linkOrCopy(
              path.join(manager.modelsDir, f.path),
              path.join(staging, 'models', 'files', f.path),
            );

    // 4. The manifest, then the archive (written beside the target and renamed into place).
    const rels = await listFiles(staging);
    const members = [];
    for (const rel of rels) members.push(await describe(staging, rel));
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: 1,
      createdAt: (opts.now?.() ?? new Date()).toISOString(),
      applianceVersion,
      database: { dialect, file: dbRel, migrations },
      modelsIncluded: Boolean(opts.withModels),
      members,
    };
    await writeFile(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    const partial = `${out}.partial`;
    try {
      await packDir(staging, partial);
      await rename(partial, out);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { file: out, bytes: (await stat(out)).size, members: members.length, dialect, migrations };
  } finally {
    await db.close();
    await rm(staging, { recursive: true, force: true });
  }
}
