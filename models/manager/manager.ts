/**
 * Model files on disk: status per known model (installed / missing / partial / corrupt, and
 * whether the sha256 is verified), air-gapped bundle import (directory or tar via the system
 * `tar`) and online pull with resume. All installs are verify-then-rename.
 */
import { spawn } from 'node:child_process';

import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ModelError } from '../types.js';
import { atomicCopy, downloadResumable, sha256File, type ProgressFn } from './files.js';
import { MODEL_MANIFEST, findModel, type ModelEntry, type ModelFile } from './manifest.js';

export const FILE_STATES = ['ok', 'unverified', 'missing', 'corrupt'] as const;
export type FileState = (typeof FILE_STATES)[number];
export type ModelState = 'installed' | 'missing' | 'partial' | 'corrupt';

export interface ModelStatus {
  readonly name: string;
  readonly kind: ModelEntry['kind'];
  readonly engine: string;
  readonly state: ModelState;
  /** True when every file's sha256 was checked against a known pin. */
  readonly verified: boolean;
  readonly files: ReadonlyArray<{ path: string; state: FileState; sizeBytes?: number; detail?: string }>;
  readonly license: string;
  readonly upstream: string;
}

export interface InstallReport {
  /**
   * verified: the sha256 matches the manifest's pin. bundleSum: the file matched the bundle's own
   * SHA256SUMS line (integrity in transit, not authenticity: a pin is what proves the origin).
   */
  readonly installed: Array<{ model: string; path: string; verified: boolean; bundleSum?: boolean }>;
  readonly rejected: Array<{ path: string; reason: string }>;
}

export interface ModelManagerOptions {
  modelsDir: string;
  manifest?: readonly ModelEntry[];
  logger?: Logger;
}

export class ModelManager {
  readonly modelsDir: string;
  readonly manifest: readonly ModelEntry[];
  /** sha256 per absolute path, keyed by size+mtime so `list()` does not rehash unchanged files. */
  private readonly hashCache = new Map<string, { key: string; sha: string }>();

  constructor(private readonly opts: ModelManagerOptions) {
    this.modelsDir = path.resolve(opts.modelsDir);
    this.manifest = opts.manifest ?? MODEL_MANIFEST;
  }

  async list(): Promise<ModelStatus[]> {
    const out: ModelStatus[] = [];
    for (const m of this.manifest) {
      const files = [];
      for (const f of m.files) files.push({ path: f.path, ...(await this.checkFile(f)) });
      const states = files.map((f) => f.state);
      const state: ModelState = states.includes('corrupt')
        ? 'corrupt'
        : states.every((s) => s === 'missing')
          ? 'missing'
          : states.includes('missing')
            ? 'partial'
            : 'installed';
      out.push({
        name: m.name,
        kind: m.kind,
        engine: m.engine,
        state,
        verified: states.every((s) => s === 'ok'),
        files,
        license: m.license,
        upstream: m.upstream,
      });
    }
    return out;
  }

  /**
   * Installs the known model files found in a bundle (a directory, or a .tar/.tar.gz/.tgz/.tar.xz
   * file unpacked with the system tar). Files are matched by their manifest path, or by file name
   * anywhere in the bundle. A sha256 mismatch rejects the file; unknown pins install as unverified.
   * A `SHA256SUMS` file at the bundle root (`sha256sum` format) is checked too: a file that
   * differs from its line was damaged on the way and is rejected, keeping the installed copy.
   */
  async importBundle(src: string, opts: { onProgress?: ProgressFn } = {}): Promise<InstallReport> {
    const st = await stat(src).catch(() => undefined);
    if (!st) throw new ModelError(`bundle not found: ${src}`, 'bad-input');
    let root = src;
    let tmp: string | undefined;
    if (st.isFile()) {
      if (!/\.(tar|tar\.gz|tgz|tar\.xz|tar\.zst)$/i.test(src))
        throw new ModelError('bundle must be a directory or a tar archive', 'bad-input');
      await mkdir(this.modelsDir, { recursive: true });
      tmp = await mkdtemp(path.join(this.modelsDir, '.import-'));
      await untar(src, tmp);
      root = tmp;
    }
    try {
      const found = await listRegularFiles(root);
      const sums = await readBundleSums(root);
      const installed: InstallReport['installed'] = [];
      const rejected: InstallReport['rejected'] = [];
      for (const m of this.manifest) {
        for (const f of m.files) {
          const rel = f.path.split('/').join(path.sep);
          const candidate =
            found.find((p) => p === path.join(root, rel)) ??
            found.find((p) => path.basename(p) === path.basename(rel));
          if (!candidate) continue;
          const check = await this.verify(candidate, f);
          if (check.state === 'corrupt') {
            rejected.push({ path: f.path, reason: check.detail ?? 'checksum mismatch' });
            continue;
          }
          const listed = sums.get(path.relative(root, candidate).split(path.sep).join('/'));
          if (listed !== undefined && (await sha256File(candidate)) !== listed) {
            rejected.push({
              path: f.path,
              reason: "sha256 differs from the bundle's SHA256SUMS (damaged in transit?)",
            });
            continue;
          }
          await atomicCopy(candidate, path.join(this.modelsDir, rel), opts.onProgress);
          installed.push({
            model: m.name,
            path: f.path,
            verified: check.state === 'ok',
            bundleSum: listed !== undefined,
          });
          this.opts.logger?.info(
            { model: m.name, file: f.path, verified: check.state === 'ok' },
            'model file imported',
          );
        }
      }
      return { installed, rejected };
    } finally {
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  }

  /**
   * Downloads a model's files (online boxes): resume via Range into `<file>.part`, verify,
   * rename. `urlFor` overrides the manifest URLs (mirrors, tests).
   */
  async pull(
    name: string,
    opts: {
      onProgress?: ProgressFn;
      signal?: AbortSignal;
      urlFor?: (f: ModelFile) => string | undefined;
      retries?: number;
    } = {},
  ): Promise<InstallReport> {
    const m = findModel(name, this.manifest);
    if (!m) throw new ModelError(`unknown model: ${name}`, 'bad-input');
    const installed: InstallReport['installed'] = [];
    const rejected: InstallReport['rejected'] = [];
    for (const f of m.files) {
      const dest = path.join(this.modelsDir, f.path);
      const current = await this.checkFile(f);
      if (current.state === 'ok') {
        installed.push({ model: m.name, path: f.path, verified: true });
        continue;
      }
      const url = opts.urlFor?.(f) ?? f.url;
      if (!url) {
        rejected.push({ path: f.path, reason: 'no download URL' });
        continue;
      }
      const part = `${dest}.part`;
      await downloadResumable(url, part, {
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
        ...(f.sizeBytes !== undefined ? { expectedBytes: f.sizeBytes } : {}),
      });
      const check = await this.verify(part, f);
      if (check.state === 'corrupt') {
        await rm(part, { force: true });
        rejected.push({ path: f.path, reason: check.detail ?? 'checksum mismatch' });
        continue;
      }
      await rename(part, dest);
      installed.push({ model: m.name, path: f.path, verified: check.state === 'ok' });
    }
    return { installed, rejected };
  }

  private async checkFile(f: ModelFile): Promise<{ state: FileState; sizeBytes?: number; detail?: string }> {
    const abs = path.join(this.modelsDir, f.path);
    if (!existsSync(abs)) return { state: 'missing' };
    return this.verify(abs, f);
  }

  private async verify(
    abs: string,
    f: ModelFile,
  ): Promise<{ state: FileState; sizeBytes?: number; detail?: string }> {
    const st = await stat(abs);
    const size = st.size;
    if (f.sizeBytes !== undefined && size !== f.sizeBytes) {
      return { state: 'corrupt', sizeBytes: size, detail: `size ${size} != expected ${f.sizeBytes}` };
    }
    if (f.sha256 === 'unknown')
      return { state: 'unverified', sizeBytes: size, detail: 'no known sha256 pin' };
    const key = `${size}:${st.mtimeMs}`;
    let sha = this.hashCache.get(abs);
    if (!sha || sha.key !== key) {
      sha = { key, sha: await sha256File(abs) };
      this.hashCache.set(abs, sha);
    }
    return sha.sha === f.sha256
      ? { state: 'ok', sizeBytes: size }
      : {
          state: 'corrupt',
          sizeBytes: size,
          detail: `sha256 ${sha.sha.slice(0, 12)}… != pinned ${f.sha256.slice(0, 12)}…`,
        };
  }
}

/** `<sha256>  <path>` lines of the bundle's SHA256SUMS (absent: empty); other lines are ignored. */
async function readBundleSums(root: string): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  const text = await readFile(path.join(root, 'SHA256SUMS'), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64}) [ *](?:\.\/)?(.+?)\s*$/.exec(line);
    if (m?.[1] && m[2]) sums.set(m[2], m[1].toLowerCase());
  }
  return sums;
}

function untar(archive: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // GNU tar refuses members with '..' and strips leading '/'; ownership/permissions are not restored.
    const child = spawn('tar', ['-xf', archive, '-C', dest, '--no-same-owner', '--no-same-permissions'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => reject(new ModelError(`tar: ${e.message}`, 'unavailable')));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new ModelError(`tar failed (${code}): ${err.trim().slice(0, 200)}`, 'bad-input')),
    );
  });
}

/** Regular files only (symlinks and devices in a bundle are ignored). */
async function listRegularFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const p = path.join(dir, name);
    const st = await lstat(p);
    if (st.isDirectory()) out.push(...(await listRegularFiles(p, depth + 1)));
    else if (st.isFile()) out.push(p);
  }
  return out;
}
