import { monthRangeWords } from './months.js';

/**
 * Words a sentence means without saying them, added to its terms when the book is built so that
 * a caller's plain word finds it:
 * - the months and seasons inside a range of months ("From November to February we finish at
 *   4.00 pm" is found by "January" and "winter"; months.ts);
 * - "discount" for an amount off ("students get 5% off block bookings", "£10 off your first
 *   clean", "half price for under-fives"): callers ask for a discount or money off, documents
 *   state the reduction; so is a price for several bought at once ("a block of five lessons
 *   is £170");
 * - "bedroom" for a home's size written short ("2-bed terrace", "4 bed detached"): callers say
 *   "a two bedroom house";
 * - "morning", "afternoon", "evening" for a rule from a clock time on (dayParts).
 */
export function impliedWords(text: string): string[] {
  const out = monthRangeWords(text);
  if (amountOff.test(text) || (bundle.test(text) && /[$€£]\s?\d/.test(text))) out.push('discount');
  if (shortBeds.test(text)) out.push('bedroom');
  out.push(...dayParts(text));
  return out;
}

/**
 * The part of the day a rule from a clock time on holds in ("Under 16s must be with an adult
 * after 7pm" is about the evening): callers say the part, documents the hour. Only a time that
 * starts a rule ("after", "from ... onwards"): the hours of a day ("9am to 5pm") are not about
 * its afternoon more than its morning. An hour before 5 am names none.
 */
function dayParts(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /\bafter (\d{1,2})(?:[.:]\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\bfrom (\d{1,2})(?:[.:]\d{2})?\s?(am|pm|a\.m\.|p\.m\.) onwards/gi,
  )) {
    const hour = m[1] ?? m[3];
    const half = m[2] ?? m[4];
    if (!hour || !half) continue;
    const h = (Number(hour) % 12) + (half.toLowerCase().startsWith('p') ? 12 : 0);
    if (h >= 5 && h < 12) out.add('morning');
    else if (h >= 12 && h < 17) out.add('afternoon');
    else if (h >= 17) out.add('evening');
  }
  return [...out];
}

const amountOff =
  /(?:\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|per ?cent)|[$€£]\s?\d[\d,]*(?:\.\d{1,2})?)\s+off\b|\bhalf[- ]price\b|\breduced (?:rate|price|fee)s?\b/i;

/**
 * Several bought at once for one price ("A block of five group lessons is £170", "10 sessions
 * for £90"): what a caller asking for a discount on several means.
 */
const bundle =
  /\b(?:block|course|pack|bundle|package|book) of (?:\d{1,2}|two|three|four|five|six|eight|ten|twelve)\b|\b(?:\d{1,2}|five|six|ten|twelve) (?:[a-z-]+ )?(?:lessons|sessions|classes|visits|treatments|swims|passes) for [$€£]/i;

const shortBeds = /\b\d+[- ]?bed\b(?!\s*(?:and|&)\s*breakfast)/i;
