/**
 * Prices by the value of something: cover priced by what the goods are worth ("Value of goods:
 * up to £2,500; Per week: £2.50", "up to £5,000: £4.20 a week"), and a caller who says what
 * theirs are worth ("it's all worth about four thousand pounds"). The row is the one whose band
 * holds that value, as prices by age (price-age.ts) and by distance (price-distance.ts) are read;
 * the band's own amounts are the row's label, not its price.
 */
import type { BookSentence, KnowledgeBook } from './book.js';
import { termsOf } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { bandedRows } from './price-age.js';
import { digitize } from './lexicon/numbers.js';

/** A band of value in the currency's units: over `from`, up to and including `to`. */
interface ValueBand {
  from: number;
  to: number;
}

const money = '[$€£]\\s?(\\d[\\d,]*(?:\\.\\d+)?)';
const amount = (s: string): number => Number(s.replace(/,/g, ''));

/**
 * The value a caller gives their goods ("worth about 4000 pounds", "valued at £4,000", "about
 * 4 grand's worth"); undefined when they give none. Only money said with "worth"/"value": any
 * other amount may be a price the caller quotes.
 */
export function valueIn(question: string): number | undefined {
  const t = digitize(question)
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  const m =
    /\b(?:worth|valued? at|value (?:of|is)|insured? (?:for|up to))\s+(?:about |around |roughly |maybe |approximately |nearly |almost |just under |just over |under |over )?[$€£]?\s?(\d+(?:\.\d+)?)\s*(k|thousand|grand)?/.exec(
      t,
    ) ??
    /\b[$€£]?\s?(\d+(?:\.\d+)?)\s*(k|thousand|grand)?\s*(?:pounds?|quid|dollars?|euros?)?(?: s)? worth\b/.exec(
      t,
    );
  if (!m) return undefined;
  const v = Number(m[1]) * (m[2] ? 1000 : 1);
  return v > 0 ? v : undefined;
}

/** The band of a row's first field: "up to £1,000", "£1,001 to £2,500", "more than £10,000". */
function valueBandOf(field: string): ValueBand | undefined {
  const t = field.toLowerCase();
  let r = new RegExp(`${money}\\s*(?:to|-|–)\\s*${money}`).exec(t);
  if (r) return { from: amount(r[1]!), to: amount(r[2]!) };
  r = new RegExp(`\\b(?:up to|under|less than|below|not more than)\\s+${money}`).exec(t);
  if (r) return { from: 0, to: amount(r[1]!) };
  r = new RegExp(`\\b(?:over|more than|above|beyond)\\s+${money}`).exec(t);
  if (r) return { from: amount(r[1]!), to: Infinity };
  return undefined;
}

/** The row's first field ("Value of goods: up to £1,000"), which holds its band. */
const firstField = (text: string): string => text.split(/;\s*|\s+\|\s+/)[0] ?? '';
/** The row's own figure: a price after the first field ("Per week: £1.20"). */
const ownPrice = (text: string): boolean => /[$€£]\s?\d/.test(text.slice(firstField(text).length));

const rowsCache = new WeakMap<KnowledgeBook, BookSentence[]>();
/** Rows priced by a band of value: two or more under one heading, each with a figure of its own. */
const valueRows = (book: KnowledgeBook): BookSentence[] =>
  bandedRows(book, rowsCache, (field, text) => ownPrice(text) && valueBandOf(field), firstField);

const holds = (b: ValueBand, v: number): boolean => v > b.from && v <= b.to;

/**
 * A row's band within its table: "up to £5,000" after "up to £2,500" starts where that one ends
 * (a list of ceilings, each row holding what the row before does not).
 */
function bandIn(rows: readonly BookSentence[], row: BookSentence): ValueBand {
  const own = valueBandOf(firstField(row.text))!;
  const below = rows
    .filter((s) => s.heading === row.heading && s !== row)
    .map((s) => valueBandOf(firstField(s.text))!.to)
    .filter((to) => to < own.to);
  return { from: Math.max(own.from, ...below), to: own.to };
}

/** Words of a value phrase: said to pick the row, not to name the item. */
const valueWords = new Set('worth value valued pounds pound quid dollars euros grand thousand'.split(' '));

/**
 * The row for a caller who says what their goods are worth, said whole; undefined when there is
 * no such table, no one row holds the value, or the caller's other words are about something
 * else than the table (its heading, its rows and the sentence that introduces it).
 */
export function valueRowAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentence: BookSentence; text: string } | undefined {
  const value = valueIn(question);
  if (value === undefined) return undefined;
  const rows = valueRows(book);
  const holding = rows.filter((s) => holds(bandIn(rows, s), value));
  if (holding.length !== 1) return undefined;
  const row = holding[0]!;
  const rest = subject.filter((q) => !valueWords.has(q.surface) && !/^\d/.test(q.surface));
  const intro = book.sentences.filter((s) => s.heading === row.heading && !rows.includes(s));
  const about = new Set([
    ...termsOf(row.heading),
    ...rows.filter((s) => s.heading === row.heading).flatMap((s) => termsOf(s.text)),
    ...intro.flatMap((s) => [...s.terms]),
  ]);
  // Every word the documents know must be about the table: "a caravan worth £3,000 to store"
  // asks about storing a caravan, whatever "store" shares with the insurance's introduction.
  const aboutIt = (q: QueryWord): boolean => [...q.expansions].some(([t, w]) => w >= 0.8 && about.has(t));
  if (
    rest.length &&
    (coverage(rest, about) === 0 ||
      rest.some((q) => [...q.expansions.values()].some((w) => w >= 0.8) && !aboutIt(q)))
  )
    return undefined;
  return { sentence: row, text: rowSpeech(row.text) };
}

/**
 * A row said with its band's label ("Value of goods up to £5,000, per week £4.20."): the band
 * alone ("up to £5,000") does not say what it is of.
 */
function rowSpeech(text: string): string {
  const fields = text.replace(/\.\s*$/, '').split(/;\s*|\s+\|\s+/);
  const out = fields
    .map((f, i) => {
      const plain = f.trim().replace(/^([^:]{1,40}):\s*/, '$1 ');
      return i === 0 ? plain : plain.replace(/^./, (c) => c.toLowerCase());
    })
    .join(', ');
  return `${out}.`;
}

/** Whether an answer sentence is the row whose band holds the value the question states. */
export function valueRowHolds(question: string, sentence: string): boolean {
  const value = valueIn(question);
  const band = value === undefined ? undefined : valueBandOf(firstField(sentence));
  return value !== undefined && band !== undefined && holds(band, value);
}
