/**
 * Sentence vectors from word vectors (Arora et al. 2017, "SIF"): weighted mean with
 * w = a / (a + p(word)), p from Zipf's law over the frequency rank (a = 1e-3), or caller
 * weights (corpus IDF); optional removal of a common component; L2 normalisation.
 * Out-of-vocabulary tokens (product codes, names) get a deterministic vector hashed from
 * their character trigrams, so "XR-200" and "xr200" still land near each other.
 */
import type { WordTable } from './word-table.js';

const SIF_A = 1e-3;
const OOV_NORM = 3; // typical norm of a rare word vector in this table

export function tokenizeForVectors(text: string): string[] {
  return (
    String(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? []
  ).map((t) => t.replace(/’/g, "'"));
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic pseudo-random unit-ish vector per trigram (xorshift32 seeded by FNV-1a). */
export function hashedVector(token: string, dims: number): Float32Array {
  const v = new Float32Array(dims);
  const padded = `<${token.replace(/[^\p{L}\p{N}]/gu, '')}>`;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let x = fnv1a(padded.slice(i, i + 3)) || 1;
    for (let d = 0; d < dims; d++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      v[d] = (v[d] ?? 0) + ((x >>> 0) / 0xffffffff - 0.5);
    }
  }
  let n = 0;
  for (let d = 0; d < dims; d++) n += (v[d] ?? 0) ** 2;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < dims; d++) v[d] = ((v[d] ?? 0) / n) * OOV_NORM;
  return v;
}

export interface SifOptions {
  wordWeights?: ReadonlyMap<string, number>;
  /** Unit vector to project out (first principal component of a corpus sample). */
  commonComponent?: Float32Array;
}

export class SifEmbedder {
  private readonly harmonic: number;
  /**
   * Default common component: the SIF-weighted mean direction of the 50k most frequent words.
   * All sentence vectors share it; removing it spreads unrelated sentences apart.
   */
  readonly defaultComponent: Float32Array;
  constructor(private readonly table: WordTable) {
    this.harmonic = Math.log(Math.max(2, table.size)) + 0.5772;
    const dims = table.dims;
    const mean = new Float32Array(dims);
    const n = Math.min(50000, table.size);
    for (let r = 0; r < n; r++) {
      const w = SIF_A / (SIF_A + 1 / ((r + 1) * this.harmonic));
      const row = table.row(r);
      for (let d = 0; d < dims; d++) mean[d] = (mean[d] ?? 0) + w * (row[d] ?? 0);
    }
    this.defaultComponent = l2normalize(mean);
  }

  get dims(): number {
    return this.table.dims;
  }

  private weight(token: string, rank: number, opts: SifOptions, maxCustom: number): number {
    const custom = opts.wordWeights?.get(token);
    if (custom !== undefined) return custom;
    if (opts.wordWeights) return maxCustom; // IDF mode: words absent from the corpus count as rare
    if (rank < 0) return 1; // OOV: rarest
    const p = 1 / ((rank + 1) * this.harmonic);
    return SIF_A / (SIF_A + p);
  }

  embed(text: string, opts: SifOptions = {}): Float32Array {
    const dims = this.table.dims;
    const out = new Float32Array(dims);
    let total = 0;
    let maxCustom = 1;
    if (opts.wordWeights) for (const w of opts.wordWeights.values()) maxCustom = Math.max(maxCustom, w);
    for (const tok of tokenizeForVectors(text)) {
      const bare = tok.replace(/[.'-]/g, '');
      // Codes mixing letters and digits ("XR-200", "xr200") are hashed in one canonical form.
      const isCode = /\p{L}/u.test(bare) && /\p{N}/u.test(bare);
      let parts = [isCode ? bare : tok];
      if (!isCode && /[.'-]/.test(tok) && this.table.rank(tok) < 0)
        parts = tok.split(/[.'-]/).filter((p) => p.length > 0);
      for (const part of parts) {
        const rank = isCode ? -1 : this.table.rank(part);
        const w = this.weight(part, rank, opts, maxCustom);
        if (w <= 0) continue;
        if (rank >= 0) {
          const row = this.table.row(rank);
          for (let d = 0; d < dims; d++) out[d] = (out[d] ?? 0) + w * (row[d] ?? 0);
        } else {
          const hv = hashedVector(part, dims);
          for (let d = 0; d < dims; d++) out[d] = (out[d] ?? 0) + w * (hv[d] ?? 0);
        }
        total += w;
      }
    }
    if (total > 0) for (let d = 0; d < dims; d++) out[d] = (out[d] ?? 0) / total;
    const pc = opts.commonComponent ?? this.defaultComponent;
    if (pc && pc.length === dims) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += (out[d] ?? 0) * (pc[d] ?? 0);
      for (let d = 0; d < dims; d++) out[d] = (out[d] ?? 0) - dot * (pc[d] ?? 0);
    }
    return l2normalize(out);
  }
}

export function l2normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += (v[d] ?? 0) ** 2;
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) / n;
  return v;
}

/** First principal component (uncentred, as in SIF) by power iteration; unit length. */
export function firstPrincipalComponent(
  vectors: readonly Float32Array[],
  iterations = 30,
): Float32Array | undefined {
  const dims = vectors[0]?.length ?? 0;
  if (dims === 0) return undefined;
  let u: Float32Array = new Float32Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < iterations; it++) {
    const next = new Float32Array(dims);
    for (const v of vectors) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += (v[d] ?? 0) * (u[d] ?? 0);
      for (let d = 0; d < dims; d++) next[d] = (next[d] ?? 0) + dot * (v[d] ?? 0);
    }
    u = l2normalize(next);
  }
  return u;
}
