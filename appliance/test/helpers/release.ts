/**
 * The previous release, built from git for upgrade tests: the commit is tagged (`v0.9.0` by
 * default) in the test's own clone, exported with `git archive` into a temp dir, given this
 * checkout's node_modules when its package-lock.json is the same (else `npm ci --prefer-offline`).
 * With `build` (`npm run verify:upgrade`) it is compiled with `tsc -p tsconfig.build.json` and
 * runs from dist/ as shipped (the service only: the admin UI bundle and the pocketsphinx helper are
 * not needed to make data); without, it runs its own sources through tsx, which keeps the CI test
 * short (compiling took 225 s on the loaded 2-core box). Kept per commit in the temp dir.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './postgres.js';
import { repoRoot } from './shared.js';

const run = promisify(execFile);

/**
 * The release the upgrade test starts from: `APPLIANCE_UPGRADE_FROM` (a tag or commit), else the
 * main this upgrade path was written against (before backups existed), tagged v0.9.0.
 */
export const PREVIOUS_RELEASE =
  process.env.APPLIANCE_UPGRADE_FROM ?? '9632ff1de2a7e1287805d86eb39d014586db6e45';
export const PREVIOUS_TAG = 'v0.9.0';

export interface Release {
  dir: string;
  commit: string;
  /** Compiled to dist/ (else run from its sources through tsx). */
  built: boolean;
  /** Seconds spent exporting and building (0: reused from an earlier run). */
  buildS: number;
}

/** undefined (with the reason) when the commit is not in this clone (a shallow CI checkout). */
export async function previousRelease(
  ref = PREVIOUS_RELEASE,
  opts: { build?: boolean } = {},
): Promise<Release | { missing: string }> {
  const commit = await run('git', [
    '-C',
    repoRoot,
    'rev-parse',
    '--verify',
    '--quiet',
    `${ref}^{commit}`,
  ]).then(
    (r) => r.stdout.trim(),
    () => undefined,
  );
  if (!commit) return { missing: `release ${ref} is not in this clone (shallow checkout?)` };
  const dir = path.join(os.tmpdir(), `appliance-release-${commit.slice(0, 12)}`);
  const build = Boolean(opts.build);
  const t0 = Date.now();
  // A kept export is reused only while its node_modules still resolves: a symlinked one points
  // into the checkout that made it, which may since have moved or gone (a copied /tmp, a removed
  // worktree), and would then fail with "Cannot find package 'tsx'".
  if (
    existsSync(path.join(dir, '.exported')) &&
    !existsSync(path.join(dir, 'node_modules', 'tsx', 'package.json'))
  )
    rmSync(dir, { recursive: true, force: true });
  if (!existsSync(path.join(dir, '.exported'))) {
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
      // Our own clone, so the tag touches nothing of the developer's repository.
      const clone = path.join(tmp, '.clone');
      await run('git', ['clone', '--quiet', '--shared', '--no-checkout', repoRoot, clone]);
      await run('git', ['-C', clone, 'tag', '-f', PREVIOUS_TAG, commit]);
      await run('sh', ['-c', `git -C "${clone}" archive ${PREVIOUS_TAG} | tar -x -C "${tmp}"`]);
      rmSync(clone, { recursive: true, force: true });
      const sameLock =
        readFileSync(path.join(tmp, 'package-lock.json'), 'utf8') ===
        readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8');
      if (sameLock) symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tmp, 'node_modules'));
      // Another lockfile (the old release pinned ws 8.23.0, today 8.18.3): what this machine's npm
      // cache lacks comes from the npm registry, as for the set-up's own npm ci. --offline failed
      // on a fresh machine (ENOTCACHED), where only today's packages are cached.
      else
        await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
          cwd: tmp,
          maxBuffer: 1 << 26,
        });
      writeFileSync(path.join(tmp, '.exported'), `${commit}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }
  if (build && !existsSync(path.join(dir, '.built'))) {
    await run(
      process.execPath,
      [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: dir,
        maxBuffer: 1 << 26,
      },
    );
    writeFileSync(path.join(dir, '.built'), `${commit}\n`);
  }
  return { dir, commit, built: build, buildS: (Date.now() - t0) / 1000 };
}

/** The release's module `rel` (e.g. 'db/index.js' under appliance/), as a file URL to import. */
export function releaseModule(release: Release, rel: string): string {
  const file = release.built
    ? path.join(release.dir, 'dist', 'appliance', rel)
    : path.join(release.dir, 'appliance', rel.replace(/\.js$/, '.ts'));
  return pathToFileURL(file).href;
}

/** Node arguments that run a script of the release (tsx when it runs from its sources). */
export function releaseNodeArgs(release: Release): string[] {
  return release.built ? [] : ['--import', 'tsx'];
}

export interface RunningRelease {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts a release's `appliance/main` (dist/ when built) on a data dir / database; resolves once /healthz is 200. */
export async function startRelease(
  release: Release,
  opts: { dataDir: string; databaseUrl: string; modelsDir: string },
): Promise<RunningRelease> {
  const port = await freePort();
  const configFile = path.join(os.tmpdir(), `appliance-release-config-${process.pid}-${port}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      sip: { enabled: false },
      models: { warmOnStart: false },
      http: { unsubscribedRatePerS: 1000, publicRatePerS: 1000 },
    }),
  );
  const main = release.built
    ? [path.join(release.dir, 'dist', 'appliance', 'main.js')]
    : ['--import', 'tsx', path.join(release.dir, 'appliance', 'main.ts')];
  const child: ChildProcess = spawn(process.execPath, main, {
    cwd: release.dir,
    env: {
      ...process.env,
      APPLIANCE_CONFIG: configFile,
      APPLIANCE_DATA_DIR: opts.dataDir,
      APPLIANCE_DATABASE_URL: opts.databaseUrl,
      APPLIANCE_MODELS_DIR: opts.modelsDir,
      APPLIANCE_MODEL_CACHE_DIR: path.join(os.tmpdir(), 'appliance-model-cache'),
      APPLIANCE_HTTP_PORT: String(port),
      APPLIANCE_BIND_ADDRESS: '127.0.0.1',
      APPLIANCE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; ;) {
    const code = await Promise.race([
      exited,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 250)),
    ]);
    if (code !== undefined) rmSync(configFile, { force: true });
    if (code !== undefined)
      throw new Error(`release exited (${code}) before it was ready: ${stderr.slice(-2000)}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`release not ready after 120 s: ${stderr.slice(-2000)}`);
    }
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      rmSync(configFile, { force: true });
    },
  };
}
