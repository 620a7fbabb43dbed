import type { EngineStatus } from '../types.js';

export interface EmbedOptions {
  /**
   * Per-word weights (e.g. IDF from the knowledge corpus) used instead of the built-in
   * frequency (SIF) weights by word-vector engines. Ignored by transformer engines.
   */
  wordWeights?: ReadonlyMap<string, number>;
}

export interface EmbeddingEngine {
  readonly name: string;
  readonly dims: number;
  status(): EngineStatus;
  /** One L2-normalized vector per text, in order. */
  embed(texts: readonly string[], opts?: EmbedOptions): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
