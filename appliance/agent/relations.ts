/**
 * A book's WordNet relations (caller stem -> document stems it relates to, with weights), in two
 * forms. The builder writes nested Maps. Between threads they travel flat: a few typed arrays
 * and two string lists. Posted as nested Maps, the 23 documents of the knowledge suite gave
 * 26 000 small Maps that took the receiving main thread 30-75 ms to rebuild, a stall in every
 * live call's turn-taking. Flat, the receiver copies the arrays and indexes the keys, and makes
 * a caller stem's Map only when a question uses that stem.
 */

export interface RelationLookup {
  get(callerStem: string): ReadonlyMap<string, number> | undefined;
}

/** Nested Maps flattened: key i relates to `vocab[targets[j]]` with `weights[j]` for j in [starts[i], starts[i+1]). */
export interface FlatRelations {
  keys: string[];
  vocab: string[];
  /** keys.length + 1 offsets into targets and weights. */
  starts: Uint32Array;
  targets: Uint32Array;
  /** Float64: the weights are compared and summed; float32 rounding would reorder near ties. */
  weights: Float64Array;
}

export function flattenRelations(
  m: RelationLookup & Iterable<[string, ReadonlyMap<string, number>]>,
): FlatRelations {
  if (m instanceof FlatRelationLookup) return m.flat;
  const keys: string[] = [];
  const vocab: string[] = [];
  const vocabIndex = new Map<string, number>();
  const targets: number[] = [];
  const weights: number[] = [];
  const starts: number[] = [0];
  for (const [key, inner] of m) {
    keys.push(key);
    for (const [target, w] of inner) {
      let t = vocabIndex.get(target);
      if (t === undefined) {
        t = vocab.length;
        vocab.push(target);
        vocabIndex.set(target, t);
      }
      targets.push(t);
      weights.push(w);
    }
    starts.push(targets.length);
  }
  return {
    keys,
    vocab,
    starts: Uint32Array.from(starts),
    targets: Uint32Array.from(targets),
    weights: Float64Array.from(weights),
  };
}

/** The typed arrays' buffers, for a postMessage transfer list (moved, not copied). */
export function relationBuffers(f: FlatRelations): ArrayBuffer[] {
  return [f.starts.buffer, f.targets.buffer, f.weights.buffer] as ArrayBuffer[];
}

/** Reads flat relations as nested Maps would be read; each caller stem's Map is made on first use. */
export class FlatRelationLookup implements RelationLookup, Iterable<[string, ReadonlyMap<string, number>]> {
  private index: Map<string, number> | undefined;
  private readonly made = new Map<number, ReadonlyMap<string, number>>();

  constructor(readonly flat: FlatRelations) {}

  get(callerStem: string): ReadonlyMap<string, number> | undefined {
    this.index ??= new Map(this.flat.keys.map((k, i) => [k, i]));
    const i = this.index.get(callerStem);
    return i === undefined ? undefined : this.at(i);
  }

  *[Symbol.iterator](): IterableIterator<[string, ReadonlyMap<string, number>]> {
    for (let i = 0; i < this.flat.keys.length; i++) yield [this.flat.keys[i]!, this.at(i)];
  }

  private at(i: number): ReadonlyMap<string, number> {
    let m = this.made.get(i);
    if (!m) {
      const { starts, targets, weights, vocab } = this.flat;
      const inner = new Map<string, number>();
      for (let j = starts[i]!; j < starts[i + 1]!; j++) inner.set(vocab[targets[j]!]!, weights[j]!);
      this.made.set(i, (m = inner));
    }
    return m;
  }
}
