import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Finds the newest installed PostgreSQL server binaries (Debian layout). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  readonly port: number;
  /** Creates a fresh, empty database and returns its postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * The same database by the cluster's Unix socket: reachable from inside a network namespace
   * (`unshare -rn`), where 127.0.0.1 is the namespace's own loopback.
   */
  socketUrl(databaseUrl: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL cluster on 127.0.0.1 (a free port, trust auth, data in a temp
 * dir). initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'appliance-pg-'));
  const dataDir = path.join(dir, 'data');
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const [c1, a1] = wrap(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  await run(c1, a1, { cwd: dir });
  const port = await freePort();
  const [c2, a2] = wrap(path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-w',
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  await run(c2, a2, { cwd: dir });
  // The socket file is 0777; the directory must be searchable by a namespace's root, which holds
  // no capabilities over the postgres user's files.
  chmodSync(dir, 0o755);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const [c3, a3] = wrap(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    await run(c3, a3, { cwd: dir }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  // A test runner that dies must not leave a server behind.
  process.once('exit', () => {
    if (!stopped)
      spawn(
        asRoot ? 'runuser' : path.join(bin, 'pg_ctl'),
        asRoot
          ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', 'stop']
          : ['-D', dataDir, '-m', 'immediate', 'stop'],
        { detached: true, stdio: 'ignore' },
      ).unref();
  });
  return {
    port,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`create database "${name.replace(/[^a-z0-9_]/gi, '_')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name.replace(/[^a-z0-9_]/gi, '_')}`;
    },
    socketUrl(databaseUrl: string) {
      const db = new URL(databaseUrl).pathname.slice(1);
      return `postgres://postgres@${encodeURIComponent(dir)}:${port}/${db}`;
    },
    stop,
  };
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}
function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
