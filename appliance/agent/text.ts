/**
 * Text primitives shared by intent recognition, retrieval and slot extraction: normalisation,
 * tokens, a light stemmer, stop words and sentence splitting. Deterministic and allocation-light:
 * they run on every caller turn.
 */
import { americanSpelling } from './lexicon/spelling.js';

const contractions: [RegExp, string][] = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'m\b/g, ' am'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/\bwhat's\b/g, 'what is'],
  [/\bwhere's\b/g, 'where is'],
  [/\bwhen's\b/g, 'when is'],
  [/\bhow's\b/g, 'how is'],
  [/\bit's\b/g, 'it is'],
  [/\bthat's\b/g, 'that is'],
  [/\bwho's\b/g, 'who is'],
  [/\blet's\b/g, 'let us'],
];

/**
 * "One-to-one", "one to one", "one on one", "1:1", "1-2-1": one word, or its every part is a
 * stop word and "one to one tuition" reads as "tuition" (against "One-to-one sessions" and
 * "Group sessions" alike).
 */
const oneToOne = /\b(?:(?:one|1)[- ](?:to|on)[- ](?:one|1)|1[-:]1|1-2-1|121)\b/g;
/**
 * "E-bike", "ebike", "e-scooter": an electric one, as callers say it ("electric bike"); read as
 * "e" and "bike" it was any bike, and "how much to service my bike?" got the e-bike's price.
 * Only vehicles: "e-mail", "e-book", "e-ticket" are other things.
 */
const electric = /\be[- ]?(bikes?|scooters?|cars?|vans?|motorbikes?|cargo bikes?|mtbs?)\b/g;

/**
 * Lower case, straight quotes, contractions expanded, punctuation (but not digits, $ : .) spaced
 * out. `asWritten`: the words as the text has them ("e bike"), for the speech recogniser's
 * phrases; otherwise "e-bike" is read "electric bike", as a caller may say it.
 */
export function normalize(text: string, asWritten = false): string {
  let s = text.toLowerCase().replace(/[\u2018\u2019`]/g, "'");
  for (const [re, to] of contractions) s = s.replace(re, to);
  if (!asWritten) s = s.replace(electric, 'electric $1');
  return s
    .replace(oneToOne, ' onetoone ')
    .replace(/'s\b/g, '')
    .replace(/[^a-z0-9$:.\s]/g, ' ')
    .replace(/[.:](?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}

/**
 * One word of a person's name as documents write it, as a regular expression's source: "Sarah",
 * "O'Connor", "McDonald", "MacLeod", "D'Arcy", "Smith-Jones".
 */
export const nameWord = "(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z][a-z'-]+(?:-[A-Z][a-z]+)?";

export const stopWords: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with about from as is are was were be been being am do does did ' +
    'have has had i me my mine we our ours you your yours he him his she her hers it its they them their theirs this that these those there here ' +
    'what which who whom how can could would should will shall may might must please just so very really also ' +
    'any some much many more most not no yes hi hello hey ok okay um uh like get got tell know want wanted need ' +
    'would like could you let us im id thing things one ' +
    'while whilst whether because though although than then perhaps maybe actually probably still ive youre ' +
    'into onto upon during ' +
    // "Several lessons", "multiple sessions": how many, said vaguely, names nothing.
    'several various multiple ' +
    // "On the day itself" only stresses; "do it myself" says who does it, so that one stays.
    'itself'
  ).split(' '),
);

/**
 * Units as price lists abbreviate them ("30 min", "2 hrs") read as the word a caller says, in
 * its stem ("minutes" -> "minut").
 */
const unitAbbreviations: ReadonlyMap<string, string> = new Map([
  ['min', 'minut'],
  ['mins', 'minut'],
  ['hr', 'hour'],
  ['hrs', 'hour'],
  ['wk', 'week'],
  ['wks', 'week'],
  ['yr', 'year'],
  ['yrs', 'year'],
  ['sec', 'second'],
  ['secs', 'second'],
  // Sizes: "50 sq ft" is what a caller says as "50 square feet" or "50 square foot".
  ['ft', 'foot'],
  ['feet', 'foot'],
  ['sq', 'squar'],
]);

/** Suffix stripping good enough to match "opening"/"opens"/"opened" and "tables"/"table". */
export function stem(spelt: string): string {
  const unit = unitAbbreviations.get(spelt);
  if (unit) return unit;
  // "tyre" and "tire", "labour" and "labor": one stem (lexicon/spelling.ts).
  const word = americanSpelling(spelt);
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  const before = w;
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // A silent e the ending took ("lined" -> line, "taking" -> take): a three-letter
  // consonant-vowel-consonant rest gets it back, so the verb meets its noun ("line", "tune").
  if (w.length === 3 && w !== before && /^[^aeiou][aeiou][^aeiouwxy]$/.test(w)) return `${w}e`;
  if (w.length > 3 && w.at(-1) === w.at(-2) && !'lsz'.includes(w.at(-1) ?? '')) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Stemmed tokens without stop words: what carries a sentence's topic. */
export function contentTokens(text: string): string[] {
  return tokens(text)
    .filter((w) => !stopWords.has(w) && w.length > 1)
    .map(stem);
}

/**
 * Sentence boundaries for streaming and for picking the best sentence of a passage. A period
 * inside a number ("12.50") or after a common abbreviation does not end a sentence.
 */
export function splitSentences(text: string): string[] {
  const raw: { s: string; line: number }[] = [];
  for (const [line, l] of text.split(/\n+/).entries()) {
    let rest = l;
    let end: number;
    while ((end = sentenceEnd(rest, true)) >= 0) {
      raw.push({ s: rest.slice(0, end).trim(), line });
      rest = rest.slice(end);
    }
    if (rest.trim()) raw.push({ s: rest.trim(), line });
  }
  const out: string[] = [];
  let heading = '';
  /** The named thing a paragraph (line) opens with. */
  const labels = new Map<number, string>();
  for (const [i, { s, line }] of raw.entries()) {
    if (!s) continue;
    if (/^[^\s,]+(\s[^\s,]+)?[.:]$/.test(s) && !/\d/.test(s)) {
      const before = raw[i - 1];
      // A label and its value ("Difficulty: easy.") after a sentence of its paragraph tells
      // more of that sentence's thing; carried forward it became the next paragraph's opening
      // ("Difficulty: easy. Station Zero: ..."), a fact of one room said of another.
      if (/^\S+:\s\S+\.$/.test(s) && before?.line === line && out.length > 0 && !heading) {
        out[out.length - 1] += ` ${s}`;
        continue;
      }
      // A heading ("Desserts.") belongs to the sentence after it.
      heading += `${s} `;
      continue;
    }
    // "Missed a class? Make it up in another class this term.": a short question a paragraph
    // asks itself goes with the answer that follows it (the book keeps it as what the answer is
    // about, unsaid); alone it was picked as the answer to "what if I miss a class?".
    const next = raw[i + 1];
    if (/\?$/.test(s) && next?.line === line && !/\?$/.test(next.s) && s.split(/\s+/).length <= 12) {
      heading += `${s} `;
      continue;
    }
    const label = heading ? undefined : labels.get(line);
    if (label === undefined && !heading && raw[i - 1]?.line !== line) {
      const m = namedLabel.exec(s);
      if (m) labels.set(line, m[1]!);
    }
    // "The Vault: a bank heist for 2 to 6 players. Not suitable for under-14s.": a fragment
    // with no verb after a named thing's opening speaks of that thing, so it is said with its
    // name ("The Vault: Not suitable ..."); alone it read as true of every room.
    if (label && raw[i - 1]?.line === line && !finiteVerb.test(s)) out.push(`${label}: ${s}`);
    else out.push(heading + s);
    heading = '';
  }
  if (heading) out.push(heading.trim());
  return out;
}

/** A paragraph opening with a name of two to four capitalised words and a colon ("Station Zero: ..."). */
const namedLabel = /^((?:The |A )?[A-Z][\w'’&-]*(?: (?:of|and|&|the|[A-Z0-9][\w'’&-]*)){1,3}):\s/;
/** Words that make a clause a sentence with its own subject; a fragment has none of them. */
const finiteVerb =
  /\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|must|may|might|should|shall|do|does|did|we|you|they|it|he|she|i|there|this|these|those)\b/i;

/** Index of the end of the first complete sentence in a streaming buffer, or -1. */
export function sentenceEnd(buffer: string, final = false): number {
  // While streaming, a "." at the very end may still be "$12." of "$12.50": wait for more.
  const re = final ? /[.!?]+(?=\s|$)/g : /[.!?]+(?=\s)/g;
  for (const m of buffer.matchAll(re)) {
    const before = buffer.slice(0, m.index);
    if (/\b(?:St|Ave|Dr|Rd|Mr|Mrs|Ms|No|e\.g|i\.e|etc|vs)$/.test(before)) continue;
    if (/\d$/.test(before) && /^\.\d/.test(buffer.slice(m.index))) continue;
    return m.index + m[0].length;
  }
  return -1;
}

const weekdayWords = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekdayShort = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdayShort)[number];

/** The weekday a caller names ("Sunday", "sundays", "tomorrow", "today", "weekend" -> sat), relative to now. */
export function dayMentioned(text: string, now: Date, timeZone = 'UTC'): Weekday | undefined {
  const n = normalize(text);
  for (const [i, w] of weekdayWords.entries()) {
    if (new RegExp(`\\b${w}s?\\b`).test(n) || new RegExp(`\\b${w.slice(0, 3)}\\b`).test(n))
      return weekdayShort[i];
  }
  const today = todayIndex(now, timeZone);
  if (/\btoday\b|\btonight\b|\bright now\b|\bnow\b/.test(n)) return weekdayShort[today];
  if (/\btomorrow\b/.test(n)) return weekdayShort[(today + 1) % 7];
  if (/\bweekends?\b/.test(n)) return 'sat';
  return undefined;
}

function todayIndex(now: Date, timeZone: string): number {
  let name: string;
  try {
    name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone }).format(now).toLowerCase();
  } catch {
    name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }).format(now).toLowerCase();
  }
  const i = (weekdayShort as readonly string[]).indexOf(name.slice(0, 3));
  return i < 0 ? 0 : i;
}

export const weekdayName = (d: Weekday): string => {
  const w = weekdayWords[weekdayShort.indexOf(d)] ?? d;
  return w.charAt(0).toUpperCase() + w.slice(1);
};
