/** One entry of the caller-idiom lexicon (idioms.ts): the caller's phrase and the documents' words. */
export interface Idiom {
  /** The caller's phrase, over normalized text; matched at word boundaries (global: matchAll). */
  readonly when: RegExp;
  /** The documents' words for it (lemmas; a multi-word entry is one term, see book.idiom). */
  readonly means: readonly string[];
}

/** An entry: the caller's phrase (a regular expression's source) and its meanings, comma-separated. */
export const e = (when: string, means: string): Idiom => ({
  when: new RegExp(`\\b(?:${when})\\b`, 'g'),
  means: means.split(',').map((m) => m.trim()),
});
