/**
 * File helpers for model installs: streaming sha256, atomic copy (temp + rename in the target
 * directory), HTTP download with Range resume.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ModelError } from '../types.js';

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

export async function fileSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

export type ProgressFn = (p: { file: string; doneBytes: number; totalBytes?: number }) => void;

/** Copies src to dest via dest.tmp + rename, so a crash never leaves a half file under the real name. */
export async function atomicCopy(src: string, dest: string, onProgress?: ProgressFn): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}`;
  const total = await fileSize(src);
  let done = 0;
  const rs = createReadStream(src);
  rs.on('data', (c) => {
    done += c.length;
    onProgress?.({ file: dest, doneBytes: done, ...(total !== undefined ? { totalBytes: total } : {}) });
  });
  try {
    await pipeline(rs, createWriteStream(tmp));
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function getOnce(
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { headers, ...(signal ? { signal } : {}), timeout: 30000 }, resolve);
    req.on('timeout', () => req.destroy(new Error('connection timed out')));
    req.on('error', reject);
  });
}

/**
 * Downloads url into `partFile`, resuming from its current size with a Range request; retries
 * up to `retries` times after a dropped connection. Follows up to 5 redirects.
 */
export async function downloadResumable(
  url: string,
  partFile: string,
  opts: { retries?: number; onProgress?: ProgressFn; signal?: AbortSignal; expectedBytes?: number } = {},
): Promise<void> {
  await mkdir(path.dirname(partFile), { recursive: true });
  const retries = opts.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const have = (await fileSize(partFile)) ?? 0;
    if (opts.expectedBytes !== undefined && have === opts.expectedBytes) return;
    try {
      let target = url;
      let res: http.IncomingMessage | undefined;
      for (let hop = 0; hop < 5; hop++) {
        res = await getOnce(target, have > 0 ? { range: `bytes=${have}-` } : {}, opts.signal);
        const loc = res.headers.location;
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && loc) {
          res.resume();
          target = new URL(loc, target).toString();
          continue;
        }
        break;
      }
      if (!res) throw new ModelError('no response', 'engine-failed');
      if (res.statusCode === 416 && have > 0) {
        res.resume();
        return; // already complete
      }
      if (res.statusCode !== 200 && res.statusCode !== 206) {
        res.resume();
        throw new ModelError(`HTTP ${res.statusCode} for ${url}`, 'engine-failed');
      }
      // 200 to a range request: the server ignored it, start over.
      const append = res.statusCode === 206 && have > 0;
      const lenHeader = Number(res.headers['content-length']);
      const total = Number.isFinite(lenHeader) ? (append ? have : 0) + lenHeader : opts.expectedBytes;
      let done = append ? have : 0;
      res.on('data', (c: Buffer) => {
        done += c.length;
        opts.onProgress?.({
          file: partFile,
          doneBytes: done,
          ...(total !== undefined ? { totalBytes: total } : {}),
        });
      });
      await pipeline(res, createWriteStream(partFile, { flags: append ? 'a' : 'w' }));
      const got = (await fileSize(partFile)) ?? 0;
      if (total !== undefined && got < total) throw new Error(`short download ${got}/${total}`);
      return;
    } catch (err) {
      if (opts.signal?.aborted) throw new ModelError('download aborted', 'aborted');
      if (err instanceof ModelError && err.message.startsWith('HTTP ')) throw err;
      if (attempt >= retries)
        throw new ModelError(`download failed: ${(err as Error).message}`, 'engine-failed');
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/** Text progress bar: `[#########.........]  45%  12.3/27.0 MiB  name`. */
export function progressBar(
  doneBytes: number,
  totalBytes: number | undefined,
  label: string,
  width = 30,
): string {
  const mib = (b: number): string => (b / 1048576).toFixed(1);
  if (!totalBytes) return `[${'?'.repeat(width)}]  ${mib(doneBytes)} MiB  ${label}`;
  const frac = Math.max(0, Math.min(1, doneBytes / totalBytes));
  const fill = Math.round(frac * width);
  return `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${mib(doneBytes)}/${mib(totalBytes)} MiB  ${label}`;
}
