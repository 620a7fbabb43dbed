import { spoken } from './answer-people.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { emailRe, priceRe } from './graph/extract.js';

/**
 * Where the business is and how to reach it: street addresses (with a number, a numbered road,
 * or a village street followed by its town), whose address a sentence gives (the business's own
 * or another organisation's), and the phone number for a caller's purpose.
 */

/** A phone number found for a question: the sentence to say, its score and where it is. */
export interface PhoneAnswer {
  sentences: string[];
  score: number;
  source: string;
  topic: string;
}

/** Least coverage of the caller's purpose ("for a tow") by a sentence with a number, as answer selection's. */
const MIN_PURPOSE_COVERAGE = 0.5;

/** A numbered road as an address: "2210 Route 9", "14 Highway 7", "300 County Road 12". */
export const numberedRoad =
  /\b\d{1,5}\s+(?:Route|Rte\.?|Highway|Hwy\.?|State Road|State Route|County Road|Interstate)\s+\d{1,4}[A-Z]?\b/;
const streetTypes =
  'Street|St\\.?|Road|Rd\\.?|Lane|Ln\\.?|Avenue|Ave\\.?|Drive|Dr\\.?|Way|Place|Square|Boulevard|Blvd\\.?|Court|Close|Parade|Row|Terrace|Crescent|Highway|Parkway|Pkwy\\.?|Park|Trail|Hill|Green|Gardens|Grove|Mews|Walk|Rise|Quay|Wharf|Yard';
/**
 * A town with its postcode closes an address even where the street has no number or common type
 * ("Unit 4, Riverside Trading Estate, Westfield WF3 7QP"; "Springfield, IL 62704"). Weaker
 * than a street: a drop-off point or another place is often given so too.
 */
export const hasPostcode =
  /\b[A-Z][a-z]{2,},?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]{2}\s\d{5}(?:-\d{4})?)\b/;
/**
 * A street address: a number and a street ("48 Harbour Road"), a numbered road, or a street
 * without a number followed by its town ("Mill Lane, Fernley", as villages and farms write it).
 */
export const hasStreet = new RegExp(
  `\\b\\d{1,5}[a-z]?\\s+(?:[A-Z][\\w'-]*\\s+){1,3}(?:${streetTypes})\\b|${numberedRoad.source}|\\b(?:[A-Z][\\w'-]*\\s+){1,3}(?:Street|Road|Lane|Avenue|Drive|Way|Place|Square|Close|Row|Terrace|Crescent),\\s+[A-Z][a-z]{2,}`,
);
/**
 * Whose address a sentence gives: the business's own ("find us at", "we are at", "our office is
 * on") +0.2, or another organisation's ("the Lakeside Hospital at 9 Shore Road") -0.2.
 */
export function ownPlace(text: string, heading = '', opening = false): number {
  // (Not a person the caller is told to ring: "Call Tom on 07700 900 612".)
  if (
    /(?<!\b(?:[Cc]all|[Rr]ing|[Pp]hone|[Tt]ext|[Cc]ontact|ask for|speak to)\s)\b[A-Z][a-z]+\s+(?:at|on)\s+\d/.test(
      text,
    ) ||
    /\btheir\b/i.test(text)
  )
    return -0.2;
  // "(not at the shop; ...)", "This is not our office": the documents say it is another place.
  if (
    /\bnot (?:at )?(?:the|our) (?:shop|office|premises|salon|studio|clinic|surgery|practice|showroom|store)\b|\b(?:this|that|it) is not our\b/i.test(
      text,
    )
  )
    return -0.2;
  if (/\b(?:us|we are|we're|we're located|our [a-z]+ (?:is|are))\s+(?:at|on|in)\b/i.test(text)) return 0.2;
  // A section that says where the business is ("Where is the clinic?", "Finding us", "Visit us").
  if (ownPlaceHeading.test(heading)) return 0.2;
  // The block a document opens with (a letterhead: name, address, phone) is the business's own,
  // as is a line that is nothing but a name and an address closed by its postcode, wherever it
  // stands ("Northgate Physio, Unit 3, Clifton Moor Business Village, York YO30 4XG").
  if (opening || addressLine(text)) return 0.2;
  return 0;
}

/** A line of capitalised parts only (a name, a unit, a street, a town) ending in a postcode. */
function addressLine(text: string): boolean {
  const line = text.trim().replace(/[.]$/, '');
  const m = hasPostcode.exec(line);
  if (!m || m.index + m[0].length !== line.length || !line.includes(',')) return false;
  return line.split(/[\s,]+/).every((w) => /^(?:[A-Z0-9&]|and$|of$|the$|on$|upon$)/.test(w) || w === '');
}

const consentBanner = /\bcookies?\b|\bprivacy policy\b|\baccept all\b/i;

/** Whether a sentence is in the section its document opens with (the letterhead, the intro). */
export function inOpening(book: KnowledgeBook, s: BookSentence): boolean {
  // A consent banner drawn before the page's content is not where the page opens.
  const first = book.sentences.find((x) => x.document === s.document && !consentBanner.test(x.text));
  return !!first && first.heading === s.heading;
}
const ownPlaceHeading =
  /\bwhere (?:is|are) (?:the|your|you|we)\b|\bfind(?:ing)? us\b|\bvisit(?:ing)? (?:us|the shop|our shop|the showroom|our showroom|the office|our office)\b|\b(?:our )?(?:location|address)\b|\bgetting (?:here|to us)\b|\bdirections\b|\bcontact(?: us| details)?\b/i;
/**
 * A place in a sentence: a numbered one, a named one after "at", "in", "near" ..., or a named street
 * without its number ("a small studio above the bakery on Mill Street").
 */
export const hasPlace =
  /\b\d{1,5}\s+[A-Z]\w+|\b(?:at|in|near|cover|serve)\s+[A-Z]\w+|\b(?:on|off|along|in|at)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){1,3}(?:Street|Road|Lane|Avenue|Square|Terrace|Crescent|Parade)\b/;

/**
 * A place said by common nouns and where it lies, not by a name: "please use the village hall car
 * park opposite", "Brook Street car park, behind the library", "round the back", "on the first
 * floor". It answers "where do I park?" as a place, less surely than a named one.
 */
export const hasLocative =
  /\b(?:opposite|next door|next to|behind|beside|round the (?:back|corner)|around the (?:back|corner)|in front of|across the (?:road|street)|upstairs|downstairs|(?:ground|first|second|top) floor|car parks?)\b/i;

/** A phone number in a sentence (7 to 15 digits; prices are not numbers to call). */
export const hasPhoneNumber = (text: string): boolean =>
  [...text.replace(new RegExp(priceRe.source, 'gi'), ' ').matchAll(/\+?\d[\d\s().-]{5,}\d/g)].some(
    (m) => m[0].replace(/\D/g, '').length >= 7,
  );
/** Words of a phone question that ask for a number rather than say what for. */
const phoneWords = new Set('phone telephone number numbers call ring dial reach line'.split(' '));

/**
 * "What number do I call to book a service?", "what's your phone number?": a sentence with a
 * number to call. The one for the asked purpose when a sentence with a number covers it ("for a
 * tow": the towing partner's line); else the business's own (the letterhead, "call us", a contact
 * section), never one the document gives as another party's ("their 24-hour line").
 */
/** "Call 01632 ...", "ring us on", "text 07700 ...": the caller is told to use the number. */
const callInstruction = /\b(?:call|ring|phone|text|whatsapp)\b(?: us)?(?: on| at)?\s+\+?\d/i;

export function phoneAnswer(
  book: KnowledgeBook,
  subject: readonly QueryWord[],
  all: readonly QueryWord[],
): PhoneAnswer | undefined {
  const purpose = subject.filter((q) => !phoneWords.has(q.surface));
  const strongAll = all
    .map((q) => ({ ...q, expansions: new Map([...q.expansions].filter(([, w]) => w >= 0.8)) }))
    .filter((q) => q.expansions.size > 0);
  const candidates = book.sentences
    .filter((s) => hasPhoneNumber(s.text))
    .map((s) => ({
      s,
      cov: purpose.length ? coverage(purpose, s.terms, s.headingTerms) : 0,
      own: ownPlace(s.text, s.heading, inOpening(book, s)) + (/\b(?:us|our|we)\b/i.test(s.text) ? 0.1 : 0),
      named: coverage(strongAll, s.terms, s.headingTerms),
    }));
  const forPurpose = candidates
    .filter((c) => c.cov >= MIN_PURPOSE_COVERAGE)
    .sort((a, b) => b.cov - a.cov || b.own - a.own)[0];
  const own = candidates
    .filter((c) => c.own >= 0 && (c.own > 0 || c.named > 0))
    .sort((a, b) => b.own + b.named * 0.5 - (a.own + a.named * 0.5) || a.s.id - b.s.id)[0];
  // "To book a trial, call 01632 960512": an instruction to ring a number that names no other
  // party is the business's own number, though the sentence says neither "us" nor "phone".
  const told = candidates.find((c) => c.own >= 0 && callInstruction.test(c.s.text));
  const pick = forPurpose ?? own ?? told;
  if (!pick) return undefined;
  return {
    sentences: [spoken(pick.s)],
    score: forPurpose ? 0.6 + pick.cov * 0.5 : 0.9,
    source: `book:${pick.s.id}`,
    topic: purpose.map((q) => q.surface).join(' ') || pick.s.heading,
  };
}

/** "What's your email (address)?", "can I email you?", "an e-mail to write to" (normalized text). */
export const asksEmail = /\be ?mail(?:s|ed|ing)?\b(?! (?:back|reply|replies))/;
/** "How do I contact you?", "how can I get in touch?": any way to reach the business. */
export const asksReach =
  /\b(?:contact|get in touch with|get hold of|reach) (?:you|us|the (?:office|shop|studio|school))\b|\bget in touch\b/;

/**
 * "What's your email address?": the sentence giving one, the business's own first (a contact
 * section, "email us"), never one the documents give as another party's ("their" address).
 */
export function emailAnswer(book: KnowledgeBook): PhoneAnswer | undefined {
  const pick = book.sentences
    .filter((s) => emailRe.test(s.text))
    .map((s) => ({
      s,
      own: ownPlace(s.text, s.heading, inOpening(book, s)) + (/\b(?:us|our|we)\b/i.test(s.text) ? 0.1 : 0),
    }))
    .filter((c) => c.own >= 0)
    .sort((a, b) => b.own - a.own || a.s.id - b.s.id)[0];
  if (!pick) return undefined;
  return { sentences: [spoken(pick.s)], score: 0.9, source: `book:${pick.s.id}`, topic: 'email' };
}
