/**
 * How callers say what businesses write: everyday phrases mapped to the words a trade's own
 * documents use for the same thing ("pull a tooth" -> extraction, "put down to lock in the
 * date" -> deposit, "in charge of the kitchen" -> chef). WordNet relates single words; these
 * are phrases and trade usage it does not hold. Written from general knowledge of small service
 * businesses (clinics, trades, garages, salons, restaurants, studios, offices), with the
 * knowledge suite's tune misses as the kinds of phrase to cover, never its held-out questions,
 * and kept broader than the trades the suites use.
 *
 * An entry counts for a business only where its documents use one of the entry's words: the
 * phrase then also asks for those words (answer-select's subjectWords). Where they do not, the
 * caller's words are read as they are, so a thing the business does not offer still gets an
 * honest "I don't have that". Meanings are the thing itself, never a neighbour (whitening is
 * not cleaning), so a price is never taken from another item through an entry.
 *
 * Patterns run over normalize()d text: lower case, "'s" dropped, other punctuation (hyphens
 * too) as spaces, contractions expanded ("does not", "can not").
 */

import type { Idiom } from './idiom-entry.js';
import { access, general, money, roles, visits } from './idioms-everyday.js';
import { clinics, clothes, food, salon, trades } from './idioms-trades.js';

export type { Idiom } from './idiom-entry.js';

export const callerIdioms: readonly Idiom[] = [
  ...general,
  ...roles,
  ...money,
  ...visits,
  ...access,
  ...food,
  ...clinics,
  ...trades,
  ...salon,
  ...clothes,
];

export interface IdiomMatch {
  /** The caller's words as matched. */
  text: string;
  /** First and last token index of the match in the question's tokens. */
  first: number;
  last: number;
  means: readonly string[];
}

/**
 * The idioms in a question given as its normalized tokens (text.ts tokens()), leftmost first;
 * overlapping matches of different entries are all kept (each names its own meaning).
 */
export function idiomsIn(words: readonly string[], lexicon: readonly Idiom[] = callerIdioms): IdiomMatch[] {
  const text = words.join(' ');
  // Token index of every character offset where a token starts.
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length + 1;
  }
  const tokenAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i;
  };
  const out: IdiomMatch[] = [];
  for (const idiom of lexicon) {
    for (const m of text.matchAll(idiom.when)) {
      if (!m[0].trim()) continue;
      const first = tokenAt(m.index);
      const last = tokenAt(m.index + m[0].length - 1);
      out.push({ text: m[0], first, last, means: idiom.means });
    }
  }
  return out.sort((a, b) => a.first - b.first || b.last - a.last);
}
