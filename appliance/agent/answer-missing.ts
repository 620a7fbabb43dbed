/**
 * What an honest "I don't have ..." names: the caller's subject as they said it, without the sums
 * they said, a word inside an idiom's phrase once.
 */
import type { QueryWord } from './coverage.js';
import { tokens } from './text.js';

/**
 * The question's subject as the caller said it, for "I don't have the price of ...", without the
 * sums the caller said ("worth £4,000"): repeated there they read as a figure the business gave.
 */
export function missingPhrase(text: string, subject: readonly QueryWord[]): string {
  const sums = new Set(
    (
      text.match(
        /[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s*(?:k|thousand|grand)?\s*(?:pounds?|quid|dollars?|euros?|grand)\b/gi,
      ) ?? []
    ).flatMap((x) => tokens(x)),
  );
  const keep = new Set(subject.flatMap((q) => q.surface.split(' ')).filter((w) => !sums.has(w)));
  const words = tokens(text).filter((w) => !sums.has(w));
  const first = words.findIndex((w) => keep.has(w));
  let last = -1;
  words.forEach((w, i) => {
    if (keep.has(w)) last = i;
  });
  if (first < 0) return 'that';
  const phrase = words.slice(first, last + 1).join(' ');
  if (phrase.split(' ').length <= 6) return phrase;
  return spokenSubject(subject.filter((q) => !sums.has(q.surface))) || 'that';
}

/** The subject words as said, a word inside an idiom's phrase once ("pull a tooth", not "... tooth"). */
export function spokenSubject(subject: readonly { surface: string }[]): string {
  const inPhrase = new Set(
    subject.filter((q) => q.surface.includes(' ')).flatMap((q) => q.surface.split(' ')),
  );
  return subject
    .filter((q) => q.surface.includes(' ') || !inPhrase.has(q.surface))
    .map((q) => q.surface)
    .join(' ');
}
