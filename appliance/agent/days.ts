/**
 * The days a text names, as three-letter keys ("mon" ... "sun"): single days, abbreviations a
 * document writes ("Sat", "Tue & Thu"), ranges ("Monday to Friday"), "weekends", "weekdays",
 * "daily". Read by question-subject.ts (the days a caller asks about) and item-match.ts (a row
 * of a day range, "Monday to Thursday", holds "a Tuesday").
 */
import { duringTheWeek } from './caller-context.js';

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const dayWordRe =
  /\b(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?\b\.?/gi;
const oneDayRe = new RegExp(`^${dayWordRe.source}$`, 'i');
export function daysIn(text: string): Set<string> {
  const out = new Set<string>();
  const t = text
    .replace(/\bweekends?\b/gi, ' Saturday Sunday ')
    .replace(/\bweekdays?\b/gi, ' Monday to Friday ')
    .replace(duringTheWeek, ' Monday to Friday ');
  const dayAt = (w: string): number =>
    dayNames.indexOf(w.slice(0, 3).toLowerCase() as (typeof dayNames)[number]);
  // Short forms are days only as written by a document (capitalised: "Sat 8am"); a caller's
  // lower-case "sat" or "sun" is another word.
  const found = [...t.matchAll(dayWordRe)].filter((m) => m[1]!.length > 3 || /^[A-Z]/.test(m[1]!));
  for (const m of found) out.add(dayNames[dayAt(m[1]!)]!);
  // ("From Friday afternoon to Sunday", "Monday 9am to Friday 5pm": a time of the first day between.)
  for (const m of t.matchAll(
    /\b([a-z]{3,9})\.?(?:\s+(?:morning|afternoon|evening|night|lunchtime|\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)))?\s*(?:to|-|–|through|thru)\s*([a-z]{3,9})\b/gi,
  )) {
    const a = dayAt(m[1]!);
    const b = dayAt(m[2]!);
    if (a < 0 || b < 0 || !oneDayRe.test(m[1]!) || !oneDayRe.test(m[2]!)) continue;
    for (let i = a; i !== b; i = (i + 1) % 7) out.add(dayNames[i]!);
  }
  if (/\b(daily|every day|7 days a week|seven days a week)\b/i.test(text))
    for (const d of dayNames) out.add(d);
  return out;
}
