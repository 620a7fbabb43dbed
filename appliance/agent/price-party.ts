/**
 * Prices by the size of a group: an escape room, a boat trip or a class priced per team ("2
 * players: £50", "5 or 6 players: £95", "up to 4 people: £60"), and a caller who says how many
 * they are ("four of us on a Saturday", "a team of seven", "me and three friends"). The row is
 * the one whose band holds the count, as prices by age (price-age.ts), distance and value are
 * read; the count's words pick the row and never name an item. A row with a price per kind of day
 * ("Weekday: £80; Weekend: £92") is said by the day the caller names, else whole.
 */
import type { BookSentence, KnowledgeBook } from './book.js';
import { termsOf } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { recordSpeech } from './answer-speech.js';
import { digitize } from './lexicon/numbers.js';
import { bandedRows, priceCells } from './price-age.js';

interface CountBand {
  from: number;
  to: number;
}

const members =
  'players?|people|persons?|guests?|participants?|riders?|divers?|climbers?|diners?|paddlers?|pax|members?';

/** One other person a caller comes with: "me and my partner" is two. */
const companions =
  'partner|wife|husband|girlfriend|boyfriend|fiance|fiancee|friend|mate|mum|mom|mother|dad|father|son|daughter|sister|brother|colleague|other half';

/** An item priced for two ("Couples' taster", "a pair of tickets", "dinner for two", "Joint membership (two adults)"). */
export const pairPrice =
  /\b(?:couples?'?|pairs?|duo|joint|(?:two|2) (?:people|persons|adults|guests)|for two|for 2)\b/i;

/**
 * Words of a party the caller describes ("for 2 people", "me and my partner"): whose the
 * price is, never the priced item's name.
 */
export const partyWords: ReadonlySet<string> = new Set([
  ...'us we people person persons player players me i others friends mates colleagues guests'.split(' '),
  ...companions.split('|').filter((w) => !w.includes(' ')),
]);

/**
 * How many the caller's group is ("4 of us", "6 people", "a team of 7", "me and 3 friends"), or
 * undefined. Only counts said with a word for people: any other number may be an item's.
 */
export function partySizeIn(question: string): number | undefined {
  const t = digitize(question.replace(/-/g, ' ')).toLowerCase();
  const plus = /\bme and (\d+) (?:friends|mates|others|colleagues|people)\b/.exec(t)?.[1];
  if (plus) return Number(plus) + 1;
  // "Me and my partner", "my wife and I", "the two of us", "a table for two": a pair.
  if (
    new RegExp(`\\bme and my (?:${companions})\\b(?! and\\b)|\\bmy (?:${companions}) and (?:i|me)\\b`).test(t)
  )
    return 2;
  if (/\bthe 2 of us\b|\bfor 2\s*(?:[?.!,]|$)/.test(t)) return 2;
  const n =
    /\b(\d+) of us\b/.exec(t)?.[1] ??
    new RegExp(`\\b(\\d+) (?:${members}|adults|friends|colleagues)\\b`).exec(t)?.[1] ??
    /\b(?:group|party|team|family|gang) of (\d+)\b/.exec(t)?.[1];
  return n && Number(n) > 0 ? Number(n) : undefined;
}

/** The band of a row's first field: "2 players", "5 or 6 players", "up to 4 people", "8+ guests". */
export function countBandOf(field: string): CountBand | undefined {
  const t = field
    .replace(/^[^:]{1,30}:\s*/, '')
    .trim()
    .toLowerCase();
  const who = `(?:${members})`;
  let m = new RegExp(`^(?:up to|max(?:imum)?(?: of)?)\\s+(\\d+)\\s+${who}$`).exec(t);
  if (m) return { from: 1, to: Number(m[1]) };
  m = new RegExp(`^(\\d+)\\s*(?:or|to|-|–)\\s*(\\d+)\\s+${who}$`).exec(t);
  if (m) return { from: Number(m[1]), to: Number(m[2]) };
  m = new RegExp(`^(\\d+)\\s*(?:\\+\\s*${who}|${who}\\s*(?:or more|and over|\\+))$`).exec(t);
  if (m) return { from: Number(m[1]), to: Infinity };
  m = new RegExp(`^(\\d+)\\s+${who}$`).exec(t);
  if (m) return { from: Number(m[1]), to: Number(m[1]) };
  return undefined;
}

const firstField = (text: string): string => text.split(/;\s*/)[0] ?? '';
const rowsCache = new WeakMap<KnowledgeBook, BookSentence[]>();
const partyRows = (book: KnowledgeBook): BookSentence[] =>
  bandedRows(book, rowsCache, (field) => countBandOf(field), firstField);

const holds = (b: CountBand, n: number): boolean => n >= b.from && n <= b.to;

/** The kind of day a caller names: Saturday or Sunday is the weekend, Monday to Friday a weekday. */
function dayKind(question: string): 'weekend' | 'weekday' | undefined {
  const t = question.toLowerCase();
  if (/\b(?:saturday|sunday|weekend)s?\b/.test(t)) return 'weekend';
  if (/\b(?:monday|tuesday|wednesday|thursday|friday|weekday|week day|midweek|mid week)s?\b/.test(t))
    return 'weekday';
  return undefined;
}

/** Words of a count or day phrase: said to pick the row and cell, not to name the item. */
const countWords = new Set(
  'us we people person players player group party team family gang friends mates colleagues adults guests me others weekend weekday saturday sunday monday tuesday wednesday thursday friday midweek'.split(
    ' ',
  ),
);

/**
 * The row for a caller who says how many they are, and in it the cell of the kind of day they
 * name; undefined when there is no such table, no one row holds the count, or the caller's other
 * words are about something else than the table.
 */
export function partyRowAnswer(
  book: KnowledgeBook,
  question: string,
  subject: readonly QueryWord[],
): { sentence: BookSentence; text: string } | undefined {
  const size = partySizeIn(question);
  if (size === undefined) return undefined;
  const rows = partyRows(book);
  const holding = rows.filter((s) => holds(countBandOf(firstField(s.text))!, size));
  if (holding.length !== 1) return undefined;
  const row = holding[0]!;
  const rest = subject.filter((q) => !countWords.has(q.surface) && !/^\d/.test(digitize(q.surface)));
  const about = new Set([
    ...termsOf(row.heading),
    ...rows.filter((s) => s.heading === row.heading).flatMap((s) => termsOf(s.text)),
  ]);
  if (rest.length && coverage(rest, about) === 0) return undefined;
  const label = firstField(row.text).replace(/^[^:]{1,30}:\s*/, '');
  const kind = dayKind(question);
  const cells = priceCells(row.text);
  const cell = kind ? cells.filter((c) => new RegExp(`^${kind}s?\\b`, 'i').test(c)) : [];
  if (cell.length === 1)
    return { sentence: row, text: `For ${label}, ${cell[0]!.replace(/^./, (c) => c.toLowerCase())}.` };
  return { sentence: row, text: recordSpeech(row.text) };
}

/** Whether an answer sentence is the row, or a cell of the row, whose band holds the caller's count. */
export function partyRowHolds(question: string, sentence: string): boolean {
  const size = partySizeIn(question);
  const band =
    size === undefined
      ? undefined
      : // "For 4 players, weekend £92.", "2 players is £50." (the row said as a sentence).
        countBandOf(
          firstField(
            sentence
              .replace(/^For /, '')
              .replace(/\s+(?:is|are)\s+(?:from\s+)?[$€£]\d.*$/, '')
              .replace(/,\s*/, '; '),
          ),
        );
  return size !== undefined && band !== undefined && holds(band, size);
}
