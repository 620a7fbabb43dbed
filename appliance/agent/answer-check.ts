import { hasStreet } from './answer-contact.js';
import { missingPhrase } from './answer-missing.js';
import { ageColumnHolds, ageRowHolds, withoutAge } from './price-age.js';
import { distanceRowHolds } from './price-distance.js';
import { valueRowHolds } from './price-value.js';
import { pairPrice, partyRowHolds, partySizeIn } from './price-party.js';
import { askedNumbers, priceAsk, priceVerb, subjectWords } from './question-subject.js';
import { labelledRow, recordSpeech, tableRowSpeech } from './answer-speech.js';
import { termsOf, type BookSentence, type KnowledgeBook } from './book.js';
import type { CompiledAgent } from './compile.js';
import { priceRe, pricedItems, type KnowledgeGraph } from './graph/extract.js';
import { inclusion, itemHeads, itemStems, named, namePart, usualAgainst, vagueWords } from './item-kind.js';
import { hasDuration } from './durations.js';
import { digitize } from './lexicon/numbers.js';
import { faultWords, particles } from './item-match.js';
import { numberedTerms } from './numbered.js';
import type { Plan } from './plan.js';
import { superlative } from './price-condition.js';
import { asksPhone, questionShape, type QuestionShape } from './question-type.js';
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

const hasPrice = new RegExp(priceRe.source, 'i');
const priceAll = (): RegExp => new RegExp(priceRe.source, 'gi');
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
  if (asksPhone.test(n) && !/\bhow many\b/.test(n)) return 'phone';
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
  else if (/\b(free|no charge|included)\b/i.test(t)) out.add('free');
  // "A 25% deposit", "10 percent off": a share of a price, which answers "how much" for it.
  if (/\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|per ?cent)(?!\w)/i.test(t)) out.add('share');
  if (hasDuration.test(t)) out.add('duration');
  // "Payment is due on completion", "at least 24 hours before": a time said relative to an event.
  if (hasDay.test(t) || hasTime.test(t) || /\b(due|before|after|upon|in advance|ahead|same day)\b/i.test(t))
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
 * Whether the address or phone number at `at` in the sentence belongs to another party: the clause
 * before it names an organisation or building that is not the business ("the emergency
 * department of Kingsbridge General Hospital, 400 Hospital Road") or says "their"; a clause with
 * "we"/"our" or the business's name is the business's own.
 */
function foreignParty(
  book: KnowledgeBook,
  text: string,
  at: number,
  businessWords: Set<string>,
): string[] | undefined {
  const before = text.slice(0, at);
  const clause = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf(';')) + 1);
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

type Words = ReturnType<typeof subjectWords>['subject'];

/**
 * The caller names an item's head: by the word or its bridges, or by a word of the head's own
 * definition ("lined up" for "alignment": "... in a straight line"), as item matching does.
 */
const headNamedBy = (book: KnowledgeBook, words: Words, head: string): boolean =>
  named(words, head) > 0 || words.some((q) => book.defines(q.stem, head) > 0);

/**
 * An item's stems, without the description after a colon, with its numbered names ("Stages 1
 * to 4": stag1 ... stag4, told from "Stages 5 to 7").
 */
const stems = (text: string): string[] => {
  const name = namePart(text);
  return [...itemStems(name), ...numberedTerms(digitize(name))];
};

/** Share of a set of stems (IDF-weighted) the caller's words name. */
function namedShare(book: KnowledgeBook, words: Words, terms: Iterable<string>): number {
  let got = 0;
  let total = 0;
  for (const t of new Set(terms)) {
    total += book.idf(t);
    got += book.idf(t) * Math.min(1, named(words, t));
  }
  return total > 0 ? got / total : 0;
}

/**
 * The item a row of a list or table prices ("Treatment: Routine check-up; Fee: $60",
 * "Follow-up treatment (30 min): $85"), or undefined for a sentence of prose.
 */
function rowItem(text: string, amountAt: number): string | undefined {
  const cells = text.split(/\s*[;|]\s*/);
  if (cells.length > 1) {
    const first = cells[0]!;
    if (!hasPrice.test(first)) return first.replace(/^[A-Za-z ]{2,20}:\s*/, '').trim() || undefined;
  }
  const label = /^([^.:;]{2,80}?)\s*[:–—-]\s*(?:from\s+)?$/i.exec(text.slice(0, amountAt));
  if (label?.[1]) return label[1].trim();
  // A row as the engine speaks it (answer-select's priceSpeech: "Full service, including brake
  // adjustment is $90."): a short name, "is", the price, and nothing after it but a unit.
  const before = text.slice(0, amountAt).trim();
  const spoken = /^(.{2,80}?)\s+is(?:\s+from)?$/i.exec(before);
  const after = text.slice(amountAt).replace(new RegExp(`^${priceRe.source}`, 'i'), '');
  if (
    spoken?.[1] &&
    spoken[1].split(/\s+/).length <= 10 &&
    !/\b(is|are|costs?|charge[sd]?|pay|we|you)\b/i.test(spoken[1]) &&
    /^(?:\s+(?:per|an?)\s+[a-z]+)?\s*\.?\s*$/i.test(after)
  )
    // "(senior stylist)" is the price column's label priceSpeech adds, not part of the item.
    return spoken[1].replace(/\s*\([a-z][a-z ]*\)$/, '').trim();
  // A row of a flattened table: the words before the price, with no verb between.
  if (before && before.split(/\s+/).length <= 8 && !/\b(is|are|costs?|charge[sd]?|pay)\b/i.test(before))
    return before.replace(/\bfrom$/i, '').trim();
  return undefined;
}

const figure = (amount: string): string => (amount.match(hasPrice)?.[0] ?? amount).replace(/\s+/g, '');

/**
 * Whether a price said is the asked item's. For a row of a list: the caller names the item's head
 * ("extraction", "check-up") or most of its name, or everything the caller named is in the
 * item's own name (not only in what it includes or is for: "x-ray" is not the "examination,
 * including x-rays"). For any priced item: no other item's distinguishing words are named more
 * than this one's.
 */
function priceAgrees(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  words: Words,
  sentences: readonly Pick<BookSentence, 'id' | 'text'>[],
  reply: string,
  rows: readonly string[],
  /** Numbers the caller said ("a one-hour lesson": 1), which tell "1 hour" from "2 hours". */
  askedNumbers: ReadonlySet<string> = new Set(),
  /** The caller is two ("me and my partner"): a price for a pair is told apart by that. */
  pair = false,
  /** The verb of "how much is it to store ...?" (priceVerb). */
  action?: string,
): boolean {
  if (!words.length) return true;
  // Every priced item, named as its row names it when it is a row of a list or table.
  const items = pricedItems(graph).map((i) => {
    const text = book.sentences[i.sentenceId]?.text ?? '';
    const at = text.indexOf(figure(i.amount));
    return { ...i, item: (at >= 0 ? rowItem(text, at) : undefined) ?? i.item };
  });
  for (const m of reply.matchAll(priceAll())) {
    const said = m[0].replace(/\s+/g, '');
    for (const s of [...sentences, ...rows.map((text) => ({ id: -1, text }))]) {
      const at = s.text.replace(/\s+(?=\d)/g, ' ').indexOf(m[0]);
      const graphItem = items.find((i) => i.sentenceId === s.id && figure(i.amount) === said)?.item;
      const row = at >= 0 ? rowItem(s.text, at) : undefined;
      const name = row ?? graphItem;
      if (!name) continue;
      if (row) {
        const own = new Set(stems(name.replace(inclusion, '')));
        const headNamed = itemHeads(name).some((h) => headNamedBy(book, words, h));
        // A particle ("up" of "signing up") or a word inside a phrase of the caller's that is
        // read whole ("first" of "when we first sign up") names nothing the row must hold.
        const inPhrase = new Set(
          words.filter((q) => q.surface.includes(' ')).flatMap((q) => q.surface.split(' ')),
        );
        // A row read with its header says more of its item in its other cells ("Fits: A few
        // boxes, suitcases or a bike"): a caller's word among their values, or a close relative
        // of it, names this row too. The labels of the other columns ("Price", "Time") are every
        // row's; the first says what kind the item is ("Unit"). The verb of "how much to store a
        // bike?" says what is done with the item, not which.
        const values = s.text.replace(/;\s*[^:;]{1,30}:\s*/g, ' ; ');
        const cells = labelledRow.test(s.text)
          ? new Set([...termsOf(values), ...numberedTerms(digitize(values))])
          : undefined;
        const unaccounted = words.some(
          (q) =>
            !particles.has(q.surface) &&
            !inPhrase.has(q.surface) &&
            !(cells && q.surface === action) &&
            ![...q.expansions].some(([e, w]) => own.has(e) || (w >= 0.8 && !!cells?.has(e))),
        );
        if (!headNamed && unaccounted) return false;
      } else {
        // Prose ("Custom orthotics cost $380, including the gait scan"): a caller asking for
        // what the price includes, and not for the item, is not told the item's price.
        // Within the price's own clause: in "we charge a £25 diagnostic fee and ring you with a
        // fixed quote", the quote is no part of the fee.
        const clause =
          s.text.slice(at).split(/\s(?:and|but|then)\s(?!the\b|a\b|an\b)|[;.!?](?:\s|$)/)[0] ?? '';
        const included = /\b(?:including|incl\.?|includes|with|plus)\b(.*)$/i.exec(clause)?.[1];
        if (included) {
          const own = new Set(stems(name));
          const part = new Set(stems(included));
          const hits = (q: Words[number], terms: Set<string>): boolean =>
            [...q.expansions.keys()].some((e) => terms.has(e));
          const headNamed = itemHeads(name).some((h) => headNamedBy(book, words, h));
          if (!headNamed && words.some((q) => hits(q, part) && !hits(q, own))) return false;
        }
      }
      // Another item whose own words the caller names more ("blow-dry" against "cut and blow-dry").
      const mine = new Set(stems(name));
      const myHeads = itemHeads(name).filter((h) => named(words, h) > 0);
      const vague = vagueWords(book, words, name);
      for (const o of items) {
        if (figure(o.amount) === said || o.sentenceId === s.id) continue;
        // The row said whole ("Cockroaches, small home £160, medium home £180"): its item is mine.
        if (
          s.id < 0 &&
          sentences.some((x) => x.id === o.sentenceId && x.text.replace(/\s+/g, '').includes(said))
        )
          continue;
        const theirs = new Set(stems(o.item));
        const theirHeads = itemHeads(o.item).filter((h) => named(words, h) > 0);
        if (!theirHeads.length) continue;
        const onlyMine = [...mine].filter((t) => !theirs.has(t));
        const onlyTheirs = [...theirs].filter((t) => !mine.has(t));
        const mineShare = onlyMine.length ? namedShare(book, words, onlyMine) : 0;
        // Their name inside mine ("blow-dry" in "cut and blow-dry"): theirs is what was asked
        // unless the caller also named a word only mine has ("manual lesson" against "manual").
        const theirShare = onlyTheirs.length ? namedShare(book, words, onlyTheirs) : mineShare > 0 ? 0 : 1;
        if (onlyMine.length && theirShare > mineShare && namedShare(book, words, theirs) >= 0.99)
          return false;
        // Two items of one kind ("simple extraction", "wisdom tooth surgical extraction"): the
        // caller must name something that tells this one apart, else either price may be meant,
        // unless this one is the usual one of the kind ("simple", "routine") and the caller
        // names nothing that tells the other apart.
        const distinct = onlyMine.filter((t) => !vague.has(t));
        const theirVague = vagueWords(book, words, o.item);
        const usual =
          usualAgainst([...mine], theirs) &&
          namedShare(
            book,
            words,
            onlyTheirs.filter((t) => !theirVague.has(t)),
          ) === 0;
        if (
          theirHeads.some((h) => myHeads.includes(h)) &&
          onlyMine.length > 0 &&
          (!distinct.length ||
            (namedShare(book, words, distinct) === 0 && !distinct.some((t) => askedNumbers.has(t)))) &&
          !usual &&
          !(pair && pairPrice.test(name))
        )
          return false;
      }
    }
  }
  return true;
}

/**
 * A sentence that reads several rows of a price table: cut to the one row the caller's words
 * name, or undefined when none (or several) does.
 */
function oneRow(words: Words, sentence: string, keepTime: boolean): string | undefined {
  const rows: string[] = [];
  let from = 0;
  for (const m of sentence.matchAll(priceAll())) {
    let end = (m.index ?? 0) + m[0].length;
    // The row's other cells after its price ("30 min", "1.5 hr", "per axle").
    const tail =
      /^(?:\s+(?:per|an?)\s+[a-z]+)?(?:\s+\d+(?:\.\d+)?(?:\s?-\s?\d+)?\s?(?:min|mins|minutes|hr|hrs|hours?))?/i.exec(
        sentence.slice(end),
      );
    end += tail?.[0].length ?? 0;
    rows.push(sentence.slice(from, end).trim());
    from = end;
  }
  if (!words.length) return undefined;
  const scored = rows
    .map((row) => ({ row, cov: coverage(words, new Set(stems(row))) }))
    .sort((a, b) => b.cov - a.cov);
  const [best, next] = scored;
  if (!best || best.cov < 0.5 || (next && next.cov >= best.cov - 0.05)) return undefined;
  // The row alone, without the table's title and column names before the first item.
  let row = best.row.replace(/^.*\b(?:Service|Treatment|Item)\s+(?:Price|Fee|Cost)(?:\s+Time)?\s+/i, '');
  // The asked figure only: a row's time cell is said when the caller asked how long.
  if (!keepTime)
    row = row.replace(/\s+\d+(?:\.\d+)?(?:\s?-\s?\d+)?\s?(?:min|mins|minutes|hr|hrs|hours?)$/i, '');
  return /[.!?]$/.test(row) ? row : `${row}.`;
}

/** Share of the caller's words (IDF-weighted) found in a bag of stems. */
function coverage(words: Words, terms: Set<string>): number {
  let got = 0;
  let total = 0;
  for (const q of words) {
    total += q.idf;
    let m = 0;
    for (const [e, w] of q.expansions) if (terms.has(e)) m = Math.max(m, w);
    got += q.idf * m;
  }
  return total > 0 ? got / total : 0;
}

/**
 * The words that name the priced item: those after the price cue ("before I leave it too late,
 * how much are the cat vaccinations" -> "cat vaccinations"), without the price's unit.
 */
function priceWords(book: KnowledgeBook, question: string): Words {
  const { unitless, tail } = priceAsk(book, question);
  const narrowed = tail ? subjectWords(book, tail).subject : [];
  const words = narrowed.length ? narrowed : subjectWords(book, unitless).subject;
  // "My door won't lock properly": the fault is why the caller rings, not the item's name.
  const fault = faultWords(question);
  const named = words.filter((q) => !fault.has(q.surface));
  return named.length ? named : words;
}

export type CheckResult =
  | { ok: true; sentences: string[] }
  | { ok: false; reason: 'attribute' | 'entity' | 'foreign-party' | 'dump' | 'boilerplate'; missing: string };

/** The table row a reply sentence says whole: one item's prices, no dump of a table. */
function wholeRowSources(book: KnowledgeBook, sentence: string): BookSentence[] {
  return book.sentences.filter((s) => s.text.includes(';') && recordSpeech(s.text) === sentence.trim());
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
  return book.sentences.filter(
    (s) => s.text.includes(item) && s.text.replace(/\s+(?=\d)/g, ' ').includes(price),
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
      partyRowHolds(question, sentence)
    )
      byAge = true;
    else if ((said.match(priceAll()) ?? []).length >= 3 && !wholeRowSources(book, sentence).length) {
      const row = oneRow(subject, said, shape.type === 'duration');
      if (!row) return { ok: false, reason: 'dump', missing };
      said = row;
      rows.push(row);
    }
    out.push(said);
  }
  const reply = out.join(' ');
  const asked = askedAttribute(question, shape);
  const unnamed = unnamedThing(question, shape, asked, subject, reply);
  if (unnamed) return { ok: false, reason: 'entity', missing: unnamed };
  if (!attributeAgrees(asked, attributesOf(reply))) return { ok: false, reason: 'attribute', missing };
  const sources = sentences.flatMap((s) => sourcesOf(book, s));
  for (const s of sources) {
    for (const c of contactsIn(s.text)) {
      if (!reply.includes(s.text.slice(c.at, c.at + 4))) continue;
      const party = foreignParty(book, s.text, c.at, businessWords);
      if (!party) continue;
      const asksParty = party.some((p) => named(subject, stem(p)) >= 0.5);
      // "My face is swollen, what do I do?": the sentence is the instruction for the caller's own
      // situation (its words, not bridges, are the caller's), and the hospital is part of it.
      const terms = new Set([...s.terms, ...s.headingTerms]);
      const own = subject.filter((q) => [...q.expansions].some(([e, w]) => w >= 0.8 && terms.has(e)));
      // A question asking where to go is answered by a place, so the place must be the one asked.
      const situation = shape.type !== 'where' && subject.length > 0 && own.length * 2 >= subject.length;
      if (!asksParty && !situation) return { ok: false, reason: 'foreign-party', missing };
    }
  }
  if (
    shape.type === 'price' &&
    hasPrice.test(reply) &&
    // "The cheapest lesson" names no one item: selection took the lowest of those the words fit.
    !superlative(question) &&
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
