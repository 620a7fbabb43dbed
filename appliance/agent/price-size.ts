/**
 * Prices by the size of the caller's thing: rows whose names give a band of a measure ("Premium
 * tyre, fitted (up to 16 inch)", "... (17 inch and above)", "Boat (20 to 30 ft)") and a caller
 * who says the size of theirs ("a tyre for an 18 inch wheel"). The row is the one whose band
 * holds that size and whose name the caller's other words name best, as prices by age
 * (price-age.ts), distance (price-distance.ts) and value (price-value.ts) are read.
 */
import type { BookSentence, KnowledgeBook } from './book.js';
import { termsOf } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { bandedRows, rowLabel } from './price-age.js';
import { priceSpeech } from './answer-speech.js';
import { digitize } from './lexicon/numbers.js';
import { hasPriceRe } from './graph/extract.js';

/** The units a size is said in, each to one name: "inches" -> "inch", "feet" -> "ft". */
const units: readonly (readonly [string, string])[] = [
  // (Not "in": "2 in the afternoon" is no size.)
  ['inch', 'inch(?:es)?'],
  ['ft', 'ft\\b|foot|feet'],
  ['yd', 'yards?|yds?\\b|yarder'],
  ['m', 'metres?|meters?|m\\b'],
  ['cm', 'cm\\b|centimet(?:re|er)s?'],
  ['kg', 'kg\\b|kilos?|kilograms?'],
  ['l', 'litres?|liters?'],
  // A home by its bedrooms ("EICR, up to 3 bedrooms"; "a five bedroom house", "a 2 bed flat").
  ['bed', 'bed(?:room)?s?\\b'],
];
const unitSource = units.map(([, re]) => `(?:${re})`).join('|');
const unitOf = (said: string): string | undefined =>
  units.find(([, re]) => new RegExp(`^(?:${re})`, 'i').test(said))?.[0];

/** A band of a measure, bounds included: "up to 16 inch" is 0 to 16. */
interface SizeBand {
  from: number;
  to: number;
  unit: string;
}

const num = '(\\d+(?:\\.\\d+)?)';
const unitGroup = `(${unitSource})`;

/** The size a caller gives ("an 18 inch wheel", "18-inch tyres", "a 4 yard skip"); undefined when none. */
export function sizeIn(question: string): { value: number; unit: string } | undefined {
  const m = new RegExp(`\\b${num}\\s?-?\\s?${unitGroup}`, 'i').exec(digitize(question));
  const unit = m?.[2] ? unitOf(m[2]) : undefined;
  return m && unit ? { value: Number(m[1]), unit } : undefined;
}

/** The band a row's label gives: "up to 16 inch", "17 inch and above", "20 to 30 ft", "over 6 m". */
export function sizeBandOf(label: string): SizeBand | undefined {
  const t = digitize(label);
  const band = (from: number, to: number, said: string | undefined): SizeBand | undefined => {
    const unit = said ? unitOf(said) : undefined;
    return unit ? { from, to, unit } : undefined;
  };
  let r = new RegExp(
    `\\b${num}\\s?(?:${unitSource})?\\s*(?:to|-|–)\\s*${num}\\s?-?\\s?${unitGroup}`,
    'i',
  ).exec(t);
  if (r) return band(Number(r[1]), Number(r[2]), r[3]);
  r = new RegExp(`\\b(?:up to|under|less than|below|max(?:imum)?)\\s+${num}\\s?-?\\s?${unitGroup}`, 'i').exec(
    t,
  );
  if (r) return band(0, Number(r[1]), r[2]);
  r = new RegExp(
    `\\b${num}\\s?-?\\s?${unitGroup}\\s*(?:and|or)\\s+(?:above|over|more|up|upwards|bigger|larger)\\b|\\b${num}\\s?-?\\s?${unitGroup}\\s*\\+`,
    'i',
  ).exec(t);
  if (r) return band(Number(r[1] ?? r[3]), Infinity, r[2] ?? r[4]);
  r = new RegExp(`\\b(?:over|more than|above|from)\\s+${num}\\s?-?\\s?${unitGroup}`, 'i').exec(t);
  if (r) return band(Number(r[1]), Infinity, r[2]);
  return undefined;
}

const holds = (b: SizeBand, size: { value: number; unit: string }): boolean =>
  b.unit === size.unit && size.value >= b.from && size.value <= b.to;

const rowsCache = new WeakMap<KnowledgeBook, BookSentence[]>();
/** Priced rows whose label gives a size band: two or more under one heading. */
const sizeRows = (book: KnowledgeBook): BookSentence[] =>
  bandedRows(book, rowsCache, (label) => sizeBandOf(label));

/** Words of a size phrase: said to pick the row, not to name the item. */
const sizeWords = new RegExp(`^(?:${unitSource}|size|sized|big)$`, 'i');

/**
 * The row for a caller who says the size of their thing, said as a price; undefined when no
 * such table, no row holds the size, or two holding rows are named alike by the caller's other
 * words (the item is then for the price paths to pick or ask).
 */
export function sizeRowAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentence: BookSentence; text: string } | undefined {
  const size = sizeIn(question);
  if (!size) return undefined;
  const holding = sizeRows(book).filter((s) => {
    const band = sizeBandOf(rowLabel(s.text));
    return band !== undefined && holds(band, size);
  });
  if (!holding.length) return undefined;
  // (Nor a figure's term: "bed3" of "three bedroom" is the size again.)
  const rest = subject.filter((q) => !sizeWords.test(q.surface) && !/\d/.test(q.surface));
  const labelTerms = (row: BookSentence): Set<string> => new Set(termsOf(rowLabel(row.text)));
  const scored = holding
    .map((s) => ({ s, cov: rest.length ? coverage(rest, labelTerms(s)) : 1 }))
    .sort((a, b) => b.cov - a.cov);
  const top = scored[0]!;
  if (top.cov === 0) return undefined;
  // "A budget tyre for an 18 inch wheel" where only premium tyres come in that size: a word of
  // the caller's that another row of the table has and this one lacks asks for another item.
  const others = sizeRows(book).filter((s) => !holding.includes(s));
  const otherTerms = new Set(others.flatMap((s) => [...labelTerms(s)]));
  const mine = labelTerms(top.s);
  const strong = (q: QueryWord): string[] => [...q.expansions].filter(([, w]) => w >= 0.8).map(([t]) => t);
  if (rest.some((q) => strong(q).some((t) => otherTerms.has(t)) && !strong(q).some((t) => mine.has(t))))
    return undefined;
  // Rows that the words name alike ("a 15 inch tyre": budget and premium) are said together.
  const alike = scored.filter((x) => x.cov >= top.cov - 0.05);
  if (alike.length > MAX_ALIKE) return undefined;
  const text = alike.map((x) => priceLine(x.s)).join(' ');
  return { sentence: top.s, text };
}

/** Most rows of one size said together; more and the caller is better asked which. */
const MAX_ALIKE = 3;

/** A row said as its price ("Premium tyre, fitted (17 inch and above) is £150."). */
function priceLine(row: BookSentence): string {
  const amount = hasPriceRe.exec(row.text.slice(rowLabel(row.text).length))?.[0];
  return (amount && priceSpeech(row.text, amount)) ?? row.text;
}

/** Whether an answer sentence is a row whose size band holds the size the question states. */
export function sizeRowHolds(question: string, sentence: string): boolean {
  const size = sizeIn(question);
  const band = size ? sizeBandOf(rowLabel(sentence)) : undefined;
  return size !== undefined && band !== undefined && holds(band, size);
}
