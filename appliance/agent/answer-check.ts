import { asksReach, hasStreet, ownPlace } from './answer-contact.js';
import { missingPhrase } from './answer-missing.js';
import { ageColumnHolds, ageRowHolds, withoutAge } from './price-age.js';
import { groupRowHolds, whoseRowHolds } from './price-whose.js';
import { distanceRowHolds } from './price-distance.js';
import { valueRowHolds } from './price-value.js';
import { sizeRowHolds } from './price-size.js';
import { partyRowHolds, partySizeIn } from './price-party.js';
import {
  callerPairs,
  hasPrice,
  hasShare,
  oneRow,
  priceAgrees,
  priceAll,
  priceWords,
  type Words,
} from './price-check.js';
import { askedNumbers, priceVerb, subjectWords } from './question-subject.js';
import { recordSpeech, tableRowSpeech } from './answer-speech.js';
import type { BookSentence, KnowledgeBook } from './book.js';
import type { KnowledgeGraph } from './graph/extract.js';
import type { CompiledAgent } from './compile.js';
import { named } from './item-kind.js';
import { hasDuration } from './durations.js';
import { digitize } from './lexicon/numbers.js';
import type { Plan } from './plan.js';
import { sizeSuperlative, superlative } from './price-condition.js';
import { asksPhone, placeFor, questionShape, type QuestionShape } from './question-type.js';
import { nameWord, normalize, stem, stopWords, tokens } from './text.js';

/**
 * The last check before an answer from the documents is spoken: a reply that carries a fact must
 * carry the kind of fact asked (a price is no answer to "how long"), about the thing asked (the
 * row's own item, not a neighbour's or an item that merely includes it), and an address that the
 * document ties to another party (a hospital, a partner's yard) only when that party is asked
 * for. A price table is never read out whole: a reply of several rows is cut to the asked row or
 * refused. A refused answer becomes the honest "I don't have that" with an offer: a fallback costs
 * the caller one question, a wrong price costs the business a customer.
 */

type Attribute = 'price' | 'free' | 'share' | 'duration' | 'when' | 'where' | 'phone' | 'who' | 'distance';

const hasDay = /\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bweekdays?\b|\bdaily\b/i;
const hasTime =
  /\b\d{1,2}(:\d{2})?\s?(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}\b|\bnoon\b|\bmidnight\b|\b24 hours\b|\bclosed\b/i;
const hasPhone = /(?:\+?\d[\d\s().-]{5,}\d)/;
const hasName = new RegExp(
  `\\b(?:Dr\\.?|Doctor|Mr\\.?|Mrs\\.?|Ms\\.?)\\s+[A-Z]|\\b${nameWord}\\s${nameWord}\\b`,
);
/** Text every web page carries that says nothing about the business: consent banners, footers. */
const boilerplate =
  /\b(cookies?|all rights reserved|privacy policy|terms of use|follow us on|website by|accept all|skip to (main )?content)\b|©|&copy;/i;

/** The kind of fact a question asks for (undefined: any). */
function askedAttribute(text: string, shape: QuestionShape): Attribute | undefined {
  const n = normalize(text);
  // "How do I contact you?" asks for any way to reach the business (an email address too).
  const anyWay = asksReach.test(n) && !/\b(?:(?:tele)?phone|number|ring|call)\b/.test(n);
  if (asksPhone.test(n) && !/\bhow many\b/.test(n) && !anyWay) return 'phone';
  switch (shape.type) {
    case 'price':
    case 'duration':
    case 'when':
    case 'where':
    case 'who':
      return shape.type;
    default:
      return undefined;
  }
}

/** The kinds of fact a reply states. */
function attributesOf(text: string): Set<Attribute> {
  const t = digitize(text);
  const out = new Set<Attribute>();
  if (hasPrice.test(t)) out.add('price');
  else if (/\b(free|no charge|included|no (?:[a-z-]+ )?(?:fee|charge|deposit))\b/i.test(t)) out.add('free');
  // "A 25% deposit", "10 percent off": a share of a price, which answers "how much" for it.
  if (hasShare.test(t)) out.add('share');
  if (hasDuration.test(t)) out.add('duration');
  // "Payment is due on completion", "at least 24 hours before": a time said relative to an event;
  // "the rest is paid on the day", "on collection": a time said by the event it falls on.
  if (
    hasDay.test(t) ||
    hasTime.test(t) ||
    /\b(due|before|after|upon|in advance|ahead|same day|on the day|on arrival|on completion|on collection|on delivery|up ?front)\b/i.test(
      t,
    )
  )
    out.add('when');
  if (hasStreet.test(text)) out.add('where');
  // "8 to 15 miles": how far, which answers "how far out do you deliver?" with its charge.
  if (/\b\d+(?:\.\d+)?\s*(?:miles?|km|kilomet(?:re|er)s?)\b/i.test(t)) out.add('distance');
  if (hasPhone.test(text.replace(priceAll(), ' '))) out.add('phone');
  if (hasName.test(text)) out.add('who');
  return out;
}

/** Facts a caller can be misled by: a figure, a phone number, an address. */
const numeric: readonly Attribute[] = ['price', 'duration', 'phone', 'where'];

/** A price question gets a price; a duration, time, place or number question is not answered by another figure. */
function attributeAgrees(asked: Attribute | undefined, said: Set<Attribute>): boolean {
  if (!asked || said.has(asked)) return true;
  if (asked === 'price' && (said.has('free') || said.has('share'))) return true;
  // "When" is answered by a duration too ("within 2 days"); "where" by a place without number.
  if (asked === 'when' && said.has('duration')) return true;
  // "Who do I call?" is answered by a number.
  if (asked === 'who') return !said.has('price');
  if (asked === 'where') return said.has('distance') || (!said.has('price') && !said.has('phone'));
  return !numeric.some((a) => said.has(a));
}

/** Words that mark an address or number as the business's own ("find us at", "our office"). */
const ownMarker = /\b(we|we're|we are|us|our|ours)\b/i;
/** A possessive naming someone else's place ("their yard", "his workshop"). */
const otherPossessive = /\b(their|his|her|its)\s+[a-z]+/i;

/**
 * A section listing the business's own sites: "Our studios", "Our venues", "Where we teach". The
 * places under it are where the business works, though another body owns the building ("in the
 * Scout Hut, Mill Road").
 */
const ownSitesHeading =
  /^(?:our (?:\w+ )?(?:studios|venues|sites|locations|branches|premises|pools|clinics|centres|centers|halls|shops|stores|offices|classrooms)\b|where (?:we|you'll find us|to find us)\b)/i;

/**
 * Whether the address or phone number at `at` in the sentence belongs to another party: the clause
 * before it names an organisation or building that is not the business ("the emergency
 * department of Kingsbridge General Hospital, 400 Hospital Road") or says "their"; a clause with
 * "we"/"our" or the business's name, or one under a heading of its own sites, is the business's own.
 */
function foreignParty(
  book: KnowledgeBook,
  s: BookSentence,
  at: number,
  businessWords: Set<string>,
): string[] | undefined {
  if (ownSitesHeading.test(s.heading.trim())) return undefined;
  const text = s.text;
  const before = text.slice(0, at);
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf(';')) + 1);
  // Nothing but a name before the address, under "Find us" or "Contact" or on a line that is only
  // a name and an address to its postcode ("The Boathouse, Swan's Nest Lane, Stratford-upon-Avon
  // CV37 7LS"): the building named is the business's own, though no "we" or "our" says so. ("Go to
  // Kingsbridge General Hospital, 400 Hospital Road" under "Contact" is still another party's.)
  if (/^[\s,]*(?:(?:[A-Z0-9][\w'&.-]*|of|and|the)[\s,]+)*$/.test(clause) && ownPlace(text, s.heading) > 0)
    return undefined;
  const words = tokens(clause).filter((w) => !stopWords.has(w) && w.length > 2 && !/\d/.test(w));
  if (words.some((w) => businessWords.has(w))) return undefined;
  if (ownMarker.test(clause)) return undefined;
  // Another party is named: a proper name whose head is an organisation or a building ("Kingsbridge
  // General Hospital"), or a place said to be someone else's ("their yard").
  const party: string[] = [];
  for (const m of clause.matchAll(/\b[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)+/g)) {
    const name = tokens(m[0]).filter((w) => !stopWords.has(w));
    if (name.some((w) => book.isA(w, 'organization') || book.isA(w, 'structure'))) party.push(...name);
  }
  const possessed = new RegExp(otherPossessive.source, 'ig');
  for (const m of clause.matchAll(possessed)) party.push(...tokens(m[0]).slice(1));
  return party.length ? party : undefined;
}

/** The street addresses and phone numbers of a sentence, with their positions. */
function contactsIn(text: string): { at: number; kind: 'where' | 'phone' }[] {
  const out: { at: number; kind: 'where' | 'phone' }[] = [];
  for (const m of text.matchAll(new RegExp(hasStreet.source, 'g')))
    out.push({ at: m.index ?? 0, kind: 'where' });
  const noPrices = text.replace(priceAll(), (p) => ' '.repeat(p.length));
  for (const m of noPrices.matchAll(/(?:\+?\d[\d\s().-]{5,}\d)/g))
    if (m[0].replace(/\D/g, '').length >= 7) out.push({ at: m.index ?? 0, kind: 'phone' });
  return out;
}

export type CheckResult =
  | { ok: true; sentences: string[] }
  | { ok: false; reason: 'attribute' | 'entity' | 'foreign-party' | 'dump' | 'boilerplate'; missing: string };

/**
 * The table row a reply sentence says whole: one item's prices, no dump of a table. A row of a
 * table without a header ("Piano | £18 | £26 | £34") too: its figures are all the item's.
 */
function wholeRowSources(book: KnowledgeBook, sentence: string): BookSentence[] {
  const said = sentence.trim();
  return book.sentences.filter(
    (s) =>
      (s.text.includes(';') && recordSpeech(s.text) === said) ||
      (s.text.includes(' | ') && tableRowSpeech(s.text) === said),
  );
}

/**
 * The reply sentence is a book sentence whose prices are all one thing's, each for its case
 * ("A full groom is £35 for small dogs, £45 for medium dogs and £60 for large dogs"; the graph's
 * items "full groom for small dogs", ...): said whole, it is that thing's row, no dump.
 */
function caseRowSource(book: KnowledgeBook, graph: KnowledgeGraph, sentence: string): boolean {
  const said = sentence.trim();
  const s = book.sentences.find((x) => x.text.trim() === said);
  if (!s) return false;
  const items = graph.relations
    .filter((r) => r.relation === 'costs' && r.sentenceId === s.id)
    .map((r) => r.from.replace(/^service:/, ''));
  const bases = new Set(items.map((i) => (i.includes(' for ') ? i.slice(0, i.lastIndexOf(' for ')) : i)));
  return (
    items.length >= 2 &&
    bases.size === 1 &&
    items.filter((i) => i.includes(' for ')).length >= items.length - 1
  );
}

/** The book sentences a reply sentence was taken from (whole or a clause of it). */
function sourcesOf(book: KnowledgeBook, sentence: string): BookSentence[] {
  const core = sentence.replace(/[.!?]+$/, '').trim();
  if (core.length < 3) return [];
  const found = book.sentences.filter(
    (s) =>
      s.text.includes(core) ||
      (s.person && sentence.endsWith(s.text)) ||
      // A table row said as a sentence ("Friday | 3 pm" -> "Friday: 3 pm.").
      (s.text.includes(' | ') && tableRowSpeech(s.text).includes(core)),
  );
  if (found.length) return found;
  // One item's row said whole with its columns ("Cockroaches, small home £160, medium home £180").
  const whole = wholeRowSources(book, sentence);
  if (whole.length) return whole;
  // A price row re-worded for speech by answer-select's priceSpeech ("Blow-dry only (senior
  // stylist) is £30."): its source is the row that names the item and states that price.
  const spoken = /^([^.;:]{2,80}?) is (?:from )?(.+)$/.exec(core);
  const price = spoken?.[2]?.match(hasPrice)?.[0];
  if (!spoken?.[1] || !price || spoken[2]!.indexOf(price) !== 0) return [];
  const item = spoken[1].replace(/\s*\([a-z][a-z ]*\)$/, '').trim();
  // "Lockout is £75 (daytime), or £110 (evenings)": a row of the item for each price said.
  const prices = spoken[2]!.match(priceAll()) ?? [price];
  return book.sentences.filter(
    (s) => s.text.includes(item) && prices.some((p) => s.text.replace(/\s+(?=\d)/g, ' ').includes(p.trim())),
  );
}

/**
 * Heads that name an aspect of what follows rather than a thing: "what's the name of the vet",
 * "the best way to get there", "the policy on dogs", "the deal with parking".
 */
const aspectWords: ReadonlySet<string> = new Set(
  (
    'name names way ways process procedure policy policies rule rules situation deal story point ' +
    'difference thing things option options arrangement arrangements plan plans idea best earliest ' +
    'latest soonest next first last number numbers setup set-up system score reason chance chances ' +
    'catch problem issue matter limit'
  ).split(' '),
);

/** Weight of the weakest link that still names a thing: a derived form (0.8 x 0.75, book.ts). */
const NAMED_LINK = 0.6;

/**
 * "What's the Wi-Fi password?": the thing a what-question asks for is the last word of the noun
 * phrase after "what is the". When the documents use neither that word nor any word related to it,
 * a reply found by the phrase's other words (the Wi-Fi) is about something else. The phrase to
 * name in the fallback, or undefined.
 */
function unnamedThing(
  question: string,
  shape: QuestionShape,
  asked: Attribute | undefined,
  subject: Words,
  reply: string,
): string | undefined {
  // "What's your phone number?": a kind of fact the reply is checked for on its own.
  if (shape.type !== 'what' || asked) return undefined;
  const m =
    /^(?:(?:so|and|um|er|hi|hello|ok|okay)[, ]+)*what(?:['’]s| is| are| was)\s+(?:the|your)\s+([a-z][a-z -]*?)(?:\s+(?:for|in|on|at|of|with|if|when|please)\b.*)?\s*[?.!]*$/i.exec(
      question.trim(),
    );
  const phrase = m?.[1]?.trim();
  const head = phrase?.split(/[\s-]+/).at(-1);
  if (!phrase || !head || aspectWords.has(head)) return undefined;
  const word = subject.find((q) => q.surface === head);
  if (!word) return undefined;
  // Only loose links into the documents (a broader word, a definition's word: "ratio" -> "work"),
  // none of them in the reply: the reply is not about it.
  const strongest = Math.max(0, ...word.expansions.values());
  const said = new Set(tokens(reply).map(stem));
  return strongest < NAMED_LINK && ![...word.expansions.keys()].some((e) => said.has(e))
    ? `the ${phrase}`
    : undefined;
}

/** Checks the sentences of an answer from the documents against the question. */
export function checkAnswer(
  agent: Pick<CompiledAgent, 'book' | 'graph' | 'businessName'>,
  question: string,
  sentences: readonly string[],
): CheckResult {
  const { book, graph } = agent;
  const shape = questionShape(question);
  const { subject } = subjectWords(book, question);
  const missing = missingPhrase(question, subject).said;
  const businessWords = new Set(tokens(agent.businessName).filter((w) => w.length > 2 && !stopWords.has(w)));
  const out: string[] = [];
  const rows: string[] = [];
  /**
   * "A four-year-old", "six miles away": the row of the age group or distance band that holds
   * it, said whole or by a cell.
   */
  let byAge = false;
  for (const sentence of sentences) {
    if (boilerplate.test(sentence)) return { ok: false, reason: 'boilerplate', missing };
    let said = sentence;
    if (
      ageRowHolds(question, sentence) ||
      ageColumnHolds(book, question, subject, sentence) ||
      distanceRowHolds(question, sentence) ||
      valueRowHolds(question, sentence) ||
      sizeRowHolds(question, sentence) ||
      partyRowHolds(question, sentence) ||
      whoseRowHolds(book, graph, question, sentence) ||
      (shape.type === 'price' && groupRowHolds(book, graph, question, priceWords(book, question), sentence))
    )
      byAge = true;
    else if (
      (said.match(priceAll()) ?? []).length >= 3 &&
      !wholeRowSources(book, sentence).length &&
      !caseRowSource(book, graph, sentence)
    ) {
      const row = oneRow(subject, said, shape.type === 'duration');
      if (!row) return { ok: false, reason: 'dump', missing };
      said = row;
      rows.push(row);
    }
    out.push(said);
  }
  const asked = askedAttribute(question, shape);
  // "Where can I walk the dog?": "There is a dog walking field behind the barn" said after the
  // line it goes on from ("Dogs are welcome at £2 per dog ..."): the place, without that price.
  if (asked === 'where' && out.length > 1 && !attributeAgrees(asked, attributesOf(out.join(' ')))) {
    const placeOnly = out.filter((x) => !hasPrice.test(x));
    if (placeOnly.length && attributeAgrees(asked, attributesOf(placeOnly.join(' '))))
      out.splice(0, out.length, ...placeOnly);
  }
  const reply = out.join(' ');
  const unnamed = unnamedThing(question, shape, asked, subject, reply);
  if (unnamed) return { ok: false, reason: 'entity', missing: unnamed };
  if (!attributeAgrees(asked, attributesOf(reply))) return { ok: false, reason: 'attribute', missing };
  const sources = sentences.flatMap((s) => sourcesOf(book, s));
  for (const s of sources) {
    for (const c of contactsIn(s.text)) {
      if (!reply.includes(s.text.slice(c.at, c.at + 4))) continue;
      const party = foreignParty(book, s, c.at, businessWords);
      if (!party) continue;
      const asksParty = party.some((p) => named(subject, stem(p)) >= 0.5);
      // "My face is swollen, what do I do?": the sentence is the instruction for the caller's own
      // situation (its words, not bridges, are the caller's), and the hospital is part of it.
      const terms = new Set([...s.terms, ...s.headingTerms]);
      const own = subject.filter((q) => [...q.expansions].some(([e, w]) => w >= 0.8 && terms.has(e)));
      // A question asking where to go is answered by a place, so the place must be the one asked.
      const situation = shape.type !== 'where' && subject.length > 0 && own.length * 2 >= subject.length;
      // "Is there anywhere nearby we can get dinner?": another place is what is asked for.
      const elsewhere = placeFor.test(normalize(question));
      if (!asksParty && !situation && !elsewhere) return { ok: false, reason: 'foreign-party', missing };
    }
  }
  if (
    shape.type === 'price' &&
    hasPrice.test(reply) &&
    // "The cheapest lesson" names no one item: selection took the lowest of those the words fit.
    !superlative(question) &&
    !sizeSuperlative(question) &&
    !byAge &&
    !priceAgrees(
      book,
      graph,
      priceWords(book, withoutAge(question)),
      sources,
      reply,
      rows,
      new Set(askedNumbers(withoutAge(question), book)),
      partySizeIn(question) === 2,
      priceVerb(question),
      callerPairs(question),
    )
  )
    return { ok: false, reason: 'entity', missing };
  return { ok: true, sentences: out };
}

/**
 * The hook where replies are built: an answer from the documents that fails the check becomes the
 * honest fallback; one that reads several table rows is cut to the asked row.
 */
export function checkPlan(agent: CompiledAgent, question: string, p: Plan): Plan {
  if (
    !p.sources.some((s) => s.startsWith('book:') || (s.startsWith('knowledge:') && s !== 'knowledge:urgent'))
  )
    return p;
  let r: CheckResult;
  try {
    r = checkAnswer(agent, question, p.sentences);
  } catch {
    // A check that cannot be made is a check not passed: the caller hears no unchecked fact.
    r = { ok: false, reason: 'entity', missing: 'that' };
  }
  if (r.ok) return r.sentences.join('\n') === p.sentences.join('\n') ? p : { ...p, sentences: r.sentences };
  const canTransfer = Boolean(agent.agent.facts.transferExtension);
  p.state.lastIntent = 'unknown';
  p.state.pending = { kind: 'offer', offer: 'message' };
  const price = questionShape(question).type === 'price';
  return {
    ...p,
    intent: 'unknown',
    confidence: 0.5,
    sources: [`check:${r.reason}`],
    sentences: [
      price
        ? r.missing === 'that'
          ? "I'm sorry, I don't have that price in my information."
          : `I'm sorry, I don't have the price of ${r.missing} in my information.`
        : `I'm sorry, I don't have information about ${r.missing}.`,
      canTransfer
        ? 'I can take a message or put you through to a colleague.'
        : 'Would you like to leave a message?',
    ],
  };
}
