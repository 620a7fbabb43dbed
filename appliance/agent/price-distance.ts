/**
 * Prices by distance: a list of charges by how far ("Zone 1, up to 3 miles: £5", "Zone 2, 3 to 8
 * miles: £8.50", "Over 15 miles: £20") and a caller who says how far ("about six miles from
 * you", "ten miles or so away", "20 km out"). The row is the one whose band holds the distance;
 * the caller need not know the zones' names. Like prices by age (price-age.ts), without a
 * distance the rows are matched by their words as any item is.
 */
import { recordSpeech } from './answer-speech.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { hasPriceRe } from './graph/extract.js';
import { digitize } from './lexicon/numbers.js';
import { bandedRows, rowLabel } from './price-age.js';

/** A distance band in miles: over `from`, up to and including `to`. */
export interface DistanceBand {
  from: number;
  to: number;
}

/** Miles per unit as documents and callers write them. */
const KM_IN_MILES = 0.621371;
const unit = '(miles?|mi|km|kms|kilomet(?:re|er)s?)';
const toMiles = (n: number, u: string): number => (/^k/i.test(u) ? n * KM_IN_MILES : n);

/** The distance a caller states, in miles ("about six miles", "20 km"); undefined when none. */
export function distanceIn(question: string): number | undefined {
  const t = digitize(question.replace(/-/g, ' ')).toLowerCase();
  // Not the price's own unit ("£1.90 per mile", "a mile").
  const m = new RegExp(`(?<![$€£]\\s?[\\d.]*)\\b(\\d+(?:\\.\\d+)?)\\s*${unit}\\b`).exec(t);
  if (!m) return undefined;
  const miles = toMiles(Number(m[1]), m[2]!);
  return miles > 0 && miles < 10_000 ? miles : undefined;
}

/**
 * The band a row's label gives: "3 to 8 miles", "8-15 miles", "up to 3 miles", "within 5
 * miles", "over 15 miles", "more than 30 miles", "15 miles and over", "15+ miles".
 */
export function distanceBandOf(label: string): DistanceBand | undefined {
  const t = label.toLowerCase();
  let r = new RegExp(`\\b(\\d+(?:\\.\\d+)?)\\s*(?:to|-|–)\\s*(\\d+(?:\\.\\d+)?)\\s*${unit}\\b`).exec(t);
  if (r) return { from: toMiles(Number(r[1]), r[3]!), to: toMiles(Number(r[2]), r[3]!) };
  r = new RegExp(`\\b(?:up to|within|under|less than|below)\\s+(\\d+(?:\\.\\d+)?)\\s*${unit}\\b`).exec(t);
  if (r) return { from: 0, to: toMiles(Number(r[1]), r[2]!) };
  r = new RegExp(
    `\\b(?:over|more than|beyond|above)\\s+(\\d+(?:\\.\\d+)?)\\s*${unit}\\b|\\b(\\d+(?:\\.\\d+)?)\\s*(?:\\+\\s*)?${unit}\\s+(?:and|or)\\s+(?:over|more|beyond)\\b`,
  ).exec(t);
  if (r) return { from: toMiles(Number(r[1] ?? r[3]), (r[2] ?? r[4])!), to: Infinity };
  return undefined;
}

const holds = (b: DistanceBand, miles: number): boolean => miles > b.from && miles <= b.to;
/** Rows with a band before their first price. */
const bandOf = (s: BookSentence): DistanceBand | undefined => distanceBandOf(rowLabel(s.text));

const rowsCache = new WeakMap<KnowledgeBook, BookSentence[]>();
/** Charges by distance: two or more priced rows with a distance band under one heading. */
const distanceRows = (book: KnowledgeBook): BookSentence[] => bandedRows(book, rowsCache, distanceBandOf);

/** Words of a distance phrase: said to pick the row, not to name the item. */
const distanceWords = new Set(
  'mile miles mi km kms kilometre kilometres kilometer kilometers away far'.split(' '),
);
const isDistanceWord = (w: string): boolean => distanceWords.has(w) || /^\d/.test(digitize(w));

/**
 * The row for a caller who says how far, from charges by distance: the one row whose band holds
 * the distance, said whole. Undefined when there is no such list, no one row holds it, or the
 * caller's other words are about something else than the list ("the piano, 6 miles away").
 */
export function distanceRowAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentence: BookSentence; text: string } | undefined {
  const miles = distanceIn(question);
  if (miles === undefined) return undefined;
  const holding = distanceRows(book).filter((s) => holds(bandOf(s)!, miles));
  if (holding.length === 0) return undefined;
  // Bands that share an end ("up to 3", "3 to 8") hold it once; overlapping lists are not guessed.
  if (holding.length > 1) return undefined;
  const row = holding[0]!;
  const rest = subject.filter((q) => !isDistanceWord(q.surface));
  // The row's heading, its band and its column labels ("Travel charge: £15").
  const about = new Set([...row.headingTerms, ...row.terms]);
  if (rest.length && coverage(rest, about) === 0) return undefined;
  return { sentence: row, text: said(row) };
}

/** A row as said: a table row in words, a list line ended as a sentence. */
export const said = (row: BookSentence): string => {
  const t = recordSpeech(row.text).trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** Whether an answer sentence is the distance row that holds the distance the question states. */
export function distanceRowHolds(question: string, sentence: string): boolean {
  const miles = distanceIn(question);
  const band = miles === undefined ? undefined : distanceBandOf(rowLabel(sentence));
  return miles !== undefined && band !== undefined && holds(band, miles);
}

/** Most rows of charges by distance read out whole for "how far out do you deliver?". */
const MAX_AREA_ROWS = 4;

/**
 * "How far out do you deliver?" of documents that say it only by their charges by distance: the
 * band that holds the distance the caller states ("ten miles or so away"), else the bands whole
 * (a few rows). Undefined without such charges, or with more rows than are said at once.
 */
export function distanceAreaAnswer(book: KnowledgeBook, question: string): BookSentence[] | undefined {
  const rows = distanceRows(book);
  if (!rows.length) return undefined;
  const miles = distanceIn(question);
  if (miles !== undefined) {
    const holding = rows.filter((s) => holds(bandOf(s)!, miles));
    return holding.length === 1 ? holding : undefined;
  }
  return rows.length <= MAX_AREA_ROWS ? rows : undefined;
}

/** "... and the villages within 20 miles", "we cover a 15-mile radius": the area as a radius. */
const radiusRe = new RegExp(
  `\\b(?:within|up to|inside)\\s+(?:an?\\s+)?(\\d+(?:\\.\\d+)?)\\s*-?\\s*${unit}\\b|\\b(\\d+(?:\\.\\d+)?)\\s*-?\\s*${unit}\\s+radius\\b`,
  'i',
);

/** The sentence gives an area as a radius ("Travel within 30 miles of Faversham is free"). */
export const statesRadius = (text: string): boolean => radiusRe.test(text.replace(/-/g, ' '));

/**
 * "We're about fifteen miles from Kingsmere, is that too far?" of documents that give the area
 * as a radius ("the villages within 20 miles"): whether the caller's distance is inside it, and
 * the sentence that says so. Undefined without a stated distance or a radius (or with two
 * radii, which the words would have to tell apart: "we deliver within 10 miles, fit within 5").
 */
export function radiusAnswer(
  book: KnowledgeBook,
  question: string,
): { sentence: BookSentence; inside: boolean } | undefined {
  const miles = distanceIn(question);
  if (miles === undefined) return undefined;
  const found = book.sentences.flatMap((s) => {
    const m = radiusRe.exec(s.text.replace(/-/g, ' '));
    if (!m || hasPriceRe.test(s.text)) return [];
    const radius = toMiles(Number(m[1] ?? m[3]), (m[2] ?? m[4])!);
    return [{ sentence: s, radius }];
  });
  const radii = new Set(found.map((f) => f.radius));
  const first = found[0];
  if (!first || radii.size !== 1) return undefined;
  return { sentence: first.sentence, inside: miles <= first.radius };
}
