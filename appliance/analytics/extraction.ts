import type { z } from 'zod';
import type { extractionFieldSchema } from '../agents/schema.js';

/**
 * Rule-based extraction of the values a business defines per agent (agents/schema.ts
 * `extraction`) from the caller's turns of one conversation. Rules, not a model: each kind has a
 * small grammar, and a field with no match is null rather than a guess.
 */

export type ExtractionField = z.output<typeof extractionFieldSchema>;
export type ExtractedValue = string | number | null;

const digitWords: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const smallNumbers: Record<string, number> = {
  ...Object.fromEntries(Object.entries(digitWords).map(([w, d]) => [w, Number(d)])),
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};

/**
 * Spoken digit runs as digits: STT writes "one two three four five" where the caller read out
 * 12345. Only runs of two or more digit words are joined, so "one of your" stays words.
 */
export function spokenDigits(text: string): string {
  return text.replace(
    /\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,-]+)+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi,
    (run) =>
      run
        .split(/[\s,-]+/)
        .map((w) => digitWords[w.toLowerCase()] ?? '')
        .join(''),
  );
}

/** The text after the first cue found (case-insensitive), or undefined. */
function afterCue(text: string, cues: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  for (const cue of cues) {
    const i = lower.indexOf(cue.toLowerCase());
    if (i >= 0) return text.slice(i + cue.length);
  }
  return undefined;
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months = [
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
];
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const dayMs = 86_400_000;

/** The next day (from `ref`, UTC) with this month and day: this year, or next year once passed. */
function nextMonthDay(ref: Date, month: number, day: number): string | null {
  if (day < 1 || day > 31) return null;
  let d = new Date(Date.UTC(ref.getUTCFullYear(), month, day));
  if (d.getUTCMonth() !== month) return null;
  if (d.getTime() < Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate()))
    d = new Date(Date.UTC(ref.getUTCFullYear() + 1, month, day));
  return iso(d);
}

/** A date the caller named, as YYYY-MM-DD relative to the call's day `ref` (UTC), or null. */
export function findDate(text: string, ref: Date): string | null {
  const t = text.toLowerCase();
  const today = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate()));
  if (/\bday after tomorrow\b/.test(t)) return iso(new Date(today.getTime() + 2 * dayMs));
  if (/\btomorrow\b/.test(t)) return iso(new Date(today.getTime() + dayMs));
  if (/\b(today|tonight|this (morning|afternoon|evening))\b/.test(t)) return iso(today);
  const monthRe = months.join('|');
  const md = new RegExp(`\\b(${monthRe})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(t);
  if (md) return nextMonthDay(today, months.indexOf(md[1] ?? ''), Number(md[2]));
  const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthRe})\\b`).exec(t);
  if (dm) return nextMonthDay(today, months.indexOf(dm[2] ?? ''), Number(dm[1]));
  const slash = /\b(\d{1,2})\/(\d{1,2})\b/.exec(t);
  if (slash) return nextMonthDay(today, Number(slash[1]) - 1, Number(slash[2]));
  const wd = new RegExp(`\\b(next\\s+)?(${weekdays.join('|')})\\b`).exec(t);
  if (wd) {
    const target = weekdays.indexOf(wd[2] ?? '');
    let ahead = (target - today.getUTCDay() + 7) % 7;
    // "Friday" said on a Friday means a week on (today is "today").
    if (ahead === 0) ahead = 7;
    return iso(new Date(today.getTime() + ahead * dayMs));
  }
  return null;
}

/** The first number (digits, or a number word up to fifty, "twenty five" too), or null. */
export function findNumber(text: string): number | null {
  const t = spokenDigits(text).toLowerCase();
  const digits = /(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])/.exec(t);
  const words =
    /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?\b/.exec(
      t,
    );
  if (digits && (!words || digits.index <= words.index)) return Number(digits[1]);
  if (!words) return null;
  const tens = smallNumbers[words[1] ?? ''] ?? 0;
  const unit = words[2] && tens >= 20 ? (smallNumbers[words[2]] ?? 0) : 0;
  return tens + unit;
}

/** Up to five words after a cue, to the end of the clause. */
function textAfterCue(text: string, cues: readonly string[]): string | null {
  const rest = afterCue(text, cues);
  if (rest === undefined) return null;
  const clause = rest.split(/[.,;!?]|\b(?:and|but|because|please)\b/i)[0] ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return words.length ? words.join(' ') : null;
}

/** The pattern as a regular expression: A a letter, 9 a digit, anything else itself. */
export function patternRegex(pattern: string): RegExp {
  if (!pattern) return /(?<![\w-])(?=[A-Za-z-]*\d)(?:[A-Za-z]{0,4}-?\d{5,}|#\d{3,})(?![\w-])/;
  const body = [...pattern]
    .map((ch) => (ch === 'A' ? '[A-Za-z]' : ch === '9' ? '\\d' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('\\s?');
  return new RegExp(`(?<![\\w])${body}(?![\\w])`, 'i');
}

function orderNumber(text: string, f: ExtractionField): string | null {
  const scope = f.cues.length ? afterCue(text, f.cues) : text;
  if (scope === undefined) return null;
  const m = patternRegex(f.pattern).exec(spokenDigits(scope));
  return m ? m[0].replace(/\s/g, '').toUpperCase() : null;
}

/** Each field's value from the caller's turns (in order; the first turn with a match wins). */
export function extractFields(
  fields: readonly ExtractionField[],
  callerTexts: readonly string[],
  callDay: Date,
): Record<string, ExtractedValue> {
  const out: Record<string, ExtractedValue> = {};
  for (const f of fields) {
    let value: ExtractedValue = null;
    for (const text of callerTexts) {
      if (f.kind === 'text_after_cue') value = f.cues.length ? textAfterCue(text, f.cues) : null;
      else if (f.kind === 'order_number') value = orderNumber(text, f);
      else {
        const scope = f.cues.length ? afterCue(text, f.cues) : text;
        if (scope !== undefined) value = f.kind === 'date' ? findDate(scope, callDay) : findNumber(scope);
      }
      if (value !== null) break;
    }
    out[f.name] = value;
  }
  return out;
}
