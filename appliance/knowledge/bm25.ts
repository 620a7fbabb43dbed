import { terms } from './tokenize.js';

interface Posting {
  slots: number[];
  tfs: number[];
}

/**
 * A small in-memory BM25 (k1 1.2, b 0.75) inverted index over chunk text, one per business.
 * Removal marks the slot dead (skipped when scoring, excluded from N and the average length);
 * document frequencies keep counting dead slots until the next rebuild, a small bias towards
 * lower IDF that the periodic rebuild removes.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly chunkIds: string[] = [];
  private readonly lengths: number[] = [];
  private readonly alive: boolean[] = [];
  private readonly slotOf = new Map<string, number>();
  private liveCount = 0;
  private totalLength = 0;
  private scores = new Float32Array(0);
  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.liveCount;
  }

  has(chunkId: string): boolean {
    return this.slotOf.has(chunkId);
  }

  add(chunkId: string, text: string): void {
    if (this.slotOf.has(chunkId)) return;
    const slot = this.chunkIds.length;
    const ts = terms(text);
    const tf = new Map<string, number>();
    for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = { slots: [], tfs: [] }));
      p.slots.push(slot);
      p.tfs.push(n);
    }
    this.chunkIds.push(chunkId);
    this.lengths.push(ts.length);
    this.alive.push(true);
    this.slotOf.set(chunkId, slot);
    this.liveCount++;
    this.totalLength += ts.length;
  }

  remove(chunkId: string): boolean {
    const slot = this.slotOf.get(chunkId);
    if (slot === undefined || !this.alive[slot]) return false;
    this.alive[slot] = false;
    this.slotOf.delete(chunkId);
    this.liveCount--;
    this.totalLength -= this.lengths[slot] ?? 0;
    return true;
  }

  /** Top `n` chunk ids by BM25 for the query, best first. */
  search(query: string, n: number): { chunkId: string; score: number }[] {
    if (this.liveCount === 0 || n <= 0) return [];
    const qTerms = [...new Set(terms(query))];
    if (this.scores.length < this.chunkIds.length) this.scores = new Float32Array(this.chunkIds.length * 2);
    const scores = this.scores;
    const touched: number[] = [];
    const avgLen = this.totalLength / this.liveCount || 1;
    const N = this.liveCount;
    for (const t of qTerms) {
      const p = this.postings.get(t);
      if (!p) continue;
      const df = p.slots.length;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      for (let i = 0; i < p.slots.length; i++) {
        const slot = p.slots[i]!;
        if (!this.alive[slot]) continue;
        const tf = p.tfs[i]!;
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.lengths[slot] ?? 0)) / avgLen);
        if (scores[slot] === 0) touched.push(slot);
        scores[slot]! += (idf * (tf * (this.k1 + 1))) / norm;
      }
    }
    // Partial selection of the top n without sorting every touched slot.
    const top: { slot: number; score: number }[] = [];
    let minIdx = -1;
    for (const slot of touched) {
      const s = scores[slot]!;
      scores[slot] = 0;
      if (top.length < n) {
        top.push({ slot, score: s });
        if (top.length === n) minIdx = argMin(top);
      } else if (s > top[minIdx]!.score) {
        top[minIdx] = { slot, score: s };
        minIdx = argMin(top);
      }
    }
    top.sort((a, b) => b.score - a.score);
    return top.map((x) => ({ chunkId: this.chunkIds[x.slot]!, score: x.score }));
  }
}

function argMin(xs: { score: number }[]): number {
  let m = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]!.score < xs[m]!.score) m = i;
  return m;
}
