/**
 * Prices that depend on when: a row with a price per season ("Low season (November to March):
 * £120; High season (April to October): £150") and a caller who says when ("a night in
 * October", "in January", "over the summer"). The price said is the one whose condition holds
 * then; without a time the caller hears every condition with its price. Also "the cheapest" and
 * "the most expensive" of the items the caller's words fit.
 */

import { priceClause } from './answer-speech.js';

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Months of the northern-hemisphere seasons and of the holidays priced as seasons (0 = January). */
const seasonMonths: Readonly<Record<string, readonly number[]>> = {
  spring: [2, 3, 4],
  summer: [5, 6, 7],
  autumn: [8, 9, 10],
  fall: [8, 9, 10],
  winter: [11, 0, 1],
  christmas: [11],
  easter: [2, 3],
};

/**
 * A month as a document or caller writes it: the full name, a document's capitalised short form
 * ("Nov", "Sept"); "may" only where it is a month ("in May", "May to September"), not the verb.
 */
const monthRe =
  /\b(january|february|march|april|june|july|august|september|october|november|december)\b|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|\b(?:(?:in|during|for|over|until|till|from|to|of|early|late|mid)\s+(may)|(May)(?=\s*(?:to|-|–|through|until|and)\s))\b/gi;

function monthAt(word: string): number {
  const w = word.toLowerCase().slice(0, 3);
  return monthNames.findIndex((m) => m.startsWith(w));
}

/** Months a text names, ranges ("November to March", "Apr–Oct") and seasons ("summer") included. */
export function monthsIn(text: string): Set<number> {
  const out = new Set<number>();
  const found = [...text.matchAll(monthRe)].map((m) => {
    const word = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
    // "to May": the month starts at its own word, so "January to May" reads as a range.
    const at = m.index + m[0].lastIndexOf(word);
    return { at, end: at + word.length, month: monthAt(word) };
  });
  for (const f of found) if (f.month >= 0) out.add(f.month);
  // "November to March": every month between, across the year's end.
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (a.month < 0 || b.month < 0) continue;
    if (!/^\s*(?:to|-|–|through|thru|until|till)\s*$/i.test(text.slice(a.end, b.at))) continue;
    for (let m = a.month; m !== b.month; m = (m + 1) % 12) out.add(m);
  }
  for (const w of text.toLowerCase().match(/\b[a-z]+\b/g) ?? [])
    for (const m of seasonMonths[w] ?? []) out.add(m);
  return out;
}

/** Words of a price question that say when, not what: months and seasons. */
export const whenWords: ReadonlySet<string> = new Set([
  ...monthNames.filter((m) => m !== 'may'),
  ...Object.keys(seasonMonths).filter((w) => w !== 'christmas' && w !== 'easter'),
]);

/**
 * The part of a row or sentence that states one amount, with its condition ("High season
 * (April to October): £150"): the semicolon-separated cell, else the comma clause.
 */
export function conditionOf(sentence: string, amount: string): string {
  const figure = amount.replace(/[,.;]+$/, '');
  const cells = sentence.split(/;\s*/);
  const cell = cells.find((c) => c.includes(figure)) ?? sentence;
  // Several prices in the cell ("runs in August: under-12s $190, adults $240"): the clause.
  return (cell.match(/[$€£]\s?\d/g) ?? []).length > 1 ? priceClause(cell, amount) : cell;
}

/**
 * Whether an amount holds at the time the caller names: its condition names no month, or names
 * one of the asked months.
 */
export function holdsWhen(sentence: string, amount: string, asked: ReadonlySet<number>): boolean {
  if (!asked.size) return true;
  const months = monthsIn(conditionOf(sentence, amount));
  return !months.size || [...months].some((m) => asked.has(m));
}

/**
 * The row's item with the one condition and price the caller's time picks: "Curlew – king-size
 * double, high season (April to October): £150." ("Room: Curlew ...; Sleeps: 2; Low season
 * ...: £120; High season ...: £150"), "Practice room hire, peak (June to December): $12 an hour."
 */
export function seasonSpeech(sentence: string, amount: string): string {
  const cells = sentence.replace(/\.\s*$/, '').split(/;\s*/);
  const cond = conditionOf(sentence, amount).replace(/\.\s*$/, '');
  const first = cells[0] ?? '';
  if (cond === first) return `${cond}.`;
  const item = /\d/.test(first)
    ? (/^([^:]{2,40}):/.exec(first)?.[1] ?? first)
    : first.replace(/^[^:]{1,30}:\s*/, '');
  return `${item}, ${cond.replace(/^./, (c) => c.toLowerCase())}.`;
}

/** "The cheapest double", "your most expensive room": which end of the prices is asked. */
export function superlative(question: string): 'min' | 'max' | undefined {
  if (/\b(?:cheapest|least expensive|lowest[- ]priced|lowest price|cheapest price)\b/i.test(question))
    return 'min';
  if (/\b(?:most expensive|dearest|priciest|highest[- ]priced|top[- ]price)\b/i.test(question)) return 'max';
  return undefined;
}

/** An amount as a number ("£1,150" -> 1150), for comparing prices. */
export const amountValue = (amount: string): number =>
  Number(amount.replace(/[^\d.]/g, '').replace(/\.$/, ''));
