import { asksForPerson, mentionsPerson, namesPerson, personOf, personPart, spoken } from './answer-people.js';
import { sectionOf, termsOf, type BookSentence, type KnowledgeBook } from './book.js';
import { hasPhoneNumber, hasPlace, hasStreet, inOpening, ownPlace, phoneAnswer } from './answer-contact.js';
import { coverage, type QueryWord } from './coverage.js';
import type { KnowledgeGraph } from './graph/extract.js';
import { priceRe } from './graph/extract.js';
import { priceClause, priceSpeech, recordSpeech } from './answer-speech.js';
import { digitize } from './lexicon/numbers.js';
import { itemCore, itemStems, kindOptions, MAX_OPTIONS, named, usualOfKind } from './item-kind.js';
import {
  askedUnit,
  contradicts,
  ITEM_MARGIN,
  MIN_ITEM,
  pickItem,
  reweigh,
  scorePricedItems,
} from './item-match.js';
import {
  amountValue,
  conditionOf,
  holdsWhen,
  monthsIn,
  seasonSpeech,
  superlative,
  whenWords,
} from './price-condition.js';
import { asksPhone, type QuestionShape } from './question-type.js';
import {
  areaQuestion,
  askedNumbers,
  DAY_TERM,
  daysIn,
  itemWord,
  priceAsk,
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
  /**
   * A price asked of a kind with several priced items and no usual one ("brake pads": front,
   * rear): their names, for the fallback to ask which one is meant.
   */
  options?: string[];
}

/** Least subject coverage for a sentence to be said. */
const MIN_COVERAGE = 0.5;
/** WordNet's farther relations (siblings 0.5, second senses): no word of the question by themselves. */
const LOOSE = 0.6;

const hasPrice = new RegExp(priceRe.source, 'i');
const hasDay = /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bweekdays?\b|\bdaily\b/i;
/** "7.30 to 17.30", "9:00-13:00": a time range written without am/pm. */
const hasTimeRange = /\b\d{1,2}[.:]\d{2}\s?(?:to|-|–)\s?\d{1,2}[.:]\d{2}\b/;
const hasTime =
  /\b\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\b24 hours\b|\bclosed\b/i;
const hasDuration =
  /\b\d+(\.\d+)?(\s\w+)?\s(minutes?|hours?|days?|weeks?|months?|years?)\b|\b\d+-(day|week|month|year)\b/i;

/** Most rows of a timetable read out whole (a week's days). */
const MAX_SCHEDULE_ROWS = 7;
/** Most sentences of a section said together as one answer. */
const MAX_SECTION_SENTENCES = 3;

/** A count with what limits it: "seats up to 24", "a minimum of 20 guests", "at least 4". */
const hasCountLimit =
  /\b(?:up to|at least|at most|no more than|no fewer than|minimum(?: of)?|maximum(?: of)?|max\.?|min\.?|seats?|holds?|fits?|accommodates?|capacity(?: of)?)\s+(?:\w+\s+)?\d+|\b\d+\s+(?:or more|or fewer|people|persons|guests|seats|covers)\b/i;

/** What a question asks beyond its type, for judging a sentence's fit. */
interface FitContext {
  book?: KnowledgeBook;
  /** Days the caller names ("at the weekend" -> sat, sun). */
  days: Set<string>;
  /** The caller asks which area is served; the sentences stating the served places. */
  area: boolean;
  areaSentences: Set<number>;
  /** The person a sentence is about by the document's structure (see personOf). */
  person?: (s: BookSentence) => string | undefined;
}

/**
 * A noun naming a thing the caller asks about ("steam", "boxing"), not a time ("morning",
 * "weekend", "summer": when, not what).
 */
const thingWord = (book: KnowledgeBook, w: string): boolean =>
  book.nounLike(w) && !book.isA(w, 'time period') && !book.isA(w, 'time');

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
      // After a subject pronoun or "to" the word is a verb ("can I ring you"), not a thing.
      !verbSlot.has(said[said.indexOf(q.surface) - 1] ?? '') &&
      (thingWord(book, q.surface) ||
        (times && (book.isA(q.surface, 'time period') || !book.knows(q.surface)))),
  );
}

/** Words after which a word is a verb: "I ring", "to call", "can pop". */
const verbSlot = new Set('i we you they he she to can could will would should do does did'.split(' '));

/** The documents have the word's own form or a close relative of it ("cancel" for "cancellation"). */
const closelyKnown = (q: QueryWord): boolean => [...q.expansions.values()].some((w) => w >= 0.8);

/** A step of directions by one means: "By train:", "On foot:", "From the motorway:". */
const directionsLabel = /^(?:by|on|from|via) [\w' -]{2,24}:\s/i;

/** The caller asks where the business itself is. */
const ownAddress =
  /\b(?:your|you(?:'re| are)?)\b[^?.!]*\b(?:address|post ?code|zip code|whereabouts|located|location)\b|\bwhereabouts are you\b|^\W*(?:so\s+)?whereabouts\W*$/i;

const openingWords = /\b(?:open|opens|opening|close|closes|closing|closed|shut|hours)\b/i;

function typeFit(s: BookSentence, shape: QuestionShape, ctx?: FitContext): number {
  const t = digitize(s.text);
  switch (shape.type) {
    case 'price':
      return hasPrice.test(t) ? 1 : 0;
    case 'when': {
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
      return hasDay.test(t) ||
        hasTime.test(t) ||
        hasTimeRange.test(t) ||
        hasDuration.test(t) ||
        /\b(due|deadline)\b/i.test(t)
        ? 0.7
        : 0;
    }
    case 'duration':
      return hasDuration.test(t) ? 1 : 0;
    case 'who':
      return (ctx?.book ? mentionsPerson(ctx.book, s.text) : namesPerson(s.text)) ||
        s.person ||
        ctx?.person?.(s)
        ? 1
        : 0;
    case 'where':
      // "Which towns do you cover?": the places served, not a street address.
      if (ctx?.area) return ctx.areaSentences.has(s.id) ? 1 : hasStreet.test(s.text) ? 0.5 : 0;
      return hasStreet.test(s.text) ? 1 : hasPlace.test(s.text) ? 0.7 : 0;
    case 'count':
      return hasCountLimit.test(t) ? 1 : /\d/.test(t) ? 0.5 : 0;
    default:
      return 0.5;
  }
}

/**
 * A sentence that leans on the one before it ("If you have one, please bring it to your first
 * visit." after "No referral is needed to book."): said alone it names nothing.
 */
const leansBack =
  /^(?:if (?:you|so)[^,]*\b(?:one|it|them|this|that)\b|(?:it|this|that|these|those|they|them|he|she|such|there)\b(?!'s| is (?:a|an|the) \w+ (?:to|that|which)))/i;
export function antecedent(book: KnowledgeBook, s: BookSentence): BookSentence | undefined {
  if (!leansBack.test(s.text)) return undefined;
  const prev = book.sentences[s.id - 1];
  return prev && prev.document === s.document && prev.heading === s.heading ? prev : undefined;
}

/** A share of a price: "25%", "12.5 percent". */
const shareRe = /\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|per ?cent)(?!\w)/i;
/** A thing that costs nothing: "free of charge", "at no extra cost", "no charge". */
const freeRe =
  /\b(?:free of charge|(?:is|are) free|at no (?:extra |additional )?(?:cost|charge)|no (?:extra |additional )?charge|complimentary)\b/i;
/**
 * Least coverage for a free thing: the most telling word must be in it, while the trade's
 * everyday words ("my dog's tablets") need not.
 */
const MIN_FREE_COVERAGE = 0.55;
/** Least coverage of the asked words for a share to answer a price question. */
const MIN_SHARE_COVERAGE = 0.75;

/**
 * A price question answered by a percentage ("how much is the deposit for catering?" -> "A 25%
 * deposit confirms the date."): the sentence stating a share that covers the asked words best,
 * cut to its clause with the share, or undefined when none covers them clearly (or two tie).
 */
function shareAnswer(
  book: KnowledgeBook,
  words: readonly QueryWord[],
  re: RegExp = shareRe,
  least = MIN_SHARE_COVERAGE,
): Omit<Selection, 'topic'> | undefined {
  if (!words.length) return undefined;
  const scored = book.sentences
    .filter((s) => re.test(s.text))
    .map((s) => ({ s, cov: coverage(words, s.terms, s.headingTerms, 0.5) }))
    .sort((a, b) => b.cov - a.cov);
  const [top, next] = scored;
  if (!top || top.cov < least || (next && next.cov >= top.cov - 0.05)) return undefined;
  const clause = top.s.text.split(/;\s*/).find((c) => re.test(c)) ?? top.s.text;
  // An aside with another figure ("(the national average is about 48%)") is not the answer.
  const share = re.exec(clause)?.[0] ?? '';
  const said = clause
    .replace(/\s*\([^)]*\d[^)]*\)/g, (aside) => (share && aside.includes(share) ? aside : ''))
    .trim()
    .replace(/^./, (c) => c.toUpperCase());
  return {
    kind: 'answer',
    sentences: [/[.!?]$/.test(said) ? said : `${said}.`],
    score: 0.6 + top.cov * 0.4,
    source: `book:${top.s.id}`,
  };
}

/** The question's subject as the caller said it, for "I don't have the price of ...". */
function missingPhrase(text: string, subject: readonly QueryWord[]): string {
  const keep = new Set(subject.flatMap((q) => q.surface.split(' ')));
  const words = tokens(text);
  const first = words.findIndex((w) => keep.has(w));
  let last = -1;
  words.forEach((w, i) => {
    if (keep.has(w)) last = i;
  });
  if (first < 0) return 'that';
  const phrase = words.slice(first, last + 1).join(' ');
  return phrase.split(' ').length > 6 ? spokenSubject(subject) : phrase;
}

/** The subject words as said, a word inside an idiom's phrase once ("pull a tooth", not "... tooth"). */
export function spokenSubject(subject: readonly { surface: string }[]): string {
  const inPhrase = new Set(
    subject.filter((q) => q.surface.includes(' ')).flatMap((q) => q.surface.split(' ')),
  );
  return subject
    .filter((q) => q.surface.includes(' ') || !inPhrase.has(q.surface))
    .map((q) => q.surface)
    .join(' ');
}

/**
 * The clauses of an utterance that ask something ("Is there a lift? I use crutches." -> "Is
 * there a lift"), when there are several: context clauses add words the data need not have.
 */
export function questionClauses(text: string): string[] {
  const parts = text
    .split(
      /[?.!;]+|,\s*(?:but|and|so)?\s*(?=(?:what|when|where|who|how|which|is|are|do|does|can|could|will|would)\b)/i,
    )
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/).length >= 2);
  if (parts.length < 2) return [];
  return parts.filter((p) =>
    /^(?:(?:and|but|so|also|hello|hi|ok|okay|well)\s+)?(what|when|where|who|how|which|why|is|are|do|does|did|can|could|will|would|should|may|have|has)\b/i.test(
      p,
    ),
  );
}

/** Selection over the whole utterance and each question clause of it; the best answer wins. */
export function selectAnswer(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  text: string,
  shape: QuestionShape,
  questionShapeOf?: (t: string) => QuestionShape,
): Selection {
  const whole = selectIn(book, graph, text, shape);
  let best = whole;
  for (const clause of questionClauses(text)) {
    const sel = selectIn(book, graph, clause, questionShapeOf ? questionShapeOf(clause) : shape);
    if (sel.kind === 'answer' && (best.kind !== 'answer' || sel.score > best.score)) best = sel;
  }
  return best;
}

function selectIn(
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
  if ((shape.type === 'what' || shape.type === 'yesno') && asksPhone.test(normalize(text))) {
    const sel = phoneAnswer(book, subject, all);
    if (sel) return { kind: 'answer', ...sel };
  }
  const words = subject.length ? subject : all;
  const needsFit = shape.type !== 'yesno' && shape.type !== 'what';
  const area = shape.type === 'where' && areaQuestion.test(text) && !ownAddress.test(text);
  const ctx: FitContext = {
    book,
    days: shape.type === 'when' ? daysIn(text) : new Set(),
    area,
    person: (s) => personOf(book, s)?.full,
    areaSentences: new Set(
      area ? graph.relations.filter((r) => r.relation === 'covers').map((r) => r.sentenceId) : [],
    ),
  };
  // A price with nothing named ("what does that cost?") is no item's price.
  if (shape.type === 'price' && !subject.length) return none;
  if (words.length === 0 && !needsFit) return none;
  const topic = subject
    .filter((q) => q.stem !== DAY_TERM)
    .map((q) => q.surface)
    .join(' ');
  /** "I don't have <missing>": the asked thing is not in the documents. */
  const notInData = (missing: string, options?: string[]): Selection => ({
    kind: 'not-in-data',
    sentences: [],
    score: 0,
    source: '',
    topic,
    missing,
    ...(options ? { options } : {}),
  });

  if (shape.type === 'price' && subject.length) {
    // "If I leave my dog for a week, how much is the luxury suite?": the item follows the cue.
    // "per person", "per night": the unit of the price, not the item.
    const { unitless, tail } = priceAsk(book, text);
    const narrowed = tail ? subjectWords(book, tail).subject : [];
    const base = subjectWords(book, unitless).subject;
    // "A night in October": when the caller comes picks among the item's prices (below); it
    // is not part of the item's name, unless the documents name a thing with it ("summer school").
    const said = tokens(text);
    const inName = (w: string): boolean => {
      const next = said[said.indexOf(w) + 1];
      return !!next && book.sentences.some((x) => x.text.toLowerCase().includes(`${w} ${next}`));
    };
    const names = said.filter((w) => whenWords.has(w) && inName(w));
    const when = names.reduce((t, w) => t.replace(new RegExp(`\\b${w}\\b`, 'gi'), ' '), text);
    subject.splice(
      0,
      subject.length,
      ...(narrowed.length ? narrowed : base.length ? base : subject)
        .filter((q) => !whenWords.has(q.surface) || names.includes(q.surface))
        .map((q) => itemWord(book, q)),
    );
    // The asked item's own price, from the graph's "costs" relations, by graded item matching.
    const perUnit = /\b(rate|hourly|daily|weekly|per|each)\b/.test(text.toLowerCase());
    const numbers = askedNumbers(unitless);
    const asked = reweigh(book, subject, tail ?? unitless);
    // A price that holds in another season than the one the caller names is not theirs.
    const months = monthsIn(when);
    const scored = scorePricedItems(book, graph, asked, {
      askedNumbers: numbers,
      perUnit,
      unit: askedUnit(text),
      contradicts: (item, s) => contradicts(book, asked, item, s, true),
    }).filter((x) => holdsWhen(book.sentences[x.sentenceId]?.text ?? '', x.amount, months));
    // The caller names only a kind several items share ("an extraction"): the usual one of it.
    const matched = scored.filter((x) => x.score >= MIN_ITEM);
    // "The cheapest double": of the items the words fit, the one at that end of the prices.
    const end = superlative(text);
    const extreme = end
      ? matched.reduce<(typeof matched)[number] | undefined>(
          (m, x) =>
            !m ||
            (end === 'min'
              ? amountValue(x.amount) < amountValue(m.amount)
              : amountValue(x.amount) > amountValue(m.amount))
              ? x
              : m,
          undefined,
        )
      : undefined;
    const usual = extreme ?? usualOfKind(book, asked, matched);
    const pick = usual ?? pickItem(scored);
    // A kind with no usual item ("brake pads": front, rear) where the words pick none, or pick
    // one only by a tie with another price: the caller is asked which one.
    const tied =
      pick !== undefined &&
      !usual &&
      matched.some(
        (x) => x.item !== pick.item && x.amount !== pick.amount && pick.score - x.score < ITEM_MARGIN,
      );
    const options = pick && !tied ? undefined : kindOptions(book, asked, matched);
    // Items of different prices scored alike on the words the caller gave, with a word of the
    // caller's that none of them names ("a family membership" against full, student and
    // off-peak memberships): a tie-break would pick one at random and say its price. The caller
    // is told the asked one is not in the data and offered those items instead.
    const alike =
      pick === undefined || usual || pick.forward >= 1
        ? []
        : matched.filter((x) => {
            if (x.item === pick.item || x.amount === pick.amount || pick.score - x.score >= 0.005)
              return false;
            const theirs = new Set(itemStems(x.item));
            return itemStems(pick.item).every((t) => theirs.has(t) || named(asked, t) === 0);
          });
    const alikeNames = [...new Set([pick, ...alike].map((x) => x && itemCore(x.item).trim()))];
    const offered =
      options ?? (alike.length && alikeNames.length <= MAX_OPTIONS ? (alikeNames as string[]) : undefined);
    // "A large dog kennel" against "standard dog kennel": a word the documents never use, said
    // just before the item's own words, asks for another item than the one found.
    const unitWords = tokens(unitless);
    // (A word that names the item by its initials, "AC", is matched there: forward stays high.)
    const unknownQualifier =
      pick !== undefined &&
      pick.forward < 0.9 &&
      asked.some((q) => {
        if (q.expansions.size || q.surface.includes(' ')) return false;
        const next = unitWords[unitWords.indexOf(q.surface) + 1];
        return next !== undefined && itemStems(pick.item).includes(stem(next));
      });
    const best = options || alike.length || unknownQualifier ? undefined : pick;
    const s = best ? book.sentences[best.sentenceId] : undefined;
    // The item's price by season with no time named ("how much is the Curlew room?"): the row
    // is said whole, every season with its price.
    const seasonal =
      best !== undefined &&
      s !== undefined &&
      !months.size &&
      monthsIn(conditionOf(s.text, best.amount)).size > 0 &&
      scored.some((x) => x.item === best.item && x.sentenceId === s.id && x.amount !== best.amount);
    if (best && s)
      return {
        kind: 'answer',
        sentences: [
          seasonal
            ? recordSpeech(s.text)
            : months.size && monthsIn(conditionOf(s.text, best.amount)).size
              ? seasonSpeech(s.text, best.amount)
              : (priceSpeech(s.text, best.amount) ?? priceClause(s.text, best.amount)),
        ],
        score: 0.6 + best.score * 0.6,
        source: `book:${s.id}`,
        topic,
      };
    // No amount of the asked thing, but a share of one ("A 25% deposit confirms the date", "a
    // 10 percent discount on labor"): the clause that states it, when it is what was asked.
    // Or the asked thing costs nothing ("Administering medication is free of charge").
    const share = shareAnswer(book, subject) ?? shareAnswer(book, subject, freeRe, MIN_FREE_COVERAGE);
    if (share) return { ...share, topic };
    return notInData(missingPhrase(text, subject), offered);
  }

  // Nothing asked about but the kind of answer ("what are your opening hours"): only sentences
  // of that kind, best covered by the words (and headings) first.
  const pool =
    !subject.length && needsFit ? book.sentences.filter((s) => typeFit(s, shape, ctx) === 1) : book.sentences;
  // "What time do you open on Sunday?": the opening hours, not a class or an offer on Sundays.
  // The words are question-type words, so they are not among the subject words.
  const asksOpening = shape.type === 'when' && openingWords.test(text);
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
  const scored = pool
    .map((s) => {
      // A FAQ's question says what its answer is about as fully as the answer's own words, and
      // the answer to the FAQ question closest to the caller's beats a sentence elsewhere.
      const head = headCov(s);
      const terms = withPerson(
        ctx.days.size && [...daysIn(s.text)].some((d) => ctx.days.has(d))
          ? new Set([...s.terms, DAY_TERM])
          : s.terms,
        s,
      );
      const cov = coverage(words, terms, s.headingTerms, head >= 0.5 ? 0.95 : 0.7);
      const fit = typeFit(s, shape, ctx);
      const score =
        cov * (0.8 + 0.2 * fit) -
        (needsFit && fit === 0 ? 0.25 : 0) +
        (head >= 0.5 ? 0.15 * head : 0) +
        (asksOpening && openingWords.test(`${s.heading} ${s.text}`) ? 0.1 : 0);
      return { s, cov, fit, score };
    })
    // "Who ...?" is answered by a sentence naming a person, or not at all.
    .filter((x) => shape.type !== 'who' || x.fit > 0);
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
  scored.sort((a, b) => b.score - a.score || a.s.id - b.s.id);
  const top = scored[0];
  if (kindOnly && top && top.fit === 1) top.cov = Math.max(top.cov, MIN_COVERAGE);
  if (kindOnly && top) top.score = Math.max(top.score, top.cov);
  if (!top || top.cov < MIN_COVERAGE || top.score < MIN_COVERAGE * 0.8) {
    // A yes/no question about a thing the documents name nowhere, not even by a close relative
    // ("boxing classes"): not in the data, whatever a passage shares with it.
    const unknown = subject.filter(
      (q) =>
        q.expansions.size === 0 || (shape.type === 'yesno' && !closelyKnown(q) && thingWord(book, q.surface)),
    );
    if (unknown.length && shape.informational) return notInData(missingPhrase(text, unknown));
    return none;
  }
  // "Do you have a steam room?" against "an accessible changing room": the asked thing is a
  // steam room, and the documents never name "steam"; a room of another kind is not it.
  // (The head noun unknown instead, "the Wi-Fi password" against "free Wi-Fi", was tried: as
  // often a paraphrase, "the off-peak plan" for a membership, "hire waiters" for staff.)
  if (shape.type === 'yesno' || shape.type === 'what') {
    const said = tokens(text);
    for (const q of subject) {
      if (closelyKnown(q) || q.surface.includes(' ') || !thingWord(book, q.surface)) continue;
      const next = said[said.indexOf(q.surface) + 1];
      const head = subject.find((o) => o !== q && o.surface === next);
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
    second.fit >= top.fit &&
    !(shape.type === 'where' && ownPlace(second.s.text) < 0)
  )
    picked.push(second);
  // The caller asked a FAQ's question: its answer is said from its start ("Please give 24
  // hours' notice. Late cancellations are charged $50."), up to three sentences.
  if (!kindOnly && headCov(top.s) >= 0.5 && picked.length === 1) {
    const section: BookSentence[] = [];
    for (let id = top.s.id; id >= 0 && section.length < 3; id--) {
      const x = book.sentences[id];
      if (!x || x.heading !== top.s.heading || x.document !== top.s.document) break;
      section.unshift(x);
    }
    for (const x of section)
      if (x.id !== top.s.id) picked.push({ s: x, cov: top.cov, fit: top.fit, score: top.score });
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
  }
  picked.sort((a, b) => a.s.id - b.s.id);
  // "Who teaches yoga?" of a team list in one sentence ("Coaches: Dana Whitfield (head coach),
  // Marcus Lee (rehabilitation), Priya Raman (yoga).") is the one person whose part says it.
  const one = shape.type === 'who' && picked.length === 1 ? personPart(book, top.s.text, words) : undefined;
  return {
    kind: 'answer',
    sentences: one ? [one] : picked.map((p) => spoken(p.s, personOf(book, p.s))),
    score: Math.min(1.3, top.score + 0.3),
    source: `book:${top.s.id}`,
    topic: topic || picked.map((p) => p.s.heading).join(' '),
  };
}
