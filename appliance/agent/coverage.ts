/**
 * How much of a question a piece of text covers: the caller's words, each with its WordNet and
 * affix relatives (weights 0..1) and its rarity (idf), against a sentence's stems.
 */

/** A caller's content word as selection reads it (answer-select.ts subjectWords). */
export interface QueryWord {
  surface: string;
  stem: string;
  /** Document stems it may mean, with how close each is (own form 1, close relative 0.8, ...). */
  expansions: Map<string, number>;
  idf: number;
}

/** Share of the words' weight found in a bag of terms (terms 1, secondary terms `secondaryWeight`). */
export function coverage(
  words: readonly QueryWord[],
  terms: Set<string>,
  secondary?: Set<string>,
  secondaryWeight = 0.7,
): number {
  let got = 0;
  let total = 0;
  for (const q of words) {
    total += q.idf;
    let m = 0;
    for (const [e, w] of q.expansions) {
      if (terms.has(e)) m = Math.max(m, w);
      else if (secondary?.has(e)) m = Math.max(m, w * secondaryWeight);
    }
    got += q.idf * m;
  }
  return total > 0 ? got / total : 0;
}
