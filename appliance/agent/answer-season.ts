/**
 * Opening hours for the time of year a caller names ("how late are you open in the middle of
 * winter?", "what time do you close in July?"). Documents give the usual hours and date the
 * others by months ("Between October and March we close at 4.00 pm"): a caller who names a month
 * or season inside such a range hears those, one who names another time of year the undated
 * hours, never the hours of a season they did not ask about.
 */
import type { KnowledgeBook } from './book.js';
import type { Selection } from './answer-select.js';
import { clockTime } from './answer-fit.js';
import { holdsAt, monthsIn, namesMonthOf } from './months.js';
import { said } from './price-distance.js';

/**
 * The hours answer `sel` (found for the plain hours question) fitted to the months `question`
 * names: a sentence with a clock time dated to one of them (the one in the answer's section
 * first), else the answer's sentences that are not dated to other months. `sel` unchanged when
 * the question names no month or season; kind 'none' when nothing holds then.
 */
export function hoursWhen(book: KnowledgeBook, question: string, sel: Selection): Selection {
  const asked = monthsIn(question);
  // The months the business opens ("open from 1 March to 31 October"), said when a page gives
  // no hours that answer: "when are you open?", "are you open in November?".
  const openMonths = openMonthsOf(book);
  const seasonAnswer = (): Selection =>
    openMonths
      ? {
          kind: 'answer',
          sentences: [said(openMonths)],
          score: 0.8,
          source: `book:${openMonths.id}`,
          topic: sel.topic,
        }
      : { ...sel, kind: 'none', sentences: [] };
  if (!asked.size) return sel.kind === 'answer' || !openMonths ? sel : seasonAnswer();
  const dated = book.sentences.filter((s) => clockTime.test(s.text) && namesMonthOf(s.text, asked));
  if (dated.length) {
    const sections = new Set(
      book.sentences.filter((s) => sel.sentences.includes(said(s))).map((s) => s.heading),
    );
    const pick = dated.find((s) => sections.has(s.heading)) ?? dated[0]!;
    return {
      kind: 'answer',
      sentences: [said(pick)],
      score: Math.max(sel.score, 0.8),
      source: `book:${pick.id}`,
      topic: sel.topic,
    };
  }
  if (sel.kind !== 'answer') return openMonths ? seasonAnswer() : sel;
  const holds = sel.sentences.filter((x) => holdsAt(x, asked));
  if (holds.length) return { ...sel, sentences: holds };
  // "Are you open in November?" of a business open "every day from Easter until the end of
  // October": the months it opens answer a month outside them (not hours of another season).
  const season = sel.sentences.find((x) => openSeason.test(x) && monthsIn(x).size >= 3);
  return season ? { ...sel, sentences: [season] } : seasonAnswer();
}

/** The sentence giving the months the business opens ("open from 1 March to 31 October"). */
function openMonthsOf(book: KnowledgeBook): KnowledgeBook['sentences'][number] | undefined {
  return book.sentences.find((x) => openSeason.test(x.text) && monthsIn(x.text).size >= 3);
}

/** "We're open every day from Easter until ...", "open March to October": the months it opens. */
const openSeason =
  /\bopen\b(?:\s+(?:every|each|daily|day|days|seven|7|all|week|weekends?))*\s+(?:from|between|during|(?=[A-Z][a-z]+\s+(?:to|until|till|-|–)\s))/;
