/**
 * Prices that depend on when: a row with a price per season ("Low season (November to March):
 * £120; High season (April to October): £150") and a caller who says when ("a night in
 * October", "in January", "over the summer"). The price said is the one whose condition holds
 * then; without a time the caller hears every condition with its price. Also "the cheapest" and
 * "the most expensive" of the items the caller's words fit.
 */

import { priceClause } from './answer-speech.js';
import { holdsAt } from './months.js';

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
  return !asked.size || holdsAt(conditionOf(sentence, amount), asked);
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
  // ("April to September: £6,500" keeps its month's capital: a name, not a sentence's start.)
  const named =
    /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i.test(cond);
  return `${item}, ${named ? cond : cond.replace(/^./, (c) => c.toLowerCase())}.`;
}

/** "The cheapest double", "your most expensive room": which end of the prices is asked. */
export function superlative(question: string): 'min' | 'max' | undefined {
  if (/\b(?:cheapest|least expensive|lowest[- ]priced|lowest price|cheapest price)\b/i.test(question))
    return 'min';
  if (/\b(?:most expensive|dearest|priciest|highest[- ]priced|top[- ]price)\b/i.test(question)) return 'max';
  return undefined;
}

/** "The smallest skip", "your biggest tub": the end of the sizes asked for, or undefined. */
export function sizeSuperlative(question: string): 'min' | 'max' | undefined {
  if (/\b(?:smallest|littlest|tiniest)\b/i.test(question)) return 'min';
  if (/\b(?:biggest|largest)\b/i.test(question)) return 'max';
  return undefined;
}

/**
 * The size an item's name gives ("Midi skip (4 yard)", "6-person wooden tub"): its figure and
 * unit, or undefined.
 */
export function nameSize(item: string): { value: number; unit: string } | undefined {
  const m =
    /\b(\d+(?:\.\d+)?)[ -]?(yards?|yd|person|people|seaters?|berths?|litres?|liters?|inch(?:es)?|ft|foot|feet|metres?|meters?|m|tonnes?|tons?|kg|cu(?:bic)? ?(?:ft|m|yd))\b/i.exec(
      item,
    );
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase().replace(/^(yard|seater|berth|litre|liter|metre|meter|tonne|ton)s$/, '$1');
  return { value: Number(m[1]), unit: unit === 'yd' ? 'yard' : unit === 'people' ? 'person' : unit };
}

/** An amount as a number ("£1,150" -> 1150), for comparing prices. */
export const amountValue = (amount: string): number =>
  Number(amount.replace(/[^\d.]/g, '').replace(/\.$/, ''));
