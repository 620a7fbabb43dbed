/**
 * Whose a price is, when the documents price groups of people by age ("A climbing session costs
 * £8 for adults and £5 for under 16s", "Adults £5.20, children £3.10, over 60s £3.80", "Junior
 * lessons (ages 5 to 15)") and the caller says who it is for ("for a child", "a 12 year old",
 * "for my daughter", "a pensioner"). The caller's person or age becomes the words of the groups
 * that hold them, so the asked thing's price for that group is the one found; a person whose age
 * is not said ("my daughter") names no group, and the thing's prices are said for every group.
 * Age tables with a row per group ("Seedlings (under 2)") are price-age.ts's.
 */
import type { KnowledgeBook } from './book.js';
import type { QueryWord } from './coverage.js';
import { pricedItems, type KnowledgeGraph } from './graph/extract.js';
import { itemStems } from './item-kind.js';
import { personAge } from './person-age.js';
import { agesIn, type AgeRange } from './price-age.js';
import { priceAll } from './price-check.js';
import { stem, tokens } from './text.js';

/** The weight of the caller's age group against the least of the thing's words (see whoseWords). */
const WHOSE_WEIGHT = 0.5;

/** A priced item that names a group of people by age, with the words that name the group. */
interface GroupItem {
  item: string;
  amount: string;
  sentenceId: number;
  range: AgeRange;
  stems: string[];
}

/** Groups said by a word, in years: "children" are under 16 as UK price lists mean them. */
const groupWords: readonly [RegExp, AgeRange][] = [
  [/\b(?:bab(?:y|ies)|infants?|toddlers?)\b/, { from: 0, to: 3 }],
  [/\b(?:teens|teenagers?)\b/, { from: 13, to: 18 }],
  [/\b(?:child(?:ren)?|kids?|juniors?|youths?|young people)\b/, { from: 0, to: 16 }],
  [/\b(?:seniors?|senior citizens?|pensioners?|oaps?)\b/, { from: 60, to: Infinity }],
  [/\badults?\b/, { from: 16, to: Infinity }],
];

/** The age group an item's name (or its case, "for under 16s") names, and the words naming it. */
function groupOf(name: string): { range: AgeRange; phrase: string } | undefined {
  const t = name.toLowerCase();
  let m = /\b(?:ages?d?\s+)(\d{1,2})\s*(?:to|-|–)\s*(\d{1,2})\b/.exec(t);
  if (m) return { range: { from: Number(m[1]), to: Number(m[2]) + 1 }, phrase: m[0] };
  m = /\b(?:under|below)[- ]?(\d{1,2})s?\b/.exec(t);
  if (m) return { range: { from: 0, to: Number(m[1]) }, phrase: m[0] };
  m = /\b(?:over|above)[- ]?(\d{1,2})s?\b|\b(\d{1,2})s?\s*(?:\+|and (?:over|up|older))/.exec(t);
  if (m) return { range: { from: Number(m[1] ?? m[2]), to: Infinity }, phrase: m[0] };
  for (const [re, range] of groupWords) {
    const w = re.exec(t);
    if (w) return { range, phrase: w[0] };
  }
  return undefined;
}

function groupItems(graph: KnowledgeGraph): readonly GroupItem[] {
  // Read once per graph (fixed once trained): every price question asks it up to three times.
  const cached = groupItemCache.get(graph);
  if (cached) return cached;
  const out: GroupItem[] = [];
  const texts = new Map(graph.relations.map((r) => [r.sentenceId, r.sentence]));
  for (const i of pricedItems(graph)) {
    // "Climbing session for under 16s": the group is the case; else the name ("adult lessons"),
    // with the ages its row gives in brackets ("Child (4 to 15)": 4 to 15, not every child).
    const at = i.item.lastIndexOf(' for ');
    const text = (texts.get(i.sentenceId) ?? '').toLowerCase();
    // ("Toddlers (1 to 3 years)": the bracket may be the item's own, and say its unit.)
    const note =
      /\(([^()]*)\)\s*$/.exec(i.item)?.[1] ?? text.split(`${i.item.toLowerCase()} (`)[1]?.split(')')[0] ?? '';
    const bracket = /^(\d{1,2}\s*(?:to|-|–)\s*\d{1,2})(?:\s*(?:years?|yrs?)(?: old)?)?$/.exec(
      note.trim().toLowerCase(),
    )?.[1];
    const g =
      (at < 0 && bracket ? groupOf(`ages ${bracket}`) : undefined) ??
      groupOf(at >= 0 ? i.item.slice(at + 5) : i.item);
    if (g) out.push({ ...i, range: g.range, stems: itemStems(g.phrase) });
  }
  groupItemCache.set(graph, out);
  return out;
}
const groupItemCache = new WeakMap<KnowledgeGraph, readonly GroupItem[]>();

/** "My 2-year-old" said back as "a 2 year old" ("an 8 year old"); price-age.ts reads the age as a number. */
function ageSaid(text: string): string | undefined {
  const m = /\b(\d+)[ -](years?|months?)[ -]old\b/.exec(text);
  return m ? `${/^(?:8|11|18)$/.test(m[1]!) ? 'an' : 'a'} ${m[1]} ${m[2]} old` : undefined;
}

/** Where a question names whom the price is for: "for (my) ...", "my ...", "... pay". */
const forWhom = [
  /\bfor\s+(?:(?:my|our|his|her|their|your|a|an|the|two|three|\d+)\s+)?([a-z]+)/g,
  /\b(?:my|our)\s+([a-z]+)/g,
  /\b(?:does|do|would|will)\s+(?:(?:my|our|a|an|the)\s+)?([a-z]+)\s+pay\b/g,
];

/**
 * The asked words of a price question with the caller's person or age made the words of the
 * documents' groups that hold it (the narrowest of each sentence: a pensioner is one of the
 * "over 60s", not of the "adults"); a person of no told age, or one no group holds, is dropped
 * so that the asked thing's row is said whole. Unchanged where the documents price no groups.
 */
export function whoseWords(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  question: string,
  words: readonly QueryWord[],
): QueryWord[] {
  const groups = groupItems(graph);
  if (!groups.length) return [...words];
  const text = question.toLowerCase();
  const said = new Set(forWhom.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!)));
  const persons = [...said].filter((w) => personAge(book, w) !== undefined);
  const stated = agesIn(question);
  if (stated === undefined && !persons.length) return [...words];
  const age = stated ?? persons.map((w) => personAge(book, w)).find((a) => a !== undefined);
  // Only the groups of the thing asked about ("a sauna for my wife" of a sauna priced for all,
  // beside swims priced for adults: the swims' groups are not the sauna's).
  const thing = words.filter((q) => !persons.includes(q.surface));
  const about = (g: GroupItem): boolean => {
    const s = book.sentences[g.sentenceId];
    const own = new Set([...itemStems(g.item), ...(s?.terms ?? []), ...(s?.headingTerms ?? [])]);
    for (const t of g.stems) own.delete(t);
    return thing.some((q) => [...q.expansions].some(([t, w]) => w >= 0.5 && own.has(t)));
  };
  const concerned = thing.length ? groups.filter(about) : groups;
  const holding = (a: number) => {
    const span = (r: AgeRange) => (r.to === Infinity ? 1000 - r.from : r.to - r.from);
    const fits = concerned.filter((g) => a >= g.range.from && a < g.range.to);
    return fits.filter(
      (g) => !fits.some((o) => o.sentenceId === g.sentenceId && span(o.range) < span(g.range)),
    );
  };
  const fit = typeof age === 'number' ? holding(age) : [];
  // The person is whose the price is, not the thing priced ("a children's party" is a thing,
  // found by its own words when no group holds the caller).
  const rest = words.filter((q) => !persons.includes(q.surface) || (book.has(q.stem) && !fit.length));
  if (!fit.length) return rest;
  // (A word of a group that does not hold them is no word of theirs: "adult" of "adult lessons"
  // holds a pensioner, but would name the swim's "adults" beside its "over 60s".)
  const others = new Set(concerned.filter((g) => !fit.includes(g)).flatMap((g) => g.stems));
  const stems = [...new Set(fit.flatMap((g) => g.stems))].filter((t) => !others.has(t));
  if (!stems.length) return rest;
  // It tells the thing's groups apart; it does not name the thing ("lessons for a 10 year old"
  // are the junior lessons, not the children's swim): half the least of the thing's words.
  const idf = rest.length ? WHOSE_WEIGHT * Math.min(...rest.map((q) => q.idf)) : 1;
  return [
    ...rest,
    {
      // ("A 2 year old" is said so in a fallback, not "2".)
      surface: persons[0] ?? ageSaid(text) ?? tokens(question).find((w) => /^\d/.test(w)) ?? 'age',
      stem: stem(persons[0] ?? 'age'),
      expansions: new Map(stems.map((s) => [s, 1])),
      idf,
    },
  ];
}

/**
 * The reply says the price of the caller's group (whoseWords): every amount in it is of a group
 * that holds the caller's age. The final check lets it through like an age row.
 */
export function whoseRowHolds(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  question: string,
  sentence: string,
): boolean {
  const words = whoseWords(book, graph, question, []);
  const asked = new Set(words.flatMap((q) => [...q.expansions.keys()]));
  if (!asked.size) return false;
  const figure = (a: string): string => (a.match(priceAll()) ?? [])[0] ?? a;
  const said = new Set((sentence.match(priceAll()) ?? []).map((a) => a.trim()));
  const amounts = groupItems(graph).filter((g) => said.has(figure(g.amount).trim()));
  return amounts.length > 0 && amounts.every((g) => g.stems.some((s) => asked.has(s)));
}

/** The groups' sentence when every priced item of it is a group of people (two or more). */
function groupSentence(graph: KnowledgeGraph, sentenceId: number): boolean {
  const items = pricedItems(graph).filter((i) => i.sentenceId === sentenceId);
  const groups = new Set(groupItems(graph).map((g) => g.item));
  return items.length >= 2 && items.every((i) => groups.has(i.item));
}

/**
 * "How much is a swim?" of "Swimming prices: Adults £5.20, children £3.10, over 60s £3.80": the
 * priced items are the groups, the thing is only their section's, and the caller named no group
 * that holds them ("for my son"): the sentence whose groups lead the match, said whole.
 */
export function groupRow(
  graph: KnowledgeGraph,
  scored: readonly { sentenceId: number; score: number; unknown: number }[],
  minScore: number,
  margin: number,
): number | undefined {
  const top = scored[0];
  // (Nothing asked that the documents lack: "a swim for my dog" is not the people's row.)
  if (!top || top.score < minScore || top.unknown > 0) return undefined;
  if (scored.some((x) => x.sentenceId !== top.sentenceId && top.score - x.score < margin)) return undefined;
  return groupSentence(graph, top.sentenceId) ? top.sentenceId : undefined;
}

/**
 * The reply is a sentence of prices for groups of people, said whole (groupRow), and the thing
 * the caller asked about is the sentence's or its section's (`words`: the asked words, without
 * whose): the final check lets it through like a row of cases.
 */
export function groupRowHolds(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  question: string,
  words: readonly QueryWord[],
  sentence: string,
): boolean {
  const s = book.sentences.find((x) => x.text.trim() === sentence.trim());
  if (!s || !groupSentence(graph, s.id)) return false;
  const thing = whoseWords(book, graph, question, words).filter((q) => words.includes(q));
  const own = new Set([...s.terms, ...s.headingTerms]);
  return thing.length > 0 && thing.every((q) => [...q.expansions].some(([t, w]) => w >= 0.5 && own.has(t)));
}
