/**
 * `appliance restore FILE`: unpacks a backup next to the target data directory, verifies every
 * member's size and sha256 against the manifest, and only then writes: the database (SQLite file
 * or pg_restore into the configured PostgreSQL database), then the data directory's files.
 * A damaged, truncated or foreign file is refused before anything is written.
 */
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { postgresTableCount, restoreSnapshot, type Dialect } from '../db/index.js';
import { BackupError, type BackupManifest, unpack, verifyUnpacked } from './archive.js';
import { placeTls, planTlsRestore, type InstalledTls } from './tls-files.js';

export interface RestoreOptions {
  file: string;
  dataDir: string;
  databaseUrl: string;
  modelsDir: string;
  /** Restore over a data directory / database that is not empty. */
  force?: boolean;
  /** Where this box's configuration wants installed TLS pairs (the backup's are put there). */
  tls?: InstalledTls;
}

export interface RestoreReport {
  manifest: BackupManifest;
  files: number;
  /** What the operator still has to do (e.g. point the config at a restored certificate). */
  notes: string[];
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.length === 0;
}

/** Moves (or copies across file systems) `src` to `dest`, replacing it. */
async function place(src: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
  try {
    await rename(src, dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(src, dest);
  }
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreReport> {
  const file = path.resolve(opts.file);
  if (!(await stat(file).catch(() => undefined))?.isFile())
    throw new BackupError(`backup file ${file} not found`);
  const dataDir = path.resolve(opts.dataDir);
  const dialect: Dialect = opts.databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';
  if (!opts.force) {
    if (!(await isEmptyDir(dataDir)))
      throw new BackupError(`data directory ${dataDir} is not empty (restore onto a fresh one, or --force)`);
    if (dialect === 'postgres' && (await postgresTableCount(opts.databaseUrl)) > 0)
      throw new BackupError(
        'the PostgreSQL database already has tables (restore into a new database, or --force)',
      );
  }
  // Unpack beside the target so files are renamed, not copied, into place.
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(path.join(parent, '.appliance-restore-'));
  try {
    await unpack(file, work);
    const manifest = await verifyUnpacked(work);
    if (manifest.database.dialect !== dialect)
      throw new BackupError(
        manifest.database.dialect === 'sqlite'
          ? 'the backup holds a SQLite database: restore with APPLIANCE_DATABASE_URL unset'
          : 'the backup holds a PostgreSQL dump: set APPLIANCE_DATABASE_URL to the (new, empty) database to restore into',
      );
    const tls = planTlsRestore(
      work,
      manifest.members.map((m) => m.path),
      dataDir,
      opts.tls ?? {},
      Boolean(opts.force),
    );
    // Verified: from here on the target is written.
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await restoreSnapshot({
      dialect,
      snapshot: path.join(work, ...manifest.database.file.split('/')),
      dataDir,
      databaseUrl: opts.databaseUrl,
      force: Boolean(opts.force),
    });
    let files = 0;
    for (const m of manifest.members) {
      const src = path.join(work, ...m.path.split('/'));
      if (m.path.startsWith('data/')) {
        const dest = path.join(dataDir, ...m.path.slice('data/'.length).split('/'));
        await place(src, dest);
        // The key file, recordings and uploads are the service's alone.
        await chmod(dest, 0o600);
        files++;
      } else if (m.path.startsWith('models/files/') && manifest.modelsIncluded) {
        await place(
          src,
          path.join(path.resolve(opts.modelsDir), ...m.path.slice('models/files/'.length).split('/')),
        );
        files++;
      }
    }
    await placeTls(tls.placements);
    files += tls.placements.length;
    await chmod(path.join(dataDir, 'keys'), 0o700).catch(() => undefined);
    await chmod(path.join(dataDir, 'tls'), 0o700).catch(() => undefined);
    return { manifest, files, notes: tls.notes };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
