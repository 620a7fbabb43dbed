/**
 * How well a sentence fits the kind of answer a question wants, by its shape alone: a price for
 * "how much", a day and a time for "when", a person for "who", a street or a place for "where",
 * a count with its limit for "how many" (0..1). answer-select.ts weighs it with the words.
 */
import { mentionsPerson, namesPerson } from './answer-people.js';
import { hasLocative, hasPlace, hasPostcode, hasStreet } from './answer-contact.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import { hasPriceRe as hasPrice } from './graph/extract.js';
import { hasDuration } from './durations.js';
import { digitize } from './lexicon/numbers.js';
import type { QuestionShape } from './question-type.js';
import { holdsAt } from './months.js';
import { statesRadius } from './price-distance.js';
import { daysIn } from './question-subject.js';
import { nameWord } from './text.js';

/** A turnaround said by when a thing is done ("the same day", "next working day", "overnight"). */
const turnaround =
  /\b(?:(?:on )?the same (?:working |business )?day|same-day|(?:the )?next (?:working |business )?(?:day|morning|afternoon)|overnight|while you wait|by return)\b/i;
/** A start that measures how long: "since 2004", "founded in 1998", "established 1987". */
const sinceYear =
  /\b(?:since|established|est\.?|(?:(?:founded|established|started|set up|opened)(?: (?:the|our|this) (?:business|company|firm|shop|practice|studio|salon))?|started (?:out|trading)) in)\s+(?:19|20)\d\d\b/i;
/** A sentence that opens with a person's name ("Dr. Priya Raman ...", "Tom Baxter, instructor"). */
const personLead = new RegExp(
  `^(?:(?:Dr|Mr|Mrs|Ms|Prof)\\.?\\s+)?${nameWord}\\s+${nameWord}\\b|^${nameWord}\\s+(?:is|was|has|does|will|can|looks|handles|runs|takes|deals|teaches|leads|covers)\\b`,
);
/** Fit of a place said by common nouns ("the car park behind the library"): below a named one (0.7). */
const LOCATIVE = 0.6;
/** Fit of a sentence that names a person on the way to something else. */
const INCIDENTAL_PERSON = 0.8;

const hasDay = /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bweekdays?\b|\bdaily\b/i;
/**
 * "We hire out boats every day from 9.00 am to 7.00 pm": every day, with a clock time, is a week's
 * hours. Not with a length alone ("answered 24 hours a day, every day of the year": a service
 * that never stops is not the hours asked).
 */
const everyDay = /\bevery day\b|\b(?:7|seven) days a week\b/i;
const ownSubject = /\b(?:we|we're|our|open)\b/i;
/** A clock time asked for ("how early can I get in?", "what time does the gate shut?"), not a length. */
export const asksClock = /\b(?:what time|how early|how late|earliest|latest|until when|till when)\b/i;
/** A time of day in a sentence: "6am", "8.30 pm", "17:30". */
export const clockTime =
  /\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b/i;
/** "7.30 to 17.30", "9:00-13:00": a time range written without am/pm. */
const hasTimeRange = /\b\d{1,2}[.:]\d{2}\s?(?:to|-|–)\s?\d{1,2}[.:]\d{2}\b/;
const hasTime =
  /\b\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\b24 hours\b|\bclosed\b/i;

/** A count with what limits it: "seats up to 24", "a minimum of 20 guests", "at least 4". */
const hasCountLimit =
  /\b\d+[- ](?:hours?|days?|nights?|weeks?|months?|sessions?|lessons?|items?) minimum\b|\bminimum (?:\w+ ){0,2}of \d+|\b(?:up to|at least|at most|no more than|no fewer than|minimum(?: of)?|maximum(?: of)?|max\.?|min\.?|seats?|holds?|fits?|accommodates?|capacity(?: of)?)\s+(?:\w+\s+)?\d+|\b\d+\s+(?:or more|or fewer|people|persons|guests|seats|covers)\b/i;

/** A number of people: "up to 6 people", "10 guests", "seats 40", "sleeps 4". */
export const peopleCount =
  /\b\d+\s+(?:people|persons|guests|adults|children|kids|passengers|players|seats|covers|diners)\b|\b(?:seats|sleeps|holds|fits|accommodates|takes)\s+(?:up to\s+)?\d+\b/i;
/** A length of time, which limits no number of people ("at least 24 hours ahead"). */
const timeSpan = /\b\d+\s*(?:hours?|hrs?|days?|nights?|weeks?|months?|years?|minutes?|mins?)\b/gi;
/** The caller counts people: "how many people / guests / of us ...". */
export const countsPeople =
  /\bhow many (?:people|persons|guests|adults|children|kids|passengers|of us|of them)\b|\bhow many (?:can|does|will|would) (?:it|the \w+|a \w+|one) (?:take|seat|sleep|hold|fit)\b/i;

/** What a question asks beyond its type, for judging a sentence's fit. */
export interface FitContext {
  book?: KnowledgeBook;
  /** Days the caller names ("at the weekend" -> sat, sun). */
  days: Set<string>;
  /** Months the caller names, seasons as their months ("in the summer" -> June to August; 0 = January). */
  months: ReadonlySet<number>;
  /** The caller asks which area is served; the sentences stating the served places. */
  area: boolean;
  areaSentences: Set<number>;
  /** The person a sentence is about by the document's structure (see personOf). */
  person?: (s: BookSentence) => string | undefined;
  /** "How long have you been going?": the business's age, which a start ("since 2004") gives. */
  asksAge?: boolean;
  /** "How long is the voucher valid?", "when does it expire?": a validity period answers. */
  asksValidity?: boolean;
  /** "How many people fit in ...?": a number of people answers a count (countsPeople). */
  countsPeople?: boolean;
}

/**
 * A period something stays valid ("valid for 12 months", "expires after 6 weeks") or is
 * guaranteed ("a 12-month guarantee", "guaranteed for 2 years"): no time a job takes.
 */
const validitySource =
  '\\b(?:valid|good|usable|guaranteed) (?:for|within)\\s+(?:up to\\s+)?(?:\\d+|an?|one)\\s*(?:days?|weeks?|months?|years?)\\b|\\bexpires? (?:after|within|in)\\s+\\d+\\s*(?:days?|weeks?|months?|years?)\\b|\\b(?:\\d+|one|two|three|six|twelve)[- ](?:days?|weeks?|months?|years?) (?:guarantee|warranty)\\b';
const validity = new RegExp(validitySource, 'i');
const validityAll = new RegExp(validitySource, 'gi');
/** The caller asks how long something lasts or stays valid. */
export const asksValidity =
  /\b(?:valid|validity|expire|expires|expiry|last|lasts|good for|use (?:it|them|this|that) by|guarantee|guaranteed|guarantees|warranty|warranties)\b/i;

/** The caller asks how long the business has existed. */
export const asksAge =
  /\bhow long (?:have|has) (?:you|your (?:\w+ )?(?:business|company|firm|shop|practice)|the (?:business|company|firm|shop|practice))(?: guys| all)? been\b|\bhow old is (?:the|your) (?:business|company|firm|shop|practice)\b/i;

export const openingWords = /\b(?:open|opens|opening|close|closes|closing|closed|shut|hours)\b/i;
/** A row of a week's opening hours: day(s), then a time range or "Closed" ("Wednesday | 8.30 am to 1 pm"). */
export const dayRow =
  /^(?:days?:\s*)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?(?:\s*(?:,|and|to|-|–|&)\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)*\s*[|:;]?\s*(?:[a-z ]{1,20}:\s*)?(?:\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)?\s*(?:to|-|–)\s*\d|closed\b)/i;

export function typeFit(s: BookSentence, shape: QuestionShape, ctx?: FitContext): number {
  const t = digitize(s.text);
  switch (shape.type) {
    case 'price':
      return hasPrice.test(t) ? 1 : 0;
    case 'when': {
      // "What time do you finish in the summer?": the winter hours ("From November to February
      // we finish at 4.00 pm") are another time of year, not the answer.
      if (ctx?.months.size && !holdsAt(s.text, ctx.months)) return 0;
      // "Can I come in at the weekend?": a sentence about another day does not answer it.
      if (ctx?.days.size) {
        const said = daysIn(s.text);
        if (![...ctx.days].some((d) => said.has(d))) return said.size ? 0 : 0.2;
        // A time inside a price line ("Off-peak (weekdays before 4pm, weekends): $29") is the
        // price's condition, not when something happens.
        if (hasPrice.test(t)) return 0.8;
        return hasTime.test(t) || hasTimeRange.test(t) || /\b\d{1,2}\s?(?:am|pm)\b/i.test(t) ? 1 : 0.8;
      }
      if (hasDay.test(t) && (hasTime.test(t) || hasTimeRange.test(t))) return 1;
      // Said of the business itself: another place's hours are often given so too ("go to the
      // eye hospital (8 am to 8 pm every day)").
      if (everyDay.test(t) && (clockTime.test(t) || hasTimeRange.test(t)) && ownSubject.test(t)) return 1;
      return hasDay.test(t) ||
        hasTime.test(t) ||
        hasTimeRange.test(t) ||
        hasDuration.test(t) ||
        /\b(due|deadline)\b/i.test(t) ||
        // "We take payment by card on the day, after the job is done": a time said by the event.
        /\b(?:on the day|in advance|up ?front|on completion|on collection|on delivery|on arrival|(?:after|before|once) the (?:job|work|lesson|session|visit|service) is (?:done|finished|complete|completed))\b/i.test(
          t,
        )
        ? 0.7
        : 0;
    }
    case 'duration':
      // "How long do we get in the room?": how long a voucher is valid ("valid for 12 months")
      // is no other thing's length, unless the caller asks how long something lasts.
      if (ctx && !ctx.asksValidity && validity.test(t) && !hasDuration.test(t.replace(validityAll, ' ')))
        return 0;
      // "How long have you been going?": a start ("since 2004", "founded in 1998") is the length.
      if (hasDuration.test(t) || (ctx?.asksAge && sinceYear.test(t))) return 1;
      // "How quickly do you deliver?": a turnaround said by when it is done ("delivered the same
      // day", "ready the next working day") answers it, less surely than a length.
      return turnaround.test(t) ? 0.7 : 0;
    case 'who':
      if (s.person || ctx?.person?.(s)) return 1;
      if (!(ctx?.book ? mentionsPerson(ctx.book, s.text) : namesPerson(s.text))) return 0;
      // A line about the person ("Tom Baxter, instructor: Stages 3 and 4") answers "who" better
      // than a sentence that names someone on the way ("... if you tell Daniel by 12 noon").
      return personLead.test(s.text) ? 1 : INCIDENTAL_PERSON;
    case 'where':
      // "Which towns do you cover?": the places served, not a street address.
      // (An area given as a radius, "within 30 miles of Faversham", is as much the answer.)
      if (ctx?.area)
        return ctx.areaSentences.has(s.id) || statesRadius(s.text) ? 1 : hasStreet.test(s.text) ? 0.5 : 0;
      return hasStreet.test(s.text)
        ? 1
        : hasPostcode.test(s.text)
          ? 0.9
          : hasPlace.test(s.text)
            ? 0.7
            : hasLocative.test(s.text)
              ? LOCATIVE
              : 0;
    case 'count':
      // "How many people fit in the motor boat?": a number of people ("up to 6 people") answers
      // it, not another limit of the same thing ("booked at least 24 hours ahead").
      if (ctx?.countsPeople)
        return peopleCount.test(t) ? 1 : hasCountLimit.test(t.replace(timeSpan, ' ')) ? 0.5 : 0;
      return hasCountLimit.test(t) ? 1 : /\d/.test(t) ? 0.5 : 0;
    default:
      return 0.5;
  }
}
