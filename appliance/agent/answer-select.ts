import { sizeSuperlative } from './price-condition.js';
import { asksForPerson, personClause, personOf, personPart, spoken } from './answer-people.js';
import { ageColumnAnswer, agesIn, ageRowAnswer, statesAgeLimit } from './price-age.js';
import { distanceAreaAnswer, distanceRowAnswer, radiusAnswer, said, statesRadius } from './price-distance.js';
import { valueRowAnswer } from './price-value.js';
import { sizeRowAnswer } from './price-size.js';
import { partyRowAnswer, partySizeIn } from './price-party.js';
import {
  hasLocative,
  hasPhoneNumber,
  hasStreet,
  asksEmail,
  asksReach,
  emailAnswer,
  inOpening,
  ownPlace,
  phoneAnswer,
} from './answer-contact.js';
import {
  asksAge,
  asksValidity,
  countsPeople,
  peopleCount,
  asksClock,
  clockTime,
  dayRow,
  openingWords,
  typeFit,
  type FitContext,
} from './answer-fit.js';
import { type Missing, missingPhrase } from './answer-missing.js';
import { closelyKnown, leadWithAsked, MIN_COVERAGE } from './answer-lead.js';
import { priceAnswer, unitOptions, unitRate } from './answer-price.js';
import { askedUnit } from './item-match.js';
import { labelledRow } from './answer-speech.js';
import { hasPrice } from './price-check.js';
import { sectionOf, termsOf, type BookSentence, type KnowledgeBook } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { genericWords } from './grounding.js';
import type { KnowledgeGraph } from './graph/extract.js';
import { asksPhone, ownDayVerb, placeFor, type QuestionShape } from './question-type.js';
import { isWhenWord, monthsIn, namesMonthOf } from './months.js';
import { digitize } from './lexicon/numbers.js';
import {
  areaQuestion,
  DAY_TERM,
  dayQueryWords,
  daysIn,
  possessiveWords,
  subjectWords,
} from './question-subject.js';
import { normalize, stem, tokens } from './text.js';

/**
 * Answer selection over the business's documents: every sentence is scored by how much of the
 * question's subject it covers (IDF-weighted, through the book's paraphrase bridges) and whether
 * it carries the kind of answer asked (a price, days and times, a person, a place). A price
 * question is answered with the price *of the asked item* from the knowledge graph, or honestly
 * not at all: another item's figure is never said.
 */

export interface Selection {
  kind: 'answer' | 'not-in-data' | 'none';
  sentences: string[];
  /** 0..1.3, comparable with the FAQ answers' relevance. */
  score: number;
  source: string;
  topic: string;
  /** What was asked that the data does not hold ("a new saddle"), for the honest fallback. */
  missing?: string;
  /** Its content words: a passage that lacks one does not answer the question either. */
  missingWords?: string;
  /**
   * A price asked of a kind with several priced items and no usual one ("brake pads": front,
   * rear): their names, for the fallback to ask which one is meant.
   */
  options?: string[];
}

/** WordNet's farther relations (siblings 0.5, second senses): no word of the question by themselves. */
const LOOSE = 0.6;

/** Most rows of a timetable read out whole (a week's days). */
const MAX_SCHEDULE_ROWS = 7;
/** Most sentences of a section said together as one answer. */
const MAX_SECTION_SENTENCES = 3;

/**
 * A noun naming a thing the caller asks about ("steam", "boxing"), not a time ("morning",
 * "weekend", "summer": when, not what).
 */
const thingWord = (book: KnowledgeBook, w: string): boolean =>
  book.nounLike(w) && !book.isA(w, 'time period') && !book.isA(w, 'time');

/** A day as daysIn gives it ("sat") in the stem a caller's word has ("saturday"). */
const dayStems: Record<string, string> = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
    d.slice(0, 3),
    stem(d),
  ]),
);
/** A day of a month: "the 1st of January", "26th December", "March 3rd". */
const dayOfMonth =
  /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)\b/i;
/** The term a sentence dated by an asked month carries (no real word has it). */
const MONTH_TERM = '\u0000month';

/** A sentence that is only a yes or a no ("Yes!", "No, sorry."). */
const bareYesNo =
  /^(?:yes|yep|yeah|no|nope|of course|absolutely|sure)(?:,? (?:sorry|please|definitely|we do|we can))?[.!]*$/i;
/** A proper name of two or more capitalised words ("Meadow Retail Park"). */
const properName = /\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b/g;
/** The place a yes/no area question names ("do you cover York?", "... come out to Great Ayton?"). */
const askedPlace =
  /\b(?:cover|serve|service|travel to|come out to|come to|go to|deliver to|work in|visit)\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?)/;

/** Where the caller says they are ("I'm in Barnsley", "we live near Great Ayton"). */
export const callerPlace =
  /\b(?:[Ii] am|[Ii]'?m|[Ww]e are|[Ww]e'?re|[Ii] live|[Ww]e live)(?: based| staying)?\s+(?:in|at|near|just outside|outside|over in|up in|down in)\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?)/;
/** Whether the business comes to the caller ("can you come?", "do you come out there?"). */
const comeOver =
  /\b(?:can|could|do|would|will) you (?:come|get|travel|drive|go|get out)(?: out)?(?: (?:there|here|to me|to us|that far|over))?\s*\??$|\b(?:do|would|will) you cover (?:that|there|it|my area|our area|us|me)\b|\bis that (?:in|within|inside) your (?:area|patch)\b/i;

/**
 * The question names a thing the documents do not know, not even by a close relative ("the pool",
 * "a steam room"): an answer about something else would not be about it.
 */
export function namesUnknownThing(
  book: KnowledgeBook,
  text: string,
  shape: QuestionShape,
  /** Count times too ("Christmas Eve": a day the documents' hours do not cover). */
  times = false,
): boolean {
  const said = tokens(text);
  return subjectWords(book, text, shape).subject.some(
    (q) =>
      !q.surface.includes(' ') &&
      !closelyKnown(q) &&
      // "What time do you close in July?": a month or season is when, never the thing asked
      // about; the opening hours cover it unless a sentence dates other hours (fromDocuments
      // keeps only those that hold then).
      !isWhenWord(q.surface, text) &&
      // After a subject pronoun or "to" the word is a verb ("can I ring you"), not a thing.
      !verbSlot.has(said[said.indexOf(q.surface) - 1] ?? '') &&
      (thingWord(book, q.surface) ||
        (times && (book.isA(q.surface, 'time period') || !book.knows(q.surface)))),
  );
}

/** Weight of a WordNet synonym among a caller word's expansions (0.9 x book.ts's 0.75). */
const SYNONYM = 0.65;

/** The opening of "do you / can they / does your shop <verb> ...?", normalized. */
const offerFrame = '^(?:do|does|can|could|will|would) (?:you|they|your \\w+) ';

/** "Do you teach French?", "do you offer a laser treatment?": the thing offered, group 1. */
const offeredThing = new RegExp(
  `${offerFrame}(?:teach|do|offer|sell|stock|provide|run|have|make|carry|cover|fix|repair|service|treat|take) (?:an? |any |the )?([a-z]+(?: [a-z]+)?)\\W*$`,
);

/** The offering verb of "do you sell / stock / supply ... X?" (group 1). */
const offeringVerb = new RegExp(`${offerFrame}(sell|stock|supply|offer|provide|carry|do)\\s+\\w`);

/** Words after which a word is a verb: "I ring", "to call", "can pop". */
const verbSlot = new Set('i we you they he she to can could will would should do does did'.split(' '));

/** A step of directions by one means: "By train:", "On foot:", "From the motorway:". */
const directionsLabel = /^(?:by|on|from|via) [\w' -]{2,24}:\s/i;

/** The caller asks where the business itself is ("where are you?", "where is the studio?"). */
export const ownAddress =
  /\b(?:your|you(?:'re| are)?)\b[^?.!]*\b(?:address|post ?code|zip code|whereabouts|located|location)\b|\bwhere(?:abouts)?\b(?:\s+(?:exactly|in town|in the town|abouts))?\s+are\s+you\b|\bfind you on (?:the|a) map\b|^\W*(?:so\s+)?whereabouts\W*$|^\W*where(?:'s| is)\s+(?:the|your)\s+(?:shop|studio|office|salon|clinic|surgery|practice|workshop|showroom|store|garage|yard|centre|center|facility|site|depot|premises|venue|gym|school|restaurant|cafe|café|bakery|warehouse|branch)(?:\s+(?:located|based|exactly))?\W*$/i;

/** "How do I ...", "how can we ...": the caller asks the way to do something. */
const howTo = /^\W*(?:\w+\W+){0,3}?how (?:do|can|could|would|should|will) (?:i|we)\b/i;
/** What the caller asks they must do ("anything I should bring", "what do we need to wear"): the verb. */
const askedDuty =
  /\b(?:what|anything|which|whatever)\b(?:\s+(?:else\s+)?(?:i|we))?\s+(?:should|must|do|will|would|need to|have to|ought to)\s+(?:(?:i|we)\s+)?(?:need to\s+|have to\s+)?(bring|wear|take|pack|do|prepare|fill in|sign|send|show)\b/i;

/**
 * A sentence that gives a way: an instruction ("To book, call or text us ..."), or a means
 * ("online", "by phone", "in the app").
 */
const howMethod =
  /^(?:to [a-z]+(?: [a-z]+){0,3},\s*)?(?:please\s+|just\s+|simply\s+)?(?:book|call|ring|phone|email|text|visit|fill|send|use|go|come|ask|pay|order|register|sign|download|bring)\b|\b(?:online|by (?:phone|email|text|post|card)|in (?:the|our) app|on (?:our|the) website|at reception|in person)\b/i;

/**
 * A contact line and nothing else ("Phone: 01632 962418"): the way to reach the business, which
 * the contact intent and phoneAnswer give when asked; it answers no question about a "phone
 * repair" or "dropping my phone off".
 */
const contactLine =
  /^(?:phone|tel(?:ephone)?|mobile|call us|email|e-mail|fax|web(?:site)?)\s*[:.]?\s*[^\s:]+(?:\s\d+)*$/i;

/** A question for a way to reach the business, which a contact line answers. */
const asksContact =
  /\b(?:e-?mail|web ?site|(?:tele)?phone number|number|contact|reach you|get hold of|fax|address)\b/i;

/**
 * A sentence that leans on the one before it ("If you have one, please bring it to your first
 * visit." after "No referral is needed to book."): said alone it names nothing.
 */
const leansBack =
  /^(?:if (?:you|so)\b[^,]*\b(?:one|it|them|this|that)\b|(?:it|this|that|these|those|they|them|he|she|such|there)\b(?!'s| is (?:a|an|the) \w+ (?:to|that|which)))/i;
export function antecedent(book: KnowledgeBook, s: BookSentence): BookSentence | undefined {
  if (!leansBack.test(s.text)) return undefined;
  const prev = book.sentences[s.id - 1];
  return prev && prev.document === s.document && prev.heading === s.heading ? prev : undefined;
}

/**
 * A sentence that gives the other case of the one before it ("The car park is free after 6pm.
 * At other times, use the multi-storey."): the rest of that answer.
 */
const otherCase =
  /^(?:at (?:all )?other times|otherwise|alternatively|failing that|outside (?:these|those|that|this|them)|if (?:it is|it's|that is|that's|the [a-z-]+ is) full)\b/i;
/**
 * A sentence that holds for a time or state only ("Street parking is free after 6pm.", "Books
 * go back at the front desk while we are open."), whose next sentence may open with the other
 * time or state ("During the day, use ...", "When we are closed, use the return slot.").
 */
const timeOrState =
  /\b(?:(?:until|till|before|after|from) \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)|(?:while|when) (?:we|you|it|the \w+)(?:'re| are| is) (?:open|closed|shut|away|full)|during (?:the )?(?:day|daytime|week|evenings?|office hours|opening hours|term(?: time)?)|in the (?:evenings?|mornings?|daytime)|on (?:weekdays|weekends|week days)|at (?:weekends|the weekend|night)|in term time|out of (?:hours|term))\b/i;
const otherTimeOrState =
  /^(?:during (?:the )?(?:day|daytime|week|evenings?|night|school holidays|holidays|office hours|opening hours|term(?: time)?)|in the (?:evenings?|mornings?|afternoons?|daytime)|(?:out(?:side)?(?: of)?) (?:hours|office hours|opening hours|term(?: time)?)|(?:when|while) (?:we|you|it|the \w+)(?:'re| are| is) (?:open|closed|shut|away|full)|at (?:weekends|the weekend|night|other times)|on (?:weekdays|weekends|week days)|(?:before|after|from|until|till) \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)|(?:weekdays|weekends|evenings|overnight|in term time|in the holidays)),/i;
function otherCaseOf(first: BookSentence, second: BookSentence): boolean {
  return (
    second.document === first.document &&
    second.heading === first.heading &&
    (otherCase.test(second.text) || (timeOrState.test(first.text) && otherTimeOrState.test(second.text)))
  );
}
/** The other case of `s` (the sentence after it), or the first case of which `s` is the other. */
function otherCaseAround(book: KnowledgeBook, s: BookSentence): BookSentence | undefined {
  const next = book.sentences[s.id + 1];
  if (next && otherCaseOf(s, next)) return next;
  const prev = book.sentences[s.id - 1];
  return prev && otherCaseOf(prev, s) ? prev : undefined;
}

/** Score taken from a sentence the caller's words find only inside its brackets. */
const ASIDE_ONLY = 0.1;

export function selectIn(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  text: string,
  askedShape: QuestionShape,
): Selection {
  const none: Selection = { kind: 'none', sentences: [], score: 0, source: '', topic: '' };
  if (book.size === 0) return none;
  const shape: QuestionShape =
    askedShape.type === 'what' && asksForPerson(book, text) ? { ...askedShape, type: 'who' } : askedShape;
  const asked = subjectWords(book, text, shape);
  // "What's your full address?", "your postcode for the satnav", "whereabouts are you?": the
  // business's own address, whatever else the words say (what it is for, how exact).
  const { subject, all } = shape.type === 'where' && ownAddress.test(text) ? { subject: [], all: [] } : asked;
  const n = normalize(text);
  if ((shape.type === 'what' || shape.type === 'yesno') && asksPhone.test(n)) {
    const sel = phoneAnswer(book, subject, all);
    if (sel) return { kind: 'answer', ...sel };
  }
  // "What's your email address?" (read as a where by "address"), "can I email you?"; "how do I
  // contact you?" of documents that give an email address and no phone number.
  if (
    (asksEmail.test(n) && !/\b(?:how (?:long|quickly|soon)|when)\b/.test(n)) ||
    (asksReach.test(n) && !phoneAnswer(book, [], all))
  ) {
    const sel = emailAnswer(book);
    if (sel) return { kind: 'answer', ...sel };
  }
  // "We'll have 40 kids, is that too many?": how many come, asked against a number of people; the
  // count is no thing to find ("£40" of face painting), nor are the people it counts missing.
  const party = shape.type === 'yesno' || shape.type === 'what' ? partyCountIn(text) : undefined;
  const partyWord = (q: QueryWord): boolean =>
    party !== undefined && (q.surface === String(party) || partyPeople.test(q.surface));
  // "Do you sell tyres?" of a page that says "We fit new tyres": the offering verb is the
  // question's wording when the documents never use it; the thing offered is what is asked.
  const offerVerb = shape.type === 'yesno' ? offeringVerb.exec(normalize(text))?.[1] : undefined;
  const wording = (q: QueryWord): boolean =>
    q.surface === offerVerb && ![...q.expansions.values()].some((w) => w >= 0.8);
  const words = (subject.length ? subject : all).filter(
    (q) => (party === undefined || q.surface !== String(party)) && !wording(q),
  );
  // "Can you fell a tree in May?" of "We avoid felling from March to August": the month asked is
  // a subject word, found in a sentence dated by a time of year that holds it (as a day asked of
  // the hours is, DAY_TERM).
  // (Not a date: "on the 1st of January" is a day, which a closure on New Year's Day decides.)
  const yesMonths =
    shape.type === 'yesno' && !dayOfMonth.test(digitize(text)) ? monthsIn(text) : new Set<number>();
  if (yesMonths.size && words.length)
    words.push({
      surface: MONTH_TERM,
      stem: MONTH_TERM,
      expansions: new Map([[MONTH_TERM, 1]]),
      idf: book.idf(''),
    });
  const dated = (terms: Set<string>, s: BookSentence): Set<string> =>
    yesMonths.size && monthsIn(s.text).size && namesMonthOf(s.text, yesMonths)
      ? new Set([...terms, MONTH_TERM])
      : terms;
  const needsFit = shape.type !== 'yesno' && shape.type !== 'what';
  const area = shape.type === 'where' && areaQuestion.test(text) && !ownAddress.test(text);
  const ctx: FitContext = {
    book,
    days: shape.type === 'when' ? daysIn(text) : new Set(),
    months: shape.type === 'when' ? monthsIn(text) : new Set(),
    area,
    person: (s) => personOf(book, s)?.full,
    asksAge: shape.type === 'duration' && asksAge.test(text),
    asksValidity: asksValidity.test(text),
    countsPeople: shape.type === 'count' && countsPeople.test(text),
    areaSentences: new Set(
      area ? graph.relations.filter((r) => r.relation === 'covers').map((r) => r.sentenceId) : [],
    ),
  };
  if (words.length === 0 && !needsFit) return none;
  const topic = subject
    .filter((q) => q.stem !== DAY_TERM)
    .map((q) => q.surface)
    .join(' ');
  /** "I don't have <missing>": the asked thing is not in the documents. */
  const notInData = (missing: string | Missing, options?: string[]): Selection => ({
    kind: 'not-in-data',
    sentences: [],
    score: 0,
    source: '',
    topic,
    missing: typeof missing === 'string' ? missing : missing.said,
    missingWords: typeof missing === 'string' ? missing : missing.words,
    ...(options ? { options } : {}),
  });

  // "How far out do you deliver?" of documents that name no towns they cover, only charges by
  // distance ("Zone 3, 8 to 15 miles: £12"): the band that holds the caller's distance, or all.
  const bands = area && !ctx.areaSentences.size ? distanceAreaAnswer(book, text) : undefined;
  if (bands)
    return {
      kind: 'answer',
      sentences: bands.map(said),
      score: 0.9,
      source: `book:${bands[0]!.id}`,
      topic,
    };
  // "We're about fifteen miles out, is that too far?" of an area given as a radius.
  const radius =
    area || (shape.type === 'yesno' && areaQuestion.test(text)) ? radiusAnswer(book, text) : undefined;
  if (radius)
    return {
      kind: 'answer',
      sentences: [
        radius.inside
          ? 'Yes, that should be within our area.'
          : "I'm afraid that's further than we normally go.",
        spoken(radius.sentence),
      ],
      score: 0.9,
      source: `book:${radius.sentence.id}`,
      topic,
    };
  // "Do you cover York?" of a sweep "covering Harrogate, Ripon and Knaresborough": a place the
  // list does not name is answered by the list (the caller hears where the business goes),
  // never "I don't have information about York".
  // "I'm in Barnsley, do you come out there?": the place is where the caller is, the question
  // whether the business comes; a listed place is answered by the list that names it.
  const place =
    shape.type === 'yesno'
      ? areaQuestion.test(text)
        ? askedPlace.exec(text)?.[1]
        : comeOver.test(text)
          ? callerPlace.exec(text)?.[1]
          : undefined
      : undefined;
  const covers = graph.relations
    .filter((r) => r.relation === 'covers')
    .map((r) => book.sentences[r.sentenceId])
    .filter((x) => x !== undefined);
  const cover = place
    ? (covers.find((x) => x.text.includes(place)) ??
      (book.has(stem(place.toLowerCase())) ? undefined : covers[0]))
    : undefined;
  if (cover)
    return { kind: 'answer', sentences: [said(cover)], score: 0.8, source: `book:${cover.id}`, topic };
  // "Do you come out to Marlborough?" of "We cover homes within 12 miles of Swindon": a place the
  // documents do not name, against an area given as one radius, is answered by the radius.
  const radiusLines =
    place && !covers.length && !book.has(stem(place.toLowerCase()))
      ? book.sentences.filter((x) => statesRadius(x.text) && !hasPrice.test(x.text))
      : [];
  if (radiusLines.length === 1)
    return {
      kind: 'answer',
      sentences: [said(radiusLines[0]!)],
      score: 0.8,
      source: `book:${radiusLines[0]!.id}`,
      topic,
    };
  // "An afternoon for a two-year-old": the row of a fee table by age group that holds the age.
  // "To someone about six miles from you": the row of charges by distance that holds it.
  // "A tyre for an 18 inch wheel": the row whose size band holds it.
  const byAge =
    shape.type === 'price'
      ? (ageRowAnswer(book, text, subject) ??
        distanceRowAnswer(book, text, subject) ??
        valueRowAnswer(book, text, subject) ??
        sizeRowAnswer(book, text, subject) ??
        partyRowAnswer(book, text, subject))
      : undefined;
  if (byAge)
    return {
      kind: 'answer',
      sentences: [byAge.text],
      score: 0.9,
      source: `book:${byAge.sentence.id}`,
      topic,
    };
  // A price with nothing named ("what does that cost?") is no item's price; "how much is it for
  // four of us?" is the row of a price by group size (above).
  if (shape.type === 'price' && !subject.length) {
    const rate = unitRate(book, graph, text);
    if (rate) return { ...rate, topic };
    // Several things priced in that unit: the caller is asked which.
    const options = unitOptions(graph, book, text);
    const unit = askedUnit(text);
    return options.length >= 2 && unit ? notInData(`one ${unit}`, options) : none;
  }
  if (shape.type === 'price' && subject.length) {
    const words = [...subject];
    const r = priceAnswer(book, graph, text, subject);
    if (r.kind === 'answer') return { ...r, topic };
    // "How much is a Saturday lesson?" of a fee table by age group: the column across the groups.
    const column = r.options ? undefined : ageColumnAnswer(book, text, words);
    if (column)
      return {
        kind: 'answer',
        sentences: [column.text],
        score: 0.8,
        source: `book:${column.sentences[0]!.id}`,
        topic,
      };
    return notInData(missingPhrase(text, r.asked), r.options);
  }
  // "What's the biggest tub you've got?": the item at that end of the sizes its name gives, said
  // with its price, when the price path finds one.
  if ((shape.type === 'what' || shape.type === 'yesno') && subject.length && sizeSuperlative(text)) {
    const r = priceAnswer(book, graph, text, [...subject]);
    if (r.kind === 'answer') return { ...r, topic };
  }

  // Nothing asked about but the kind of answer ("what are your opening hours"): only sentences
  // of that kind, best covered by the words (and headings) first.
  let kindPool =
    !subject.length && needsFit ? book.sentences.filter((s) => typeFit(s, shape, ctx) === 1) : undefined;
  // "Where are you?" of a page that gives no street address ("a small studio above the bakery on
  // Mill Street"): the business's own place, said where the page opens or under "Find us".
  const placeOnly = kindPool?.length === 0 && shape.type === 'where' && !area;
  if (placeOnly)
    kindPool = book.sentences.filter(
      (s) => typeFit(s, shape, ctx) > 0 && ownPlace(s.text, s.heading, inOpening(book, s)) > 0,
    );
  const pool = (kindPool ?? book.sentences).filter(
    (s) => asksContact.test(text) || !contactLine.test(s.text.trim()),
  );
  // "What time do you open on Sunday?": the opening hours, not a class or an offer on Sundays.
  // The words are question-type words, so they are not among the subject words.
  const asksOpening = shape.type === 'when' && (openingWords.test(text) || ownDayVerb.test(text));
  const asksTime = shape.type === 'when' && asksClock.test(text);
  const asksTake = shape.type === 'duration' && /\b(?:take|takes|taking)\b/i.test(text);
  const asksHow = howTo.test(text);
  // "Is there anything I should bring along?", "what do I need to wear?": what the caller is told
  // to do ("Please bring a list of your medication"), over a sentence that only allows it
  // ("You're welcome to bring someone with you").
  const toDo = askedDuty.exec(text)?.[1]?.toLowerCase();
  const told = toDo
    ? new RegExp(String.raw`^(?:please\s+|also\s+|just\s+)*${toDo}\b|\bplease\b[^.;]*\b${toDo}\b`, 'i')
    : undefined;
  // "Can I book a party for my four year old?": the caller states an age, so the sentence that
  // sets the ages taken ("for ages 6 to 12", "children under 8 must be accompanied") decides it,
  // over one that only names the thing ("children's parties").
  const statesAge = shape.type !== 'price' && agesIn(text) !== undefined;
  // "How old does my daughter need to be to ride?": an age limit answers it, and the one with no
  // upper end ("riders from age 5 upwards") is the limit of the whole, where a range ("Pony Days
  // for children aged 7 to 14") is the audience of one thing.
  const asksAllowedAge = shape.type !== 'price' && asksAgeLimit.test(text);
  // "Can 8 of us go in a motor boat?": a sentence that says how many people ("up to 6 people")
  // decides it, as an age limit decides an age.
  const statesParty = party !== undefined;
  const headCovs = new Map<string, number>();
  /** How much of the question a FAQ's own question covers (0 for other headings). */
  const headCov = (s: BookSentence): number => {
    if (!s.heading.endsWith('?')) return 0;
    let c = headCovs.get(s.heading);
    if (c === undefined) headCovs.set(s.heading, (c = coverage(words, new Set(termsOf(s.heading)))));
    return c;
  };
  // A profile's line is about the person its label names ("Covers Kingsmead, Monday to Friday."
  // under "Dave Morley - owner."): "what days does Dave teach?" finds it by the name too.
  const withPerson = (terms: Set<string>, s: BookSentence): Set<string> => {
    const label = personOf(book, s)?.label;
    return label ? new Set([...terms, ...termsOf(label.text)]) : terms;
  };
  // "Can I pop in for a nail trim?" of "A full groom (bath, dry, clip and nails) is £35 ..." and
  // "Nail clipping on its own is £8 ...": words the sentence has only inside a bracket are its
  // aside (what the groom includes), not what it is about.
  const asideOnly = (s: BookSentence): boolean => {
    if (!s.text.includes('(')) return false;
    const outside = new Set(termsOf(s.text.replace(/\([^)]*\)?/g, ' ')));
    const hits = words.filter((q) => [...q.expansions.keys()].some((t) => s.terms.has(t)));
    return hits.length > 0 && hits.every((q) => ![...q.expansions.keys()].some((t) => outside.has(t)));
  };
  // "Is there parking?" of "Unit 4, Meadow Retail Park, Ipswich" and "There is free parking right
  // outside": a word the sentence has only inside a proper name (the retail park) names that
  // place, not the thing asked about.
  const nameOnly = (s: BookSentence): boolean => {
    const rest = s.text.slice(1).replace(properName, ' ');
    if (rest.length === s.text.length - 1) return false;
    const outside = new Set(termsOf(s.text[0] + rest));
    const hits = words.filter((q) => [...q.expansions.keys()].some((t) => s.terms.has(t)));
    return hits.length > 0 && hits.every((q) => ![...q.expansions.keys()].some((t) => outside.has(t)));
  };
  // "Can we have a party on a Saturday?" of "Parties can be booked from Friday afternoon to
  // Sunday": a range of days holds the day asked as if it named it.
  const yesDays = shape.type === 'yesno' ? daysIn(text) : new Set<string>();
  const withDays = (s: BookSentence): Set<string> => {
    // ("At weekends" reaches a Saturday already, by the caller word's own relatives.)
    const held = [...daysIn(s.text.replace(/\bweek(?:end|day)s?\b/gi, ' '))].filter((d) => yesDays.has(d));
    return held.length ? new Set([...s.terms, ...held.map((d) => dayStems[d] ?? d)]) : s.terms;
  };
  const scored = pool
    .map((s) => {
      // A FAQ's question says what its answer is about as fully as the answer's own words, and
      // the answer to the FAQ question closest to the caller's beats a sentence elsewhere.
      const head = headCov(s);
      const terms = dated(
        withPerson(
          ctx.days.size && [...daysIn(s.text)].some((d) => ctx.days.has(d))
            ? new Set([...s.terms, DAY_TERM])
            : yesDays.size
              ? withDays(s)
              : s.terms,
          s,
        ),
        s,
      );
      const said = coverage(words, terms, s.headingTerms, head >= 0.5 ? 0.95 : 0.7);
      // "How long does it take to change a tyre?" of "Most jobs take about 30 minutes per tyre":
      // a length said of every job the business does is the asked job's, less surely than one
      // said of it by name.
      const cov = asksTake && everyJobLength.test(s.text) ? EVERY_JOB + (1 - EVERY_JOB) * said : said;
      const fit = typeFit(s, shape, ctx);
      const score =
        cov * (0.8 + 0.2 * fit) -
        (needsFit && fit === 0 ? 0.25 : 0) +
        (head >= 0.5 ? 0.15 * head : 0) +
        (asksOpening && (openingWords.test(`${s.heading} ${s.text}`) || dayRow.test(s.text)) ? 0.1 : 0) +
        // "How early can I get in?": a time of day answers it, not a length ("24-hour access").
        (asksTime && clockTime.test(s.text) ? 0.1 : 0) +
        // "How long does it take to fit a tyre?": what a job takes ("Most jobs take about 30
        // minutes per tyre"), over a sentence that names the job and no length.
        (asksTake && takesLength.test(s.text) ? 0.15 : 0) +
        // "How do I make a reservation?": the way to do it ("Book online or by phone"), over a
        // sentence that only mentions the thing ("Jamie looks after table bookings").
        (asksHow && howMethod.test(s.text) ? 0.1 : 0) +
        (told?.test(s.text) ? 0.1 : 0) +
        ((statesAge || asksAllowedAge) && statesAgeLimit.test(s.text) ? 0.15 : 0) +
        (asksAllowedAge && lowestAge.test(s.text) ? 0.1 : 0) +
        (statesParty && peopleCount.test(digitize(s.text)) ? 0.15 : 0) -
        (asideOnly(s) ? ASIDE_ONLY : 0) -
        (nameOnly(s) ? ASIDE_ONLY : 0);
      return { s, cov, fit, score };
    })
    // "Who ...?" is answered by a sentence naming a person, or not at all.
    .filter((x) => shape.type !== 'who' || x.fit > 0)
    // "Are my things insured while they're in the lorry?": a price list's row found by the item
    // it names answers whether that item is offered, not what else the caller asks about it.
    .filter((x) => shape.type !== 'yesno' || !rowMissesAsked(x.s, words));
  const kindOnly = !subject.length && needsFit;
  // "What's your address?": the business's own place ("find us at", "we are at"), not that of
  // another organisation the page names ("the Animal Hospital at 90 Station Road").
  // Only the words' own forms and close relatives count there: "address" is not asked by a
  // sentence with "call" or "ask" in it (WordNet's farther senses of the kind word).
  // A word with no close relative in the documents ("when", "penalty") names nothing here.
  const strong = words
    .map((q) => ({ ...q, expansions: new Map([...q.expansions].filter(([, w]) => w >= 0.8)) }))
    .filter((q) => q.expansions.size > 0);
  // The section whose title is what was asked ("Opening hours") answers a kind-only question
  // before a sentence elsewhere that mentions it ("Outside opening hours, call ...").
  const titled = (x: BookSentence): number =>
    x.heading && coverage(strong, new Set(termsOf(x.heading))) >= 0.99 ? 0.3 : 0;
  if (kindOnly)
    for (const x of scored)
      x.score =
        titled(x.s) * x.fit +
        coverage(strong, x.s.terms, x.s.headingTerms) * 0.5 +
        x.fit +
        (shape.type === 'where' ? ownPlace(x.s.text, x.s.heading, inOpening(book, x.s)) : 0);
  // Equal scores: the sentence holding more of a caller's phrase's close meanings ("instalments"
  // and "finance" over "monthly" alone for "can I spread the cost?"); a loose one ("tune" of
  // "full service") would favour a run-on price table that names everything.
  const meanings = (x: BookSentence): number =>
    words.reduce(
      (n, q) =>
        n +
        (q.surface.includes(' ')
          ? [...q.expansions].filter(([t, w]) => w >= 0.8 && x.terms.has(t)).length
          : 0),
      0,
    );
  // (Within a section the earlier line goes first: a later one often leans on it, "Lessons
  // cancelled with less notice" after "Please give at least 48 hours' notice".)
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.s.heading === b.s.heading ? 0 : meanings(b.s) - meanings(a.s)) ||
      a.s.id - b.s.id,
  );
  // What the question asks ahead of what its words share (answer-lead.ts).
  if (leadWithAsked(text, shape, subject, words, scored) === 'no-free-times')
    return notInData('our free appointment times');
  const top = scored[0];
  if (kindOnly && top && (top.fit === 1 || placeOnly)) top.cov = Math.max(top.cov, MIN_COVERAGE);
  // "I'm 16, can I get a tattoo?" of "You must be 18 or over": the age the caller gives is what
  // the limit decides, though the sentence names nothing else they said.
  // So does a number of people ("Up to 30 children") the size of the caller's party.
  if (
    top &&
    (((statesAge || asksAllowedAge) && statesAgeLimit.test(top.s.text)) ||
      (statesParty && peopleCount.test(digitize(top.s.text)))) &&
    top.cov >= MIN_COVERAGE * 0.8
  )
    top.cov = Math.max(top.cov, MIN_COVERAGE);
  if (kindOnly && top) top.score = Math.max(top.score, top.cov);
  // "Is there anywhere to park near the shop?": what the place is for (or the caller's phrase for
  // it, "anywhere to leave the car") must be in the answer by its own words or close forms
  // ("parking"), not a loose synonym ("park": "green" of "Green Lane"); a sentence that only
  // places the shop is no answer. Its section's title may say it ("Parking": "During the day,
  // use the pay and display on Cross Street").
  const purpose = placeFor.exec(normalize(text))?.[1]?.split(' ');
  const forWords = purpose
    ? words.filter((q) => purpose.includes(q.surface) || purpose.includes(q.surface.split(' ')[0]!))
    : [];
  if (
    top &&
    forWords.length &&
    !forWords.some((q) =>
      [...q.expansions].some(([t, w]) => w >= 0.8 && (top.s.terms.has(t) || top.s.headingTerms.has(t))),
    )
  )
    return notInData(`where to ${purpose!.map((w) => (w === 'my' ? 'your' : w)).join(' ')}`);
  // "Can I come on a Tuesday?", "do you do walks on Monday?" of walks "Thursday to Sunday": no
  // good sentence names the day; the one saying which days the asked thing runs answers it (the
  // caller hears that Tuesday is not one), never "I don't have information about Monday".
  const askedDays = shape.type === 'when' || shape.type === 'yesno' ? daysIn(text) : new Set<string>();
  if (askedDays.size) {
    const others = subject.filter((q) => q.stem !== DAY_TERM && !dayQueryWords.has(q.surface));
    const onDay = (x: BookSentence): boolean => [...daysIn(x.text)].some((d) => askedDays.has(d));
    const about = (x: BookSentence): boolean =>
      others.length === 0 || coverage(others, x.terms, x.headingTerms) >= MIN_COVERAGE;
    const dayLine = scored.find(
      (x) =>
        daysIn(x.s.text).size >= 2 && (clockTime.test(x.s.text) || openingWords.test(x.s.text)) && about(x.s),
    );
    // A better line is kept: one about the thing, or one naming the day with some of the thing
    // ("Thursday | 7.30-8.15 pm | Adult improvers" for adult classes on a Thursday); a line that
    // names the day and nothing else asked ("The shop is open Wednesday to Saturday" for tours on a
    // Wednesday) answers nothing.
    const kept =
      top !== undefined &&
      top.cov >= MIN_COVERAGE &&
      ((onDay(top.s) && (others.length === 0 || coverage(others, top.s.terms, top.s.headingTerms) > 0)) ||
        (top !== dayLine && about(top.s)));
    if (dayLine && !onDay(dayLine.s) && !kept)
      return {
        kind: 'answer',
        sentences: [spoken(dayLine.s)],
        score: 0.7,
        source: `book:${dayLine.s.id}`,
        topic: topic || dayLine.s.heading,
      };
  }
  if (!top || top.cov < MIN_COVERAGE || top.score < MIN_COVERAGE * 0.8) {
    // A yes/no question about a thing the documents name nowhere, not even by a close relative
    // ("boxing classes"): not in the data, whatever a passage shares with it.
    // A month or season ("in the summer") is when, not a thing the documents lack.
    const unknown = subject.filter(
      (q) =>
        !wording(q) &&
        !isWhenWord(q.surface, text) &&
        !partyWord(q) &&
        (q.expansions.size === 0 ||
          (shape.type === 'yesno' && !closelyKnown(q) && thingWord(book, q.surface))),
    );
    if (unknown.length && shape.informational) return notInData(missingPhrase(text, unknown));
    return none;
  }
  // "Do you teach French?" of a page whose hours are under "When we teach": a thing the caller
  // asks for that the documents reach only by a loose link (a definition naming it) and the best
  // sentence does not hold at all is not in the data, whatever the other words matched.
  // Only the object of an offering verb ("do you teach / do / offer / sell ... X?") is so read:
  // the caller's other words may be story ("for my daughter", "from Granby").
  const offeredWords = offeredThing.exec(normalize(text))?.[1]?.split(' ') ?? [];
  const offered = offeredWords.at(-1);
  if (shape.type === 'yesno' && offered) {
    const foreign = subject.filter(
      (q) =>
        q.surface === offered &&
        // "Do you do wheel alignment?": a kind said before the thing is the caller's wording;
        // the thing itself must be one the documents know not at all.
        (offeredWords.length === 1 || q.expansions.size === 0) &&
        !isWhenWord(q.surface, text) &&
        !book.notNoun(q.surface) &&
        Math.max(0, ...q.expansions.values()) < LOOSE &&
        // (A link to the question's own verb, "French" to "teach" of "Teaches piano and
        // theory", is no sign the sentence holds it.)
        ![...q.expansions.keys()].some(
          (t) => top.s.terms.has(t) && !subject.some((o) => o !== q && o.expansions.get(t) === 1),
        ),
    );
    if (foreign.length && shape.informational) return notInData(missingPhrase(text, foreign));
  }
  // "Do you have a steam room?" against "an accessible changing room": the asked thing is a
  // steam room, and the documents never name "steam"; a room of another kind is not it.
  // (The head noun unknown instead, "the Wi-Fi password" against "free Wi-Fi", was tried: as
  // often a paraphrase, "the off-peak plan" for a membership, "hire waiters" for staff.)
  if (shape.type === 'yesno' || shape.type === 'what') {
    const said = tokens(text);
    for (const q of subject) {
      const next = said[said.indexOf(q.surface) + 1];
      const head = subject.find((o) => o !== q && o.surface === next);
      // "Gift vouchers": "gift" is known only as a relative of "voucher", the head it qualifies;
      // what kind of voucher is asked is still a word the documents never use.
      const besides = head ? new Map([...q.expansions].filter(([t]) => t !== head.stem)) : q.expansions;
      // "My daughter's birthday party": whose the party is, not a kind of party.
      const owner = possessiveWords.has(said[said.indexOf(q.surface) - 1] ?? '');
      if (
        closelyKnown({ ...q, expansions: besides }) ||
        // "Kids parties" of "Children's clay parties": the kind asked is the sentence's own, said
        // by a relative of the caller's word.
        [...besides].some(([t, w]) => w >= SYNONYM && top.s.terms.has(t)) ||
        q.surface.includes(' ') ||
        // A kind said by an adjective ("hot yoga", "online lessons") or by a word WordNet lacks
        // ("ashtanga yoga") is the caller's too, when the documents reach it by no word or only
        // by an everyday one ("hot" ~ "good" of a "Good to know" heading; "big" ~ "made" of
        // "tables of 8 or more" may still be a paraphrase).
        !(
          thingWord(book, q.surface) ||
          ((book.adjective(q.surface) || !book.knows(q.surface)) &&
            [...q.expansions.keys()].every((t) => genericWords.has(t)))
        ) ||
        (owner && book.isA(q.surface, 'person'))
      )
        continue;
      if (head && [...head.expansions.keys()].some((t) => top.s.terms.has(t)))
        return notInData(`${q.surface} ${next}`);
    }
  }
  // Only loose relatives matched ("can she still come?": "still" ~ "off" of "drop-off"): no
  // word of the question is in the sentence, so it answers nothing that was asked.
  if (shape.type === 'yesno' || shape.type === 'what') {
    const seen = new Set([...top.s.terms, ...top.s.headingTerms]);
    if (!words.some((q) => [...q.expansions].some(([t, w]) => w >= LOOSE && seen.has(t)))) return none;
  }
  const picked = [top];
  const second = scored[1];
  // A second sentence of the same section adds the rest of the answer ("closed on Sundays").
  if (
    second &&
    second.s.heading === top.s.heading &&
    second.score >= top.score * 0.85 &&
    (second.cov >= MIN_COVERAGE || kindOnly) &&
    (shape.type === 'when' || shape.type === 'where') &&
    // Two places to park, one named ("in Tanyard Court", 0.7) and one said by what it is ("the
    // Abbey Road car park", 0.6), are both where-answers.
    second.fit >= top.fit - (shape.type === 'where' ? 0.1 : 0) &&
    !(shape.type === 'where' && ownPlace(second.s.text) < 0)
  )
    picked.push(second);
  // "How late is the pool open on weekdays?" answered by the weekday hours: the asked facility's
  // own opening rule ("The pool closes 30 minutes before the gym") is said with them.
  if (asksOpening && picked.length === 1) {
    const named = subject.filter(
      (q) => q.stem !== DAY_TERM && ![...q.expansions].some(([t, w]) => w >= 0.8 && top.s.terms.has(t)),
    );
    const rule = named.length
      ? scored.find(
          (x) =>
            x !== top &&
            openingWords.test(x.s.text) &&
            named.every((q) => [...q.expansions].some(([t, w]) => w >= 0.8 && x.s.terms.has(t))),
        )
      : undefined;
    if (rule) picked.push(rule);
  }
  // "Where are the woods you take them to?" answered by "... forest school in Hartwell Woods":
  // a place named without its address, when its section gives the street ("The woodland site
  // is at Bramble Lane ...") and the caller asked about somewhere other than the business.
  // Not a place said by where it lies ("the car park on Station Approach", "use the village hall
  // car park opposite"): the way there is the answer, and the section's street is often the very
  // one it steers the caller away from ("There is no parking on Orchard Row").
  if (
    shape.type === 'where' &&
    top.fit < 1 &&
    picked.length === 1 &&
    !ownAddress.test(text) &&
    !hasLocative.test(top.s.text)
  ) {
    const street = sectionOf(book, top.s).find((x) => x.id !== top.s.id && hasStreet.test(x.text));
    if (street) picked.push({ s: street, cov: top.cov, fit: 1, score: top.score });
  }
  // The caller asked a FAQ's question: its answer is said from its start ("Please give 24
  // hours' notice. Late cancellations are charged $50."), up to three sentences.
  if (!kindOnly && headCov(top.s) >= 0.5 && picked.length === 1) {
    const section: BookSentence[] = [];
    for (let id = top.s.id; id >= 0 && section.length < 3; id--) {
      const x = book.sentences[id];
      if (!x || x.heading !== top.s.heading || x.document !== top.s.document) break;
      section.unshift(x);
    }
    // ("Yes!" opening the FAQ's answer answers its own yes/no question, not a caller's "what's
    // included?".)
    for (const x of section)
      if (x.id !== top.s.id && (shape.type === 'yesno' || !bareYesNo.test(x.text)))
        picked.push({ s: x, cov: top.cov, fit: top.fit, score: top.score });
  }
  // A timetable is read whole: "what are your opening hours" asked of a section of day rows
  // ("Monday, Tuesday | 8:00 am - 6:00 pm", "Friday | 8:00 am - 3:00 pm") is all its rows.
  if (kindOnly && shape.type === 'when' && top.fit === 1) {
    const rows = sectionOf(book, top.s).filter((x) => typeFit(x, shape, ctx) === 1);
    if (rows.length >= 2 && rows.length <= MAX_SCHEDULE_ROWS)
      for (const x of rows)
        if (!picked.some((p) => p.s.id === x.id))
          picked.push({ s: x, cov: top.cov, fit: 1, score: top.score });
  }
  // A short section whose title names what was asked ("Cancellations", "Before we arrive") is
  // one answer: its sentences are said together, from its start (the rule, then its penalty).
  if (
    !kindOnly &&
    picked.length === 1 &&
    (shape.type === 'what' || shape.type === 'yesno') &&
    top.s.heading &&
    coverage(strong, new Set(termsOf(top.s.heading))) >= 0.3
  ) {
    const section = sectionOf(book, top.s);
    if (section.length <= MAX_SECTION_SENTENCES)
      for (const x of section)
        if (x.id !== top.s.id) picked.push({ s: x, cov: top.cov, fit: top.fit, score: top.score });
  }
  // Directions by one means ("By train: the nearest station is ...") go on in the sentences
  // after it up to the next means ("The 36 bus leaves from the station ...", "A taxi costs ...").
  if (!kindOnly && picked.length === 1 && directionsLabel.test(top.s.text))
    for (let id = top.s.id + 1; id <= top.s.id + MAX_SECTION_SENTENCES; id++) {
      const x = book.sentences[id];
      // (A sentence with another party's number, "a taxi ... (Holtham Cars, 01632 ...)", is
      // said only when that party is asked for: answer-check.ts.)
      if (
        !x ||
        x.heading !== top.s.heading ||
        x.document !== top.s.document ||
        directionsLabel.test(x.text) ||
        hasPhoneNumber(x.text)
      )
        break;
      picked.push({ s: x, cov: top.cov, fit: top.fit, score: top.score });
    }
  // A sentence that leans on the one before it is said with it; so is a team list's line
  // naming the person a profile's line is about ("Tomasz Wieczorek - automatic only." with
  // "Speaks Polish.").
  for (const p of [...picked]) {
    const prev = antecedent(book, p.s) ?? personOf(book, p.s)?.label;
    if (prev && !picked.some((x) => x.s.id === prev.id))
      picked.push({ s: prev, cov: p.cov, fit: p.fit, score: p.score });
    const other = otherCaseAround(book, p.s);
    if (other && !picked.some((x) => x.s.id === other.id))
      picked.push({ s: other, cov: p.cov, fit: p.fit, score: p.score });
  }
  picked.sort((a, b) => a.s.id - b.s.id);
  // "Who teaches yoga?" of a team list in one sentence ("Coaches: Dana Whitfield (head coach),
  // Marcus Lee (rehabilitation), Priya Raman (yoga).") is the one person whose part says it.
  const one =
    shape.type === 'who' && picked.length === 1
      ? (personPart(book, top.s.text, words) ?? personClause(book, top.s.text, words))
      : undefined;
  return {
    kind: 'answer',
    sentences: one ? [one] : picked.map((p) => spoken(p.s, personOf(book, p.s))),
    score: Math.min(1.3, top.score + 0.3),
    source: `book:${top.s.id}`,
    topic: topic || picked.map((p) => p.s.heading).join(' '),
  };
}

/** Words about a price itself, which a price row answers whatever its own words. */
const priceTalk = /^(?:cheap|dear|expensive|pric|cost|rate|fee|charg|discount|deal|offer|reduc|concession)/;

/** Least closeness of a caller's word to one of a row's words for the row to say it. */
const ROW_WORD = 0.6;

/**
 * A labelled price row ("Vehicle: 7.5 tonne lorry; ...; Hourly rate: £95") found by the one
 * word that names its item, leaving a word of the caller's unsaid: it names the thing, and
 * says nothing of what is asked of it ("insured", "the cat").
 */
/** A length something takes: "take about 30 minutes", "takes up to 2 hours", "takes a day". */
const takesLength =
  /\b(?:take|takes|taking|took)\s+(?:about|around|roughly|approximately|up to|at least|no more than|under|less than|just|only)?\s*(?:\d|an?\b|half|one|two|three|four|five|ten|fifteen|twenty|thirty|forty)[^.;]{0,20}?\b(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\b/i;

/** A length said of the business's jobs as a whole: "Most jobs take about 30 minutes", "each visit lasts an hour". */
const everyJobLength =
  /\b(?:most|each|every|all|a typical|the average|an average|a normal|a standard)\s+(?:jobs?|repairs?|appointments?|visits?|sessions?|fittings?|installs?|installations?|call-?outs?|services?)\b[^.;]{0,15}\b(?:take|takes|last|lasts)\b/i;
/** How much of an asked job a length said of every job covers. */
const EVERY_JOB = 0.6;

/** The caller asks what age is allowed: "how old do you have to be", "what age can they start". */
const asksAgeLimit =
  /\bhow (?:old|young)\b(?! (?:is|are) (?:the|your) (?:business|company|firm|shop|practice|building)\b)|\bwhat age\b|\b(?:minimum|youngest|lowest) age\b|\bage (?:limits?|restrictions?)\b|\bold enough\b|\btoo young\b/i;
/** An age with no upper end: "from age 5 upwards", "5 and over", "ages 5+", "over 5s". */
const lowestAge =
  /\b(?:from|over) (?:the )?(?:age (?:of )?)?\d{1,2}s?\b(?!\s*(?:to|-|–)\s*\d)|\b\d{1,2}\s*(?:\+|(?:years? )?(?:and|or) (?:over|up|upwards|older|above))(?!\w)/i;

function rowMissesAsked(s: BookSentence, words: readonly QueryWord[]): boolean {
  if (!labelledRow.test(s.text) || !hasPrice.test(s.text)) return false;
  const says = (q: QueryWord): boolean => [...q.expansions].some(([e, w]) => w >= ROW_WORD && s.terms.has(e));
  // A word of a phrase the row says ("bed" of "2 bed": bedroom) and a numbered name ("bed2")
  // are said with it.
  const inSaid = new Set(
    words.filter((q) => q.surface.includes(' ') && says(q)).flatMap((q) => q.surface.split(' ')),
  );
  // "A cheaper rate for students": how the price compares is asked of the row's price.
  const unsaid = words.filter(
    (q) => !/\d/.test(q.surface) && !inSaid.has(q.surface) && !priceTalk.test(q.surface) && !says(q),
  );
  // The row found by its item alone (one word of the caller's): a second word it says ("a
  // wedding dress with beading") makes it the caller's item, asked of in more words.
  return unsaid.length > 0 && words.filter(says).length <= 1;
}

/** Words for the people a party counts ("40 kids", "6 adults"). */
const partyPeople =
  /^(?:kids?|children|child|adults?|teenagers?|teens?|girls?|boys?|people|persons?|guests?)$/;

/** How many the caller's party is: partySizeIn's, or "40 kids", "12 children". */
function partyCountIn(text: string): number | undefined {
  const kids = /\b(\d+) (?:kids|children|adults|teenagers|teens|girls|boys)\b/.exec(
    digitize(text).toLowerCase(),
  )?.[1];
  return partySizeIn(text) ?? (kids && Number(kids) > 0 ? Number(kids) : undefined);
}
