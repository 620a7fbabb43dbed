import type { BookSentence } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { hasPrice, hasShare } from './price-check.js';
import type { QuestionShape } from './question-type.js';

/**
 * What a question asks, put ahead of what its words merely share with a sentence (answer
 * selection's ranking, answer-select.ts): the thing a caller asks leave for ("can my dog ..."),
 * how much more something costs ("do you charge more on a Sunday?"), and the diary's free times
 * ("when's your next available appointment?").
 */

/** A sentence as selection ranks it: subject coverage, answer-kind fit and their score. */
export interface Ranked {
  s: BookSentence;
  cov: number;
  fit: number;
  score: number;
}

/** Least subject coverage for a sentence to be said. */
export const MIN_COVERAGE = 0.5;

/** The documents have the word's own form or a close relative of it ("cancel" for "cancellation"). */
export const closelyKnown = (q: QueryWord): boolean => [...q.expansions.values()].some((w) => w >= 0.8);

/** Least coverage of a sentence about the thing a caller asks leave for ("my dog"). */
const MIN_PERMISSION_COVERAGE = 0.25;

/**
 * "Can my dog stay ...", "can I bring my dog": the subject word the caller asks leave for (a
 * thing the documents name closely), or undefined.
 */
function permissionFor(text: string, subject: readonly QueryWord[]): QueryWord | undefined {
  // ("Can the kids go in?", "can children use it?": those people themselves.)
  const m =
    /\b(?:can|could|may)\s+(?:(?:i|we)\s+(?:bring|take)\s+)?(?:my|our)\s+(\w+)/i.exec(text) ??
    /\b(?:can|could|may)\s+(?:the\s+)?(kids|children|teenagers|teens|babies|toddlers)\s+(?:go|come|use|get|join|swim|play|ride|stay|sit|have)\b/i.exec(
      text,
    );
  const word = m?.[1]?.toLowerCase();
  const q = word ? subject.find((x) => x.surface === word) : undefined;
  // "Can my kids climb on their own?": a caller's phrase holding the word ("kids ... on their
  // own", supervision) says what the leave is for.
  if (
    q &&
    subject.some(
      (x) => x !== q && x.surface.split(' ').length > 1 && x.surface.split(' ').includes(q.surface),
    )
  )
    return undefined;
  return q && closelyKnown(q) ? q : undefined;
}

/** The caller asks for the diary's free times: the soonest, the next available, a free slot. */
const asksAvailability =
  /\b(?:soonest|next (?:available|free|open)|how soon (?:can|could)|how long(?:'s| is) the wait(?:ing list)?|waiting (?:list|time)s?|(?:fit|squeeze) (?:me|us|him|her|them) in|free (?:slots?|appointments?|spaces?|places?)|any (?:slots?|availability|spaces?|openings?)|available (?:appointments?|slots?|lessons?|times?|dates?))\b/i;
/** A yes/no question whether something costs more ("do you charge more", "is it extra"). */
const asksSurcharge =
  /\b(?:(?:charge|cost|pay)s?\s+(?:any\s+)?(?:more|extra)|(?:is|it's|that's|is that|is it|is there)\s+(?:an?\s+)?(?:extra|surcharge|supplement)|more expensive|any extra)\b/i;
const surchargeWords = /^(?:extra|more|cost|charg|pay|pric|expens|surcharg|supplement|dear)/;
/** A sentence that speaks to how soon callers are seen or booked. */
const speaksAvailability =
  /\b(?:same[- ]day|availab\w*|waiting list|booked up|fully booked|(?:days?|weeks?|months?) ahead|(?:days?|weeks?) in advance|slots?|within (?:\d+|a|one|two|three|four) (?:days?|weeks?)|next day)\b/i;

/**
 * Puts `scored[at]` first; with a `floor`, it is also said: its coverage raised to the least
 * said, its score to the former leader's (and the floor).
 */
function lead(scored: Ranked[], at: number, floor?: number): void {
  const [x] = scored.splice(at, 1);
  if (!x) return;
  scored.unshift(x);
  if (floor === undefined) return;
  x.cov = Math.max(x.cov, MIN_COVERAGE);
  x.score = Math.max(x.score, scored[1]?.score ?? 0, floor);
}

/**
 * Reorders `scored` (best first) so the sentence that answers what is asked leads; 'no-free-times'
 * when the caller asks for free times and no sentence speaks to them.
 */
export function leadWithAsked(
  text: string,
  shape: QuestionShape,
  subject: readonly QueryWord[],
  words: readonly QueryWord[],
  scored: Ranked[],
): 'no-free-times' | undefined {
  // "Can my dog sleep in the room with the sea view?": what the caller asks leave for is the
  // dog; the answer is the best sentence about dogs ("Dogs aren't allowed in the house rooms"),
  // not a room that shares more of the other words. Only when every word is known: a thing
  // the documents never name keeps its honest "not in my information".
  const allowed = shape.type === 'yesno' ? permissionFor(text, subject) : undefined;
  if (allowed && subject.every((q) => q.expansions.size > 0)) {
    const at = scored.findIndex((x) =>
      [...allowed.expansions].some(([t, w]) => w >= 0.8 && x.s.terms.has(t)),
    );
    if ((scored[at]?.cov ?? 0) >= MIN_PERMISSION_COVERAGE) lead(scored, at, MIN_COVERAGE);
  }
  // "Do you charge more if we move on a Sunday?", "is it extra for a second dog?": whether it
  // costs more is answered by the sentence that says how much more ("Sundays ... cost 30% more"),
  // not by one that shares more of the other words ("our crews move seven days a week").
  // The money words ("cost extra", "more") ask; the rest say of what.
  if (shape.type === 'yesno' && asksSurcharge.test(text)) {
    const of = words.filter((q) => !surchargeWords.test(q.surface));
    const at = scored.findIndex(
      (x) =>
        (hasPrice.test(x.s.text) || hasShare.test(x.s.text)) &&
        of.length > 0 &&
        coverage(of, x.s.terms, x.s.headingTerms) >= MIN_COVERAGE,
    );
    if (at >= 0) lead(scored, at, 0);
  }
  // "When's your next available appointment?", "could you fit me in": the diary's free times,
  // which documents do not hold; a sentence that speaks to it ("same-day appointments",
  // "usually booked two weeks ahead") answers, any other is not the answer.
  if (asksAvailability.test(text) && !/\btoday\b/i.test(text)) {
    const at = scored.findIndex((x) => speaksAvailability.test(x.s.text) && x.cov > 0);
    if (at < 0) return 'no-free-times';
    if (at > 0) lead(scored, at);
  }
  return undefined;
}
