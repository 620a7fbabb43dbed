/**
 * What an honest "I don't have ..." names: the caller's subject as they said it, without the sums
 * they said, or "that" where their words are a description rather than a name.
 */
import type { QueryWord } from './coverage.js';
import { tokens } from './text.js';

/** What the documents lack, as named to the caller and as the words a passage must hold to count. */
export interface Missing {
  /** For "I don't have the price of ...": the caller's own words, or "that". */
  said: string;
  /** The subject's content words from the first to the last (a passage lacking one is no answer). */
  words: string;
}

/**
 * The question's subject as the caller said it, without the sums the caller said ("worth
 * £4,000"): repeated in the fallback they read as a figure the business gave.
 */
export function missingPhrase(text: string, subject: readonly QueryWord[]): Missing {
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
  const last = words.findLastIndex((w) => keep.has(w));
  if (first < 0) return { said: 'that', words: '' };
  const between = words.slice(first, last + 1);
  const content =
    between.length <= 6
      ? between.join(' ')
      : subject
          .filter((q) => !sums.has(q.surface))
          .map((q) => q.surface)
          .join(' ');
  return { said: saidName(text, keep), words: content };
}

/**
 * The caller's own words from the first subject word to the last, as said (stop words kept):
 * "the price of a new battery fitted", never "of new battery fitted" with the little words gone;
 * "that" where the span is a description rather than a name. `keep` holds no sum the caller said.
 */
function saidName(text: string, keep: ReadonlySet<string>): string {
  const said = text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}£$€]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
  const hit = said.map((w) => tokens(w).some((x) => keep.has(x)));
  let first = hit.indexOf(true);
  const last = hit.lastIndexOf(true);
  if (first < 0) return 'that';
  // "How much to deliver it?": a lone word after "to" is most often a verb ("the price of
  // deliver" is no name), at times a place; either way "that" says it plainly. A verb with its
  // object ("to build a gaming PC") is said as a deed: "the price of building a gaming PC".
  // "Do you use local flowers?": a word after a subject is its verb, no thing ("about use").
  if (first === last && /^(?:you|we|i|they|he|she)$/i.test(said[first - 1] ?? '')) return 'that';
  // "Can I use a choke chain?": the verb after the subject is no part of the thing ("about a
  // choke chain", not "about use a choke chain").
  if (
    first < last &&
    /^(?:you|we|i|they|he|she)$/i.test(said[first - 1] ?? '') &&
    determiners.test(said[first + 1] ?? '')
  ) {
    first += 1;
    // (Said back to the caller: "my cat" is theirs.)
    if (/^(?:my|our)$/i.test(said[first] ?? '')) said[first] = 'your';
  }
  if (/^to$/i.test(said[first - 1] ?? '')) {
    const verb = said[first] ?? '';
    if (first === last || !/^[a-z]+$/.test(verb) || !determiners.test(said[first + 1] ?? '')) return 'that';
    // (Said back to the caller: "my printer" is theirs.)
    const span = [
      gerund(verb),
      ...said.slice(first + 1, last + 1).map((w) => (/^(?:my|our)$/i.test(w) ? 'your' : w)),
    ];
    return namesAThing(span.slice(1)) ? span.join(' ') : 'that';
  }
  // The article the caller put before it comes with it: "a new battery"; "per lesson" is "a
  // lesson" ("the price of per lesson" is no English).
  if (/^(?:per|each|every)$/i.test(said[first] ?? '') && first < last) first += 1;
  if (/^(?:per|each|every)$/i.test(said[first - 1] ?? '')) said[first - 1] = 'a';
  if (/^(a|an|the)$/i.test(said[first - 1] ?? '')) first -= 1;
  // "For my 2 year old": theirs, said back to the caller ("your 2 year old", not "2 year old").
  else if (/^(?:my|our)$/i.test(said[first - 1] ?? '')) said[--first] = 'your';
  const span = said.slice(first, last + 1);
  // "On a monday": the day, as a day is named ("Mondays"), not "a monday".
  const day = /^(?:(?:a|an|the)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/i.exec(
    span.join(' '),
  )?.[1];
  if (day) return `${day.charAt(0).toUpperCase()}${day.slice(1).toLowerCase()}s`;
  return namesAThing(span)
    ? span.map((w, i) => (i === 0 && first === 0 ? lowerFirst(w) : w)).join(' ')
    : 'that';
}

/**
 * Whether a span of the caller's words reads as the name of a thing in "I don't have the price of
 * ...": at most MAX_NAMED_WORDS (4) words, no clause inside it ("dog brought tiny jumping things
 * that bite your ankles" is a description, said back it is gibberish), not a lone pronoun or
 * adverb ("mine", "twice", "quickly"). Otherwise the reply says "that": honest and plain.
 */
function namesAThing(span: readonly string[]): boolean {
  if (span.length === 0 || span.length > MAX_NAMED_WORDS) return false;
  const lower = span.map((w) => w.toLowerCase());
  if (lower.some((w) => clauseWords.has(w) || /'(s|re|ve|ll|d|m)$/.test(w))) return false;
  const only = lower.length === 1 ? (lower[0] ?? '') : '';
  return !(only && (notThings.has(only) || /ly$/.test(only)));
}

const MAX_NAMED_WORDS = 4;
/** Words that make a span a clause, not a name: subject pronouns, auxiliaries, relatives. */
const clauseWords = new Set(
  (
    'i we you he she they it me us him them is are was were be been am do does did done have has ' +
    'had can could would will shall should may might must that which who whom whose what when where ' +
    'why how if because so but than then there here this these those not'
  ).split(' '),
);
/**
 * Lone words that name nothing: possessive and indefinite pronouns, adverbs of place and number,
 * particles ("off" of "get my photos back off a broken drive").
 */
const notThings = new Set(
  (
    'mine yours ours theirs his hers one ones anyone someone everyone anything something everything ' +
    'anywhere somewhere everywhere nowhere twice once without with else more less much many ' +
    'all both either neither each other others off on in out up down back over away about around'
  ).split(' '),
);

/** Words that open a verb's object ("build a gaming PC", "fix my boiler"). */
const determiners = /^(?:a|an|the|my|our|your|his|her|their|some|this|these|those)$/i;

/** "build" -> "building", "make" -> "making", "set" -> "setting", "tie" -> "tying". */
export function gerund(verb: string): string {
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^aeiouy]e$/.test(verb) && verb.length > 2) return `${verb.slice(0, -1)}ing`;
  // One short syllable ending consonant-vowel-consonant doubles its last letter.
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

const lowerFirst = (w: string): string =>
  /^[A-Z][a-z]/.test(w) && w !== 'I' ? w.charAt(0).toLowerCase() + w.slice(1) : w;
