/**
 * The backup file: a gzip'd tar (GNU tar, as `models import` uses) of a staging directory:
 *
 *   manifest.json            format, versions, dialect, applied migrations, sha256 + size of every member
 *   database/appliance.db    SQLite snapshot (VACUUM INTO), or database/postgres.dump (pg_dump -Fc)
 *   data/...                 the data directory: keys/appliance.key, recordings/ (still encrypted),
 *                            knowledge/ originals, knowledge-index/ ...
 *   models/installed.json    which model files were installed and whether they verified
 *   models/files/...         the model files themselves, only with `backup --with-models`
 *
 * A restore checks every member against the manifest before it writes anything.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
export const FORMAT = 'voice-appliance-backup';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const memberSchema = z.object({
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '.' || s === ''), {
      message: 'member path must be relative, without . or ..',
    }),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  applianceVersion: z.string(),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    file: z.string(),
    /** Migrations applied when the snapshot was taken (a newer appliance migrates on start). */
    migrations: z.array(z.string()),
  }),
  modelsIncluded: z.boolean(),
  members: z.array(memberSchema),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type Member = z.infer<typeof memberSchema>;

export async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Regular files under `root`, as '/'-separated paths relative to it, sorted. */
export async function listFiles(
  root: string,
  skip: (rel: string) => boolean = () => false,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return [];
        throw err;
      },
    );
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  await walk('');
  return out.sort();
}

export async function describe(root: string, rel: string): Promise<Member> {
  const full = path.join(root, ...rel.split('/'));
  return { path: rel, bytes: (await stat(full)).size, sha256: await sha256Of(full) };
}

/**
 * Checks an unpacked backup: the manifest parses, every member is there with its size and
 * sha256, and nothing else is. Returns the manifest; throws BackupError naming the first problem.
 */
export async function verifyUnpacked(root: string): Promise<BackupManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(root, MANIFEST), 'utf8'));
  } catch (err) {
    throw new BackupError(`not a backup file: no readable ${MANIFEST} (${(err as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupError(
      `backup manifest is invalid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  const m = parsed.data;
  const listed = new Set(m.members.map((x) => x.path));
  if (!listed.has(m.database.file))
    throw new BackupError(`backup manifest does not list its database ${m.database.file}`);
  const present = await listFiles(root);
  for (const p of present)
    if (p !== MANIFEST && !listed.has(p))
      throw new BackupError(`backup holds ${p}, which its manifest does not list`);
  for (const member of m.members) {
    const full = path.join(root, ...member.path.split('/'));
    const st = await stat(full).catch(() => undefined);
    if (!st?.isFile()) throw new BackupError(`backup is missing ${member.path} (truncated?)`);
    if (st.size !== member.bytes)
      throw new BackupError(
        `${member.path} has ${st.size} bytes, the manifest says ${member.bytes} (truncated or damaged)`,
      );
    if ((await sha256Of(full)) !== member.sha256)
      throw new BackupError(`${member.path} fails its sha256 check (damaged)`);
  }
  return m;
}

/** `tar -czf archive -C dir .` */
export function packDir(dir: string, archive: string): Promise<void> {
  return runTar(['-czf', archive, '-C', dir, '.'], 'writing the backup');
}

/**
 * Unpacks a backup; a damaged or truncated gzip/tar stream is a BackupError. The whole gzip
 * stream is read and its CRC checked first: GNU tar stops reading at the archive's end marker,
 * so damage after it, or in a member's padding, would pass tar and, outside the members, the
 * sha256 checks too.
 */
export async function unpack(archive: string, dest: string): Promise<void> {
  try {
    await pipeline(
      createReadStream(archive),
      createGunzip(),
      new Writable({ write: (_chunk, _enc, done) => done() }),
    );
  } catch (err) {
    throw new BackupError(`backup file is damaged: ${(err as Error).message}`);
  }
  // GNU tar refuses members with '..' and strips a leading '/'; owners and modes are not taken over.
  return runTar(
    ['-xzf', archive, '-C', dest, '--no-same-owner', '--no-same-permissions'],
    'backup file is damaged',
  );
}

function runTar(args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 2000) err += d.toString();
    });
    child.on('error', (e) => reject(new BackupError(`tar: ${e.message}`)));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${what}: tar exit ${code}: ${err.trim().slice(0, 300)}`)),
    );
  });
}
