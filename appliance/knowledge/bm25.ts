import { terms } from './tokenize.js';

/** A growable posting list: chunk slots and term frequencies in typed arrays. */
class Posting {
  slots = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;
  push(slot: number, tf: number): void {
    if (this.length === this.slots.length) {
      const s = new Int32Array(this.length * 2);
      s.set(this.slots);
      this.slots = s;
      const f = new Uint16Array(this.length * 2);
      f.set(this.tfs);
      this.tfs = f;
    }
    this.slots[this.length] = slot;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
  }
}

/**
 * A small in-memory BM25 (k1 1.2, b 0.75) inverted index over chunk text, one per business.
 * Postings are typed arrays and scores accumulate in one reused Float32Array, so a query costs
 * a few ns per posting (~2 ms for 400k postings). Removal marks the slot dead (skipped when
 * scoring, excluded from N and the average length); document frequencies keep counting dead
 * slots until the next rebuild, a small bias towards lower IDF that the rebuild removes.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly chunkIds: string[] = [];
  private lengths = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private readonly slotOf = new Map<string, number>();
  private liveCount = 0;
  private deadCount = 0;
  private totalLength = 0;
  private scores = new Float32Array(1024);
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
    if (slot === this.lengths.length) this.grow();
    const ts = terms(text);
    // Sorted terms: equal ones are adjacent, so frequencies are runs (no Map per chunk).
    const sorted = [...ts].sort();
    for (let i = 0; i < sorted.length;) {
      const t = sorted[i]!;
      let j = i + 1;
      while (j < sorted.length && sorted[j] === t) j++;
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Posting()));
      p.push(slot, j - i);
      i = j;
    }
    this.chunkIds.push(chunkId);
    this.lengths[slot] = ts.length;
    this.alive[slot] = 1;
    this.slotOf.set(chunkId, slot);
    this.liveCount++;
    this.totalLength += ts.length;
  }

  private grow(): void {
    const n = this.lengths.length * 2;
    const l = new Float32Array(n);
    l.set(this.lengths);
    this.lengths = l;
    const a = new Uint8Array(n);
    a.set(this.alive);
    this.alive = a;
    this.scores = new Float32Array(n);
  }

  remove(chunkId: string): boolean {
    const slot = this.slotOf.get(chunkId);
    if (slot === undefined || !this.alive[slot]) return false;
    this.alive[slot] = 0;
    this.slotOf.delete(chunkId);
    this.liveCount--;
    this.deadCount++;
    this.totalLength -= this.lengths[slot] ?? 0;
    return true;
  }

  /** Top `n` chunk ids by BM25 for the query, best first. */
  search(query: string, n: number): { chunkId: string; score: number }[] {
    if (this.liveCount === 0 || n <= 0) return [];
    const qTerms = [...new Set(terms(query))];
    const scores = this.scores;
    const lengths = this.lengths;
    const N = this.liveCount;
    const c1 = this.k1 * (1 - this.b);
    const c2 = (this.k1 * this.b) / (this.totalLength / N || 1);
    // Terms in more than half the chunks carry almost no weight (idf < ln 2) but cost the most;
    // they are skipped when the query has a rarer term (Lucene's "common terms" idea).
    const lists = qTerms.map((t) => this.postings.get(t)).filter((p): p is Posting => p !== undefined);
    if (lists.length === 0) return [];
    const hasRare = lists.some((p) => p.length <= N / 2);
    for (const p of lists) {
      if (hasRare && p.length > N / 2) continue;
      const df = p.length;
      const idfK = Math.log(1 + (N - df + 0.5) / (df + 0.5)) * (this.k1 + 1);
      const { slots, tfs } = p;
      for (let i = 0; i < df; i++) {
        const slot = slots[i]!;
        const tf = tfs[i]!;
        scores[slot]! += (idfK * tf) / (tf + c1 + c2 * lengths[slot]!);
      }
    }
    // One pass over the score array: partial top-n selection, dead slots skipped, then reset.
    const top: { slot: number; score: number }[] = [];
    let min = 0;
    let minIdx = -1;
    const total = this.chunkIds.length;
    const checkAlive = this.deadCount > 0;
    for (let slot = 0; slot < total; slot++) {
      const s = scores[slot]!;
      if (s === 0 || (top.length === n && s <= min) || (checkAlive && !this.alive[slot])) continue;
      if (top.length < n) {
        top.push({ slot, score: s });
        if (top.length === n) [minIdx, min] = argMin(top);
      } else {
        top[minIdx] = { slot, score: s };
        [minIdx, min] = argMin(top);
      }
    }
    scores.fill(0, 0, total);
    top.sort((a, b) => b.score - a.score);
    return top.map((x) => ({ chunkId: this.chunkIds[x.slot]!, score: x.score }));
  }
}

function argMin(xs: { score: number }[]): [number, number] {
  let m = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]!.score < xs[m]!.score) m = i;
  return [m, xs[m]!.score];
}
