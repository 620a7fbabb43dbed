/**
 * A price table with several price columns per row ("Model: iPhone 14; Screen: £199; Original
 * screen: £279; Battery: £89", "Treatment: Mice; Small home: £115; Medium home: £130; Large
 * home: £150"): every figure of the row belongs to the same item, so the item's words cannot
 * tell them apart. The column the caller names picks the figure ("a battery for an iPhone 14"),
 * by the column's own words or by the words the documents define it with ("a large home is a
 * detached house, or any home with 5 or more bedrooms" for "we're in a detached house").
 */
import type { KnowledgeBook } from './book.js';
import type { QueryWord } from './coverage.js';
import { priceRe } from './graph/extract.js';
import type { PricedMatch } from './item-match.js';
import { lengthMinutes } from './durations.js';
import { digitize } from './lexicon/numbers.js';
import { stem, stopWords, tokens } from './text.js';
import { ageRangeOf, agesIn, type AgeRange } from './price-age.js';
import { personAge } from './person-age.js';

/** Words of a column's label that say it is a price, not which one ("Price per hour"). */
const generic = new Set(
  'price prices cost costs fee fees rate rates charge charges per amount from'.split(' '),
);
/** The price cue's own "charge" ("what do you charge for", "the charge for"), no fault of a phone. */
const chargeCue =
  /\b(?:(?:do|would|will|does|did|can) (?:you|it|they|we) charge|charge (?:for|to|me|us)|the charge|a charge|extra charge|call ?out charge)\b/gi;
/** Words too common to tell columns apart ("up to 3 bedrooms", "any home"). */
const particles = new Set(['up', 'down', 'out', 'off', 'over', 'any', 'more', 'less', 'most', 'least']);
/** Prices in a question ("under £20"): amounts, not a column's figure. */
const priceAll = new RegExp(priceRe.source, 'gi');
/** A cell that says the item has no figure in that column. */
const unpricedCell = /^(?:not available|n\/?a|none|not offered|no|-+|\u2014|\u2013)$/i;
/** A column named by how often it charges ("Hourly rate"), said by the caller as "an hour". */
const timeAdjective: Readonly<Record<string, string>> = {
  hourly: 'hour',
  daily: 'day',
  nightly: 'night',
  weekly: 'week',
  monthly: 'month',
  yearly: 'year',
  annual: 'year',
};
/** Least closeness of a looser relative of a column's word ("little" for "small"). */
const LOOSE = 0.6;
/** Most prices of a row said together when the caller names none of its columns. */
const MAX_SAID_COLUMNS = 3;
/** A defining word counts this much against a word of the column's own label. */
const DEFINITION_WEIGHT = 0.5;

/** Stems of a text's content words; a hyphenated compound stays one word ("semi-detached"). */
function stemsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of tokens(text.replace(/(\w)-(?=\w)/g, '$1')))
    // A figure tells no column apart; a code mixing letters and digits ("4x4", "X5") names one.
    if (!stopWords.has(w) && !particles.has(w) && w.length > 1 && !/^\d+(?:\.\d+)?$/.test(w))
      out.add(stem(w));
  return out;
}

/** The row's "label: value" fields, or undefined when the sentence is no table row. */
export function rowFields(sentence: string): { label: string; value: string }[] | undefined {
  const fields = sentence
    .replace(/\.\s*$/, '')
    .split(/\s*;\s*/)
    .map((f) => /^([^:]{1,40}):\s*(.+)$/.exec(f.trim()));
  if (fields.length < 3 || fields.some((f) => !f)) return undefined;
  return fields.map((f) => ({ label: f![1]!.trim(), value: f![2]!.trim() }));
}

/**
 * The stems of a column label's own words. Its bracket explains it ("Full day (8 hours)"): its
 * words name no column, or "per hour" would name the full day by its "hours". Words that only say
 * it is a price ("Price per hour") name none either. "Hourly" is named by "an hour".
 */
export function columnLabelStems(label: string): string[] {
  const core = label.replace(/\s*\([^)]*\)/g, '').trim() || label;
  return [
    ...stemsOf(
      tokens(core)
        .filter((w) => !generic.has(w))
        .map((w) => timeAdjective[w] ?? w)
        .join(' '),
    ),
  ];
}

const columnStemsOf = new WeakMap<KnowledgeBook, Set<string>>();

/**
 * Stems that name a price column of the documents' tables and no item ("Manual", "Automatic" of
 * "Lesson: Single lesson; Length: 1 hour; Manual: £38; Automatic: £41"): said by a caller ("ten
 * hours in a manual"), such a word picks the column, not the row.
 */
export function priceColumnStems(book: KnowledgeBook): ReadonlySet<string> {
  let out = columnStemsOf.get(book);
  if (out) return out;
  out = new Set<string>();
  const itemStems = new Set<string>();
  for (const s of book.sentences) {
    const fields = rowFields(s.text);
    if (!fields) continue;
    for (const t of stemsOf(fields[0]!.value)) itemStems.add(t);
    for (const { label, value } of fields.slice(1))
      if (new RegExp(priceRe.source, 'i').test(value)) for (const t of columnLabelStems(label)) out.add(t);
  }
  for (const t of itemStems) out.delete(t);
  columnStemsOf.set(book, out);
  return out;
}

/** Whether a table row has, for each stem, a column whose label holds it. */
export function rowHasColumns(sentence: string, stems: readonly string[]): boolean {
  const labels = rowFields(sentence)?.map((f) => new Set(tokens(f.label).map(stem)));
  return labels !== undefined && stems.every((t) => labels.some((l) => l.has(t)));
}

/**
 * What the documents say a column's label means: "a large home is a detached house, or any
 * home with 5 or more bedrooms" (the clause after "<label> is/are/means").
 */
function definition(book: KnowledgeBook, label: string): string {
  const words = label
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    // "4x4 or MPV" is defined as "4x4 and MPV covers ...": either joiner.
    .map((w) => (/^(?:or|and|&|\/)$/i.test(w) ? '(?:or|and|&|/)' : w));
  // "A large one is an American fridge freezer" for the column "Large appliance".
  const names = [
    words.join('\\s+'),
    ...(words.length > 1 ? [[...words.slice(0, -1), 'one'].join('\\s+')] : []),
  ];
  const re = new RegExp(`\\b(?:${names.join('|')})s?\\s+(?:is|are|means|covers)\\s+([^;.]+)`, 'i');
  const out: string[] = [];
  for (const s of book.sentences) {
    if (rowFields(s.text)) continue;
    const m = re.exec(s.text);
    if (m?.[1]) out.push(m[1]);
  }
  return out.join(' ');
}

/** What the caller's words make of a row of several price columns. */
export type ColumnChoice =
  /** The column named: its figure. */
  | { kind: 'column'; match: PricedMatch }
  /** The column named has no figure for the item ("Original screen: not available"). */
  | { kind: 'unpriced' }
  /** None named, a few columns: the row is said whole. */
  | { kind: 'whole' }
  /** None named (or two alike), more columns: the caller is asked which. */
  | { kind: 'ask'; options: string[] };

/**
 * The age group of each column when every column is one ("Adult", "Child (under 16)", "Senior
 * (60+)"): a range in brackets, or the person word that opens the label, whose group runs to the
 * next ranged group (an "Adult" beside "Child (under 16)" is 16 and over). Undefined when a column
 * is no age group or two person words stand for one age.
 */
function ageColumns<C extends { label: string }>(
  book: KnowledgeBook,
  columns: readonly C[],
): { c: C; range: AgeRange }[] | undefined {
  const read = columns.map((c) => ({
    c,
    range: ageRangeOf(c.label),
    age: personAge(book, tokens(c.label)[0] ?? ''),
  }));
  if (read.some((r) => !r.range && typeof r.age !== 'number')) return undefined;
  const bounds = read
    .flatMap((r) => (r.range ? [r.range.from, r.range.to] : []))
    .filter((b) => b !== Infinity);
  const out: { c: C; range: AgeRange }[] = [];
  for (const r of read) {
    if (r.range) {
      out.push({ c: r.c, range: r.range });
      continue;
    }
    // ("Adult" beside "Child (under 16)": from the highest bound at or below its age to the
    // lowest above it.)
    const age = r.age as number;
    const from = Math.max(0, ...bounds.filter((b) => b <= age));
    const to = Math.min(Infinity, ...bounds.filter((b) => b > age));
    out.push({ c: r.c, range: { from, to } });
  }
  // Overlapping groups ("Adult" and "Senior" with no range between): no one column holds an age.
  for (const a of out)
    for (const b of out)
      if (a !== b && a.range.from < b.range.to && b.range.from < a.range.to) return undefined;
  return out;
}

/**
 * The caller's choice among the figures of `pick`'s row; undefined when the row is no table row
 * of several price columns (one price, seasons and ages are read elsewhere).
 */
export function columnChoice(
  book: KnowledgeBook,
  text: string,
  asked: readonly QueryWord[],
  pick: PricedMatch,
  scored: readonly PricedMatch[],
): ColumnChoice | undefined {
  const s = book.sentences[pick.sentenceId];
  const fields = s ? rowFields(s.text) : undefined;
  if (!s || !fields) return undefined;
  const siblings = scored.filter((x) => x.sentenceId === pick.sentenceId && x.item === pick.item);
  if (siblings.length < 2) return undefined;
  const said = stemsOf(text.replace(chargeCue, ' '));
  // Close relatives of the words said and the meanings of the caller's idioms ("won't hold its
  // charge": battery), but not of a part of a compound ("detached" of "semi-detached").
  const whole = new Set(tokens(text.replace(/(\w)-(?=\w)/g, '$1')));
  for (const q of asked)
    if (whole.has(q.surface) || q.surface.includes(' '))
      for (const [t, w] of q.expansions) if (w >= 0.8) said.add(t);
  const itemWords = stemsOf(pick.item);
  const columns = fields.slice(1).flatMap(({ label, value }) => {
    const figure = value.match(new RegExp(priceRe.source, 'i'))?.[0];
    const match = figure ? siblings.find((x) => x.amount.includes(figure)) : undefined;
    // A figure of the row that is not this item's own, or a cell of another kind ("Visits
    // included: 3"), is no price column; "not available" is one the item has no price in.
    if (figure ? !match : !unpricedCell.test(value)) return [];
    const own = columnLabelStems(label).filter((t) => !itemWords.has(t));
    // The item's own words in a definition ("fridge" of "an American fridge freezer", for the
    // fridge repair row) tell no column apart.
    const defined = [...stemsOf(definition(book, label))].filter((t) => !itemWords.has(t));
    // Every word of the label, figures too: "Per month, 6 months or more" says more than
    // "Per month" does, a condition the caller may not have stated.
    const extra = tokens(label).filter((w) => !generic.has(w) && !stopWords.has(w) && !particles.has(w));
    return [{ match, label, own, defined, extra }];
  });
  if (columns.length < 2) return undefined;
  const priced = columns.filter((c) => c.match);
  const named = (cs: readonly (typeof columns)[number][]): string[] =>
    cs
      .filter((c) => c.match)
      .map((c) => `${fields[0]!.value.replace(/\s*\([^)]*\)/g, '')} ${c.label.toLowerCase()}`);
  // Columns that are lengths ("30 minutes", "45 minutes", "60 minutes"): the length the caller
  // says picks one ("an hour of piano", "a half hour lesson"); a length no column has is not in
  // the data, and the caller hears the lengths there are. No length said: the row is said whole.
  const lengths = columns.map((c) => lengthMinutes(c.label));
  if (lengths.every((l) => l.length === 1) && new Set(lengths.map((l) => l[0])).size === lengths.length) {
    const saidLengths = lengthMinutes(text.replace(priceAll, ' '));
    const hit = columns.find((_c, i) => saidLengths.includes(lengths[i]![0]!));
    if (hit) return hit.match ? { kind: 'column', match: hit.match } : { kind: 'unpriced' };
    if (saidLengths.length || priced.length > MAX_SAID_COLUMNS)
      return { kind: 'ask', options: named(priced) };
    return { kind: 'whole' };
  }
  // A word every column shares ("home" of small, medium and large home) tells none apart.
  const everywhere = (t: string, key: 'own' | 'defined'): boolean => columns.every((c) => c[key].includes(t));
  // A column's own word may be named by a looser relative ("little" for "small home").
  const weight = (t: string): number => {
    if (said.has(t)) return 1;
    let w = 0;
    // Only a word's closest relative: WordNet's farther senses reach far ("think": small).
    for (const q of asked) {
      const own = q.expansions.get(t) ?? 0;
      if (whole.has(q.surface) && own >= Math.max(...q.expansions.values())) w = Math.max(w, own);
    }
    return w >= LOOSE ? w : 0;
  };
  // "Every 4 weeks" against "Every 8 weeks": a figure the caller says that one label holds and
  // another does not names that column ("every 8 weeks"), though figures alone name no column.
  // The item's own figures ("the 4 of a 4-bed detached") name the row, not the column.
  const figuresOf = (label: string): string[] => label.match(/\b\d+(?:\.\d+)?\b/g) ?? [];
  const saidFigures = new Set(
    (digitize(text.replace(priceAll, ' ')).match(/\b\d+(?:\.\d+)?\b/g) ?? []).filter(
      (f) => !figuresOf(pick.item).includes(f),
    ),
  );
  const graded = columns.map((c) => {
    const own = c.own.filter((t) => !everywhere(t, 'own'));
    const figures = figuresOf(c.label).filter(
      (f) => saidFigures.has(f) && !columns.every((o) => figuresOf(o.label).includes(f)),
    ).length;
    const named = own.reduce((n, t) => n + weight(t), 0) + figures;
    const defined = c.defined.filter((t) => !everywhere(t, 'defined') && said.has(t)).length;
    // Of two columns named alike ("screen" against "original screen"), the one with fewer
    // words the caller did not say.
    const unsaid = c.extra.filter((w) => !said.has(stem(w)) && !weight(stem(w))).length;
    return { c, score: named + DEFINITION_WEIGHT * defined - 0.01 * unsaid };
  });
  graded.sort((a, b) => b.score - a.score);
  const [top, next] = graded;
  // Columns by age group ("Adult: £13; Child (under 16): £10.50") and none named by its own
  // words: the caller's age, told or stood for by a person word ("for a kid"), picks one; no
  // age known, the row is said whole, never the first column's price alone.
  const byAge = ageColumns(book, columns);
  if (byAge && !(top && top.score > 0 && (!next || next.score < top.score))) {
    const told =
      agesIn(text) ??
      asked.map((q) => personAge(book, q.surface)).find((a): a is number => typeof a === 'number');
    const hit = told === undefined ? undefined : byAge.find((g) => told >= g.range.from && told < g.range.to);
    if (hit) return hit.c.match ? { kind: 'column', match: hit.c.match } : { kind: 'unpriced' };
    if (priced.length > 1 && priced.length <= MAX_SAID_COLUMNS) return { kind: 'whole' };
  }
  // None named: which of the row's prices is meant is not the first column's to decide. A few
  // are said with their columns ("Men's cut, senior stylist £28, junior stylist £20"); more,
  // the caller is asked which ("the iPhone 13: screen, battery or charging port?"). Seasons
  // and ages have their own readings (price-condition.ts, price-age.ts).
  if (top && top.score <= 0 && !graded.some((g) => /\d|season|peak/i.test(g.c.label)) && priced.length > 1)
    return priced.length <= MAX_SAID_COLUMNS ? { kind: 'whole' } : { kind: 'ask', options: named(priced) };
  if (!top || top.score <= 0) return undefined;
  // Two columns named alike: the caller is asked which, as when none is named.
  if (next && next.score === top.score)
    return { kind: 'ask', options: named(graded.filter((g) => g.score === top.score).map((g) => g.c)) };
  return top.c.match ? { kind: 'column', match: top.c.match } : { kind: 'unpriced' };
}
