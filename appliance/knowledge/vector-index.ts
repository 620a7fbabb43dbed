import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** HNSW parameters: M 16, efConstruction 100; ef at query time max(64, 2·n). */
const M = 16;
const EF_CONSTRUCTION = 100;

interface LabelMap {
  format: 1;
  dims: number;
  embedder: string;
  /** Index = label; null for a deleted label. */
  labels: (string | null)[];
}

/**
 * One business's HNSW index (cosine) with the label <-> chunk-id map. Labels are dense integers
 * assigned in insertion order; a deleted chunk is markDelete'd (gone from results at once) and
 * counted so the owner can rebuild when too many are dead.
 */
export class VectorIndex {
  private hnsw: Hnsw;
  private labels: (string | null)[] = [];
  private readonly labelOf = new Map<string, number>();
  private deletedCount = 0;
  private capacity: number;

  constructor(
    readonly dims: number,
    readonly embedder: string,
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.hnsw = new HierarchicalNSW('cosine', dims);
    this.hnsw.initIndex({
      maxElements: this.capacity,
      m: M,
      efConstruction: EF_CONSTRUCTION,
      randomSeed: 42,
    });
  }

  get size(): number {
    return this.labelOf.size;
  }

  get deleted(): number {
    return this.deletedCount;
  }

  has(chunkId: string): boolean {
    return this.labelOf.has(chunkId);
  }

  chunkIds(): string[] {
    return [...this.labelOf.keys()];
  }

  add(chunkId: string, vector: Float32Array): void {
    if (this.labelOf.has(chunkId)) return;
    if (vector.length !== this.dims) throw new Error(`vector has ${vector.length} dims, index ${this.dims}`);
    if (isZero(vector)) return; // no known word: nothing a cosine search could find
    const label = this.labels.length;
    if (label >= this.capacity) {
      this.capacity *= 2;
      this.hnsw.resizeIndex(this.capacity);
    }
    this.hnsw.addPoint(Array.from(vector), label);
    this.labels.push(chunkId);
    this.labelOf.set(chunkId, label);
  }

  remove(chunkId: string): boolean {
    const label = this.labelOf.get(chunkId);
    if (label === undefined) return false;
    this.hnsw.markDelete(label);
    this.labels[label] = null;
    this.labelOf.delete(chunkId);
    this.deletedCount++;
    return true;
  }

  /** Nearest `n` chunks by cosine similarity (1 - distance), best first. */
  search(vector: Float32Array, n: number): { chunkId: string; score: number }[] {
    const live = this.labelOf.size;
    if (live === 0 || isZero(vector)) return [];
    const k = Math.min(n, live);
    this.hnsw.setEf(Math.max(64, 2 * k));
    const res = this.hnsw.searchKnn(Array.from(vector), k);
    const out: { chunkId: string; score: number }[] = [];
    res.neighbors.forEach((label, i) => {
      const id = this.labels[label];
      if (id) out.push({ chunkId: id, score: 1 - (res.distances[i] ?? 1) });
    });
    return out;
  }

  /** Writes `<base>.bin` and `<base>.json` via temp files and renames (a reader never sees half a file). */
  async save(base: string): Promise<void> {
    const map: LabelMap = { format: 1, dims: this.dims, embedder: this.embedder, labels: this.labels };
    await this.hnsw.writeIndex(`${base}.bin.tmp`);
    await writeFile(`${base}.json.tmp`, JSON.stringify(map));
    await rename(`${base}.bin.tmp`, `${base}.bin`);
    await rename(`${base}.json.tmp`, `${base}.json`);
  }

  /** Loads a saved index; throws on a missing, corrupt or mismatched file. */
  static async load(base: string, dims: number, embedder: string): Promise<VectorIndex> {
    const map = JSON.parse(await readFile(`${base}.json`, 'utf8')) as LabelMap;
    if (map.format !== 1 || map.dims !== dims || map.embedder !== embedder || !Array.isArray(map.labels)) {
      throw new Error('index map does not match the current embedder');
    }
    const idx = new VectorIndex(dims, embedder, 16);
    const hnsw = new HierarchicalNSW('cosine', dims);
    await hnsw.readIndex(`${base}.bin`);
    if (hnsw.getCurrentCount() !== map.labels.length) throw new Error('index file and label map disagree');
    idx.hnsw = hnsw;
    idx.capacity = hnsw.getMaxElements();
    idx.labels = map.labels;
    map.labels.forEach((id, label) => {
      if (id) idx.labelOf.set(id, label);
      else idx.deletedCount++;
    });
    return idx;
  }

  static async removeFiles(base: string): Promise<void> {
    await rm(`${base}.bin`, { force: true });
    await rm(`${base}.json`, { force: true });
  }
}

function isZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}
