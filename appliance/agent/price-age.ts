/**
 * Prices that depend on whose: a fee table with a row per age group ("Seedlings (under 2)",
 * "Saplings (2 to 3)", "Oak Room (3 to 5)") and a caller who says how old the child is ("an
 * afternoon for a two-year-old", "she's eighteen months", "he's three and a half"). The row is
 * the one whose age range holds the caller's age; the amount is the cell the caller's other
 * words name ("afternoon"), else the row is said whole. Without an age, rows are matched by
 * their words as any item is (answer-price.ts).
 */
import { recordSpeech } from './answer-speech.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import { termsOf } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { digitize } from './lexicon/numbers.js';

/** An age range in years, from inclusive, to exclusive ("2 to 3": a two-year-old, not a three). */
export interface AgeRange {
  from: number;
  to: number;
}

const unitYears = (unit: string | undefined): number => (unit && /^month/i.test(unit) ? 1 / 12 : 1);

/**
 * The age a caller states, in years: "a two-year-old", "my 2 year old", "she's eighteen months",
 * "he's three and a half", "my baby's five months old", "aged 4". Undefined when none is said.
 */
export function agesIn(question: string): number | undefined {
  return agePhrase(question)?.years;
}

/** The question without the age it states ("the fee for my 2 year old" -> "the fee for my"). */
export function withoutAge(question: string): string {
  const a = agePhrase(question);
  return a ? a.text.replace(a.phrase, ' ') : question;
}

function agePhrase(question: string): { years: number; phrase: string; text: string } | undefined {
  const t = digitize(question.replace(/(\w)-(?=year|month|old)/gi, '$1 ').replace(/-/g, ' ')).toLowerCase();
  const half = '(\\s+and\\s+a\\s+half)?';
  const patterns = [
    // "2 year old", "18 months old", "5 month old"
    new RegExp(`\\b(\\d{1,2}(?:\\.\\d)?)${half}\\s+(years?|yrs?|months?)\\s+old\\b`),
    // "she's 18 months", "he is 3 and a half", "aged 4", "who's 2", "I'm 17", "is only 5"
    new RegExp(
      `\\b(?:'s|is|'m|i am|aged|age|turned|turning)\\s+(?:just\\s+|nearly\\s+|almost\\s+|only\\s+|already\\s+|about\\s+|around\\s+)?(\\d{1,2}(?:\\.\\d)?)${half}(?:\\s+(years?|yrs?|months?))?\\b(?!\\s*(?:[:.]\\d|am|pm|o'clock|%|pounds|dollars|minutes|hours|days|weeks))`,
    ),
  ];
  for (const re of patterns) {
    const m = re.exec(t);
    if (!m) continue;
    const n = Number(m[1]) + (m[2] ? 0.5 : 0);
    const years = n * unitYears(m[3]);
    if (years > 0 && years < 120) return { years, phrase: m[0], text: t };
  }
  return undefined;
}

/**
 * The age range a fee row's label gives in brackets: "(under 2)", "(2 to 3)", "(3-5 years)",
 * "(babies from 3 months to 2 years)", "(over 60)", "(16 and over)". No range for brackets with
 * an amount, a clock time or other figures ("(1.67 index)", "(£4 per session)", "(8 am to 8 pm)").
 */
export function ageRangeOf(label: string): AgeRange | undefined {
  for (const m of label.matchAll(/\(([^()]*)\)/g)) {
    const inner = m[1]!.toLowerCase();
    if (/[$€£]|\d\s*(?:am|pm)\b|\d[:.]\d|%/.test(inner)) continue;
    const u = '\\s*(years?|yrs?|months?)?';
    let r = new RegExp(
      `^(?:[a-z ]*?\\s)?(?:from\\s+)?(\\d{1,2})${u}\\s*(?:to|-|–)\\s*(\\d{1,2})${u}(?:\\s+olds?)?$`,
    ).exec(inner);
    if (r) {
      const toUnit = unitYears(r[4] ?? r[2]);
      return { from: Number(r[1]) * unitYears(r[2] ?? r[4]), to: Number(r[3]) * toUnit };
    }
    r = new RegExp(`^(?:[a-z ]*?\\s)?(?:under|below|up to)\\s+(\\d{1,2})${u}$`).exec(inner);
    if (r) return { from: 0, to: Number(r[1]) * unitYears(r[2]) };
    r = new RegExp(
      `^(?:[a-z ]*?\\s)?(?:over|aged)\\s+(\\d{1,2})${u}(?:\\s+and\\s+over)?$|^(\\d{1,2})${u}\\s*(?:\\+|and over)$`,
    ).exec(inner);
    if (r) return { from: Number(r[1] ?? r[3]) * unitYears(r[2] ?? r[4]), to: Infinity };
  }
  return undefined;
}

/**
 * A sentence that sets an age limit or range: "for ages 6 to 12", "children under 8 must be
 * accompanied", "aged 16 and over", "over-18s only", "suitable from 5 years", "no under-5s".
 * Such a sentence decides "can my four year old come?", whether the age is in it or not.
 */
export const statesAgeLimit =
  /\bages?d?\s+\d{1,2}\b|\b(?:under|over|below|above)[- ]\d{1,2}s?\b|\b\d{1,2}\s*(?:\+|(?:years? )?(?:and|or) (?:over|up|older|under|above|younger))(?!\w)|\b(?:from|at least|minimum age(?: of)?)\s+\d{1,2}\s+(?:years?|yrs?)\b/i;

/** The first cell of a table row ("Room: Seedlings (under 2)"), up to its first price. */
export const rowLabel = (text: string): string =>
  (text.split(/;\s*/)[0] ?? text).split(/[$€£]\s?\d/)[0] ?? '';

/**
 * Whether an answer sentence is the row, or a cell of the row, of the age group that holds the
 * age the question states (the final check lets it through: its figures are the asked row's).
 */
export function ageRowHolds(question: string, sentence: string): boolean {
  const age = agesIn(question);
  const range = age === undefined ? undefined : ageRangeOf(rowLabel(sentence));
  return age !== undefined && range !== undefined && age >= range.from && age < range.to;
}

/** Words of an age phrase: said to pick the row, not to name the item. */
const ageWords = new Set('year years yr yrs month months old aged age half'.split(' '));
/** Whether a word of a question that states an age is part of the age ("year", "old", "two"). */
export const isAgeWord = (word: string): boolean => ageWords.has(word) || /^\d/.test(digitize(word));

/**
 * The answer for a caller who says an age, from a table of rows by age group: the one row whose
 * range holds the age, and in it the cell the caller's other words name; the row whole when they
 * name no cell. Undefined when the documents have no such table, no row holds the age, or the
 * caller's words are about something else than the table ("the late collection fee").
 */
export function ageRowAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentence: BookSentence; text: string } | undefined {
  const age = agesIn(question);
  if (age === undefined) return undefined;
  const holding = ageRows(book).filter((s) => {
    const r = ageRangeOf(rowLabel(s.text))!;
    return age >= r.from && age < r.to;
  });
  if (holding.length !== 1) return undefined;
  const row = holding[0]!;
  const rest = subject.filter((q) => !isAgeWord(q.surface));
  const scored = priceCells(row.text)
    .map((c) => ({ c, cov: rest.length ? coverage(rest, new Set(termsOf(c))) : 0 }))
    .sort((a, b) => b.cov - a.cov);
  const best = scored[0];
  const label = rowLabel(row.text).replace(/^[^:]{1,30}:\s*/, '');
  if (best && best.cov > 0 && best.cov > (scored[1]?.cov ?? 0))
    return { sentence: row, text: `${label}, ${lowerFirst(best.c)}.` };
  // The caller's words name no cell: about this table (its heading, the row) or about nothing
  // else, the row is said whole; about something else, this path has no answer.
  const about = new Set([...termsOf(row.heading), ...termsOf(label)]);
  if (rest.length && coverage(rest, about) === 0) return undefined;
  return { sentence: row, text: recordSpeech(row.text) };
}

/**
 * Priced rows whose label gives a band (an age range here, a distance in price-distance.ts, a
 * value in price-value.ts): two or more under one heading. Found once per book in `cache` (every
 * price question asks for them). `label` reads a row's label (by default the text before its
 * first price); `banded` gets it and the row's text.
 */
export function bandedRows(
  book: KnowledgeBook,
  cache: WeakMap<KnowledgeBook, BookSentence[]>,
  banded: (label: string, text: string) => unknown,
  label: (text: string) => string = rowLabel,
): BookSentence[] {
  let out = cache.get(book);
  if (!out) {
    const rows = book.sentences.filter((s) => /[$€£]\s?\d/.test(s.text) && banded(label(s.text), s.text));
    out = rows.filter((s) => rows.filter((x) => x.heading === s.heading).length >= 2);
    cache.set(book, out);
  }
  return out;
}
const ageRowsCache = new WeakMap<KnowledgeBook, BookSentence[]>();
/** Rows of fee tables by age group. */
const ageRows = (book: KnowledgeBook): BookSentence[] => bandedRows(book, ageRowsCache, ageRangeOf);

/** The cells of a row after its label that hold a price ("Afternoon 1.00 pm - 6.00 pm: £38"). */
export const priceCells = (text: string): string[] =>
  text
    .replace(/\.\s*$/, '')
    .split(/;\s*/)
    .slice(1)
    .filter((c) => /[$€£]\s?\d/.test(c));

/** "Saturday lesson: £17" said inside a sentence: lower case, unless a day or month opens it. */
const lowerFirst = (cell: string): string =>
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(
    cell,
  )
    ? cell
    : cell.replace(/^./, (ch) => ch.toLowerCase());

/**
 * "How much is a Saturday lesson?" asked of a fee table by age group with no age said: the
 * column the words name, across the age groups ("Saturday lesson: £15 for Ducklings (under 3),
 * £17 for Otters (3 to 6) ..."). Undefined when the words name no one column of such a table.
 */
export function ageColumnAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentences: BookSentence[]; text: string } | undefined {
  if (agesIn(question) !== undefined || !subject.length) return undefined;
  const rows = ageRows(book);
  const first = rows[0];
  if (!first) return undefined;
  const table = rows.filter((r) => r.heading === first.heading);
  const columns = priceCells(first.text).map((c) => c.split(/:\s*[$€£]/)[0] ?? c);
  const scored = columns
    .map((label, k) => ({ label, k, cov: coverage(subject, new Set(termsOf(label))) }))
    .sort((a, b) => b.cov - a.cov);
  const best = scored[0];
  if (!best || best.cov < COLUMN_COVERAGE || best.cov - (scored[1]?.cov ?? 0) < 0.1) return undefined;
  const parts = table.flatMap((r) => {
    const cell = priceCells(r.text)[best.k];
    const amount = cell ? /[$€£]\s?\d[\d,.]*(?:\s*(?:an?|per)\s+\w+)?/.exec(cell)?.[0] : undefined;
    return amount
      ? [
          `${amount.replace(/[.,]$/, '')} for ${rowLabel(r.text)
            .replace(/^[^:]{1,30}:\s*/, '')
            .trim()}`,
        ]
      : [];
  });
  if (parts.length !== table.length) return undefined;
  return { sentences: table, text: `${best.label.trim()}: ${parts.join(', ')}.` };
}

/** Least share of the caller's words a column's label must hold to be the one asked. */
const COLUMN_COVERAGE = 0.75;

/**
 * Whether an answer sentence is a column of a fee table by age said across its groups, for a
 * question whose words name that column (the final check lets it through: each figure is the
 * asked column's, for one group each).
 */
export function ageColumnHolds(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
  sentence: string,
): boolean {
  return ageColumnAnswer(book, question, subject)?.text === sentence;
}
