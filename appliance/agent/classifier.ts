import { softmax } from './calibration.js';
import { contentTokens, normalize } from './text.js';
import type { Embedder } from './types.js';

/**
 * Intent recognition by nearest neighbour over example phrases. Each example is indexed three
 * ways: hashed character trigrams (robust to STT misspellings), IDF-weighted content words, and
 * a dense sentence embedding when an embedder is configured. An intent scores its best example
 * plus keyword cues; a temperature softmax turns scores into a calibrated confidence.
 */

export interface IntentCandidate {
  /** Intent name reported to callers ("hours", "book_table", "question" for FAQ pairs). */
  name: string;
  /** Completes "Did you want ...?". */
  label: string;
  kind: 'builtin' | 'custom' | 'faq';
  examples: readonly string[];
  faqIndex?: number;
  cue?: RegExp;
  cueWeight?: number;
  helper?: boolean;
}

export interface RankedIntent {
  candidate: IntentCandidate;
  score: number;
  probability: number;
  example: string;
}

const dims = 2048;
/**
 * Weight of the dense-embedding similarity against the lexical one. Lexical features stay
 * dominant: the thresholds and the softmax temperature were fitted on them.
 */
const denseWeight = 0.3;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) % dims;
}

/** L2-normalised hashed trigram counts of the normalised text (word boundaries marked). */
export function trigramVector(text: string): Float32Array {
  const v = new Float32Array(dims);
  for (const w of normalize(text).split(' ')) {
    if (!w) continue;
    const s = `#${w}#`;
    for (let i = 0; i + 3 <= s.length; i++) v[hash(s.slice(i, i + 3))]! += 1;
  }
  return l2(v);
}

function l2(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

interface IndexedExample {
  candidate: number;
  text: string;
  tri: Float32Array;
  words: Set<string>;
  wordsNorm: number;
  dense?: Float32Array;
}

export interface Classification {
  ranked: RankedIntent[];
  /** The best example similarity before cues, 0..1: how close the utterance is to anything known. */
  bestSimilarity: number;
}

export class IntentIndex {
  private constructor(
    readonly candidates: readonly IntentCandidate[],
    private readonly examples: IndexedExample[],
    private readonly idf: Map<string, number>,
    private readonly embedder: Embedder | undefined,
    readonly temperature: number,
  ) {}

  /** Indexes every example; embeds them in one batch when an embedder is given. */
  static async build(
    candidates: readonly IntentCandidate[],
    opts: { embedder?: Embedder; temperature: number },
  ): Promise<IntentIndex> {
    const raw: { candidate: number; text: string }[] = [];
    candidates.forEach((c, i) => c.examples.forEach((text) => raw.push({ candidate: i, text })));
    const df = new Map<string, number>();
    const wordSets = raw.map((r) => new Set(contentTokens(r.text)));
    for (const ws of wordSets) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
    const idf = new Map<string, number>();
    for (const [w, n] of df) idf.set(w, Math.log(1 + raw.length / n));
    let dense: Float32Array[] | undefined;
    if (opts.embedder && raw.length > 0) dense = await opts.embedder.embed(raw.map((r) => r.text));
    const examples = raw.map((r, i) => {
      const words = wordSets[i] ?? new Set<string>();
      let norm = 0;
      for (const w of words) norm += (idf.get(w) ?? 1) ** 2;
      const d = dense?.[i];
      return {
        ...r,
        tri: trigramVector(r.text),
        words,
        wordsNorm: Math.sqrt(norm),
        ...(d ? { dense: l2(Float32Array.from(d)) } : {}),
      };
    });
    return new IntentIndex(candidates, examples, idf, opts.embedder, opts.temperature);
  }

  get usesEmbeddings(): boolean {
    return this.embedder !== undefined;
  }

  get exampleCount(): number {
    return this.examples.length;
  }

  async classify(text: string): Promise<Classification> {
    let qDense: Float32Array | undefined;
    if (this.embedder) {
      try {
        const [v] = await this.embedder.embed([text]);
        if (v) qDense = l2(Float32Array.from(v));
      } catch {
        qDense = undefined; // lexical features alone still classify
      }
    }
    return this.classifyWith(text, qDense);
  }

  /** Synchronous core, given the utterance's dense vector (if any). */
  classifyWith(text: string, qDense?: Float32Array): Classification {
    const n = normalize(text);
    const qTri = trigramVector(n);
    const qWords = new Set(contentTokens(n));
    let qNorm = 0;
    for (const w of qWords) qNorm += (this.idf.get(w) ?? Math.log(1 + this.examples.length)) ** 2;
    qNorm = Math.sqrt(qNorm);
    const wordCount = n ? n.split(' ').length : 0;

    // Word-vector embeddings rate every sentence alike (cosine ~0.7): only the similarity above
    // this utterance's mean over all examples carries information.
    let meanDense = 0;
    if (qDense) {
      let n = 0;
      for (const ex of this.examples)
        if (ex.dense) {
          meanDense += cosine(qDense, ex.dense);
          n++;
        }
      meanDense = n ? meanDense / n : 0;
    }
    const best = new Array<number>(this.candidates.length).fill(0);
    const bestEx = new Array<string>(this.candidates.length).fill('');
    for (const ex of this.examples) {
      const tri = cosine(qTri, ex.tri);
      let shared = 0;
      for (const w of qWords) {
        if (ex.words.has(w)) shared += (this.idf.get(w) ?? 1) ** 2;
        else if (w.length >= 5) {
          // "delivery" ~ "deliver", "reservation" ~ "reserve": shared stems the stemmer missed.
          for (const x of ex.words)
            if (x.length >= 5 && (x.startsWith(w) || w.startsWith(x))) {
              shared += 0.8 * (this.idf.get(x) ?? 1) ** 2;
              break;
            }
        }
      }
      const word = qNorm > 0 && ex.wordsNorm > 0 ? shared / (qNorm * ex.wordsNorm) : 0;
      let lexical = qWords.size > 0 && ex.words.size > 0 ? 0.45 * tri + 0.55 * word : tri;
      if (qDense && ex.dense) {
        const rel = Math.max(0, (cosine(qDense, ex.dense) - meanDense) / Math.max(1e-6, 1 - meanDense));
        lexical = (1 - denseWeight) * lexical + denseWeight * rel;
      }
      if (lexical > (best[ex.candidate] ?? 0)) {
        best[ex.candidate] = lexical;
        bestEx[ex.candidate] = ex.text;
      }
    }
    const bestSimilarity = Math.max(0, ...best);
    const scores = this.candidates.map((c, i) => {
      let s = best[i] ?? 0;
      const long = wordCount > 5;
      if (c.helper && long) s *= 0.6;
      if (c.cue && c.cue.test(n) && !(c.helper && long)) s += c.cueWeight ?? 0.2;
      return s;
    });
    const probs = softmax(scores, this.temperature);
    const ranked = this.candidates
      .map((candidate, i) => ({
        candidate,
        score: scores[i] ?? 0,
        probability: probs[i] ?? 0,
        example: bestEx[i] ?? '',
      }))
      .sort((a, b) => b.score - a.score);
    return { ranked, bestSimilarity };
  }
}
