import { digitize } from './lexicon/numbers.js';

/**
 * How long something lasts, as documents say it: "45 minutes", "3 working days", "1-2 weeks",
 * "a 6-week course", "half an hour", "valid for a year". A course's length is said by its
 * sessions too ("six weekly evening classes", "four Sunday mornings"), after digitize() has
 * made the count a figure. A rate ("£65 a day", "$85 a month") is a price per period, not a
 * length. One pattern for choosing a sentence (answer-fit.ts), ranking passages (answers.ts)
 * and checking the reply (answer-check.ts), so the three agree on what answers "how long".
 */
export const hasDuration = new RegExp(
  [
    String.raw`\b\d+(?:\.\d+)?(?:\s?-\s?\d+)?(?:\s\w+)?\s?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?)\b`,
    String.raw`\b\d+-(?:day|week|month|year)\b`,
    String.raw`(?<![£$€]\s?\d+(?:[.,]\d+)?\s?)\b(?:an?|one|half an?) (?:hour|day|week|fortnight|month|year|minute)\b`,
    // Sessions count as a length with their cadence or day ("6 weekly evening classes", "4 Sunday
    // mornings", "a course of 10 lessons"); a bare "2 lessons" is a count ("1-to-2 lessons").
    String.raw`\b\d+ (?:weekly|fortnightly|monthly|daily|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?: [a-z]+)? (?:classes|sessions|lessons|evenings|mornings|afternoons|nights)\b`,
    String.raw`\bcourse of \d+ (?:[a-z]+ )?(?:classes|sessions|lessons)\b`,
  ].join('|'),
  'i',
);

/**
 * The same lengths in the other unit, as figures ("60 minutes" -> "1", "1.5 hours" -> "90"), so
 * that a caller's "a one-hour massage" finds the row whose length cell says "60 minutes".
 */
export function durationFigures(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d+(?:\.\d+)?)\s?(minutes?|mins?|hours?|hrs?)\b/gi)) {
    const n = Number(m[1]);
    const other = /^m/i.test(m[2]!) ? n / 60 : n * 60;
    // Whole or half hours only: "45 minutes" is 0.75 hour, a figure no caller says.
    if (Number.isInteger(other * 2)) out.push(String(other));
  }
  return out;
}

/**
 * A length the caller gives a thing in words ("an hour's massage", "a half-hour session",
 * "an hour and a half"), as figures with their unit, for the numbers an item must state.
 * "An hour" alone stays: "how much is it an hour" asks a rate, not a one-hour item.
 */
export function spokenLengths(text: string): string {
  return text
    .replace(/\ban hour and a half\b/gi, '90 minutes')
    .replace(/\b(?:a half[- ]hour|half an hour)(?:'s|s)?\b/gi, '30 minutes')
    .replace(/\ban hour(?:['’]s|[- ]long)\b/gi, '1 hour');
}

/**
 * The lengths a text states, in minutes ("a half hour lesson": 30, "an hour of piano": 60, "90
 * mins", "two hours": 120). "An hour" counts here: read against columns that are lengths, it
 * names the 60-minute one.
 */
export function lengthMinutes(text: string): number[] {
  const out: number[] = [];
  const rest = digitize(text).replace(/\b(?:an|one)[- ]hour\b|\bhour[- ]long\b/gi, () => {
    out.push(60);
    return ' ';
  });
  for (const m of rest.matchAll(/\b(\d+(?:\.\d+)?)[- ]?(minutes?|mins?|hours?|hrs?)\b/gi))
    out.push(Number(m[1]) * (/^m/i.test(m[2]!) ? 1 : 60));
  return out;
}
