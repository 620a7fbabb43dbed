import { termsOf, type KnowledgeBook, type BookSentence } from './book.js';
import { inOpening } from './answer-contact.js';
import { labelledRow } from './answer-speech.js';
import { forCaseAfter, priceRe, pricedItems, type KnowledgeGraph } from './graph/extract.js';
import {
  inclusion,
  itemHeads,
  itemCore,
  itemStems,
  named,
  namePart,
  usualAgainst,
  foreignUsualMarker,
  vagueWords,
} from './item-kind.js';
import { digitize } from './lexicon/numbers.js';
import { faultWords, particles, troubleAside } from './item-match.js';
import { numberedTerms } from './numbered.js';
import { pairPrice, partyWords } from './price-party.js';
import { columnLabelStems } from './price-column.js';
import { priceAsk, subjectWords } from './question-subject.js';
import { stem, tokens } from './text.js';

/**
 * Whether the price a reply says is the asked item's (answer-check's last test for a price
 * question), and the cut of a sentence that reads a whole price table to the one row asked.
 * A wrong price is the costliest wrong answer: it is an invented fact to the caller.
 */

export const hasPrice = new RegExp(priceRe.source, 'i');
export const priceAll = (): RegExp => new RegExp(priceRe.source, 'gi');
/** A share of a price: "25%", "12.5 percent". */
/** A share of a price: "25%", "10 per cent", "half the price", "the full fee", "a third of the cost". */
export const hasShare =
  /\b\d{1,3}(?:\.\d{1,2})?\s?(?:%|per ?cent)(?!\w)|\b(?:half|a third|a quarter|the full|double|twice)(?: of)?(?: the| your| its)? (?:price|fee|cost|amount|charge)\b/i;

export type Words = ReturnType<typeof subjectWords>['subject'];

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
    // ("A full rewire is quoted after a free survey; most houses come to ...": a clause with a
    // verb is prose, not a row's first cell.)
    if (!hasPrice.test(first) && !/\b(?:is|are|was|were|we|you|will|can)\b/i.test(first))
      return first.replace(/^[A-Za-z ]{2,20}:\s*/, '').trim() || undefined;
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
  // ("A £200 deposit secures ...": an article alone before the price is no row's item.)
  if (
    before &&
    !/^(?:a|an|the|our|your|only|just|from|at|for)$/i.test(before) &&
    before.split(/\s+/).length <= 8 &&
    // ("We take a £250 security deposit": a clause with its subject is prose.)
    !/\b(is|are|costs?|charge[sd]?|pay|we|you)\b/i.test(before)
  )
    return before.replace(/\bfrom$/i, '').trim();
  return undefined;
}

/**
 * Word pairs the caller says one after the other ("power flush"): the first may say which kind
 * of the second is asked.
 */
export const callerPairs = (question: string): [string, string][] => {
  const ws = tokens(question);
  return ws.slice(1).map((w, i) => [ws[i]!, w]);
};

/**
 * The caller asks for a kind of the row's thing that the row is not: "a power flush for my
 * radiators" against "Water heater flush". The caller's word before the row's head is a noun the
 * documents never use, and the row tells its own kind by words the caller does not say; the
 * price of another kind of flush is an invented fact to the caller.
 */
function otherKind(
  book: KnowledgeBook,
  words: Words,
  pairs: readonly [string, string][],
  name: string,
  /** The row's own stems, what it includes left out. */
  own: ReadonlySet<string>,
): boolean {
  const heads = itemHeads(name);
  const marks = [...own].filter((t) => !heads.includes(t) && !/^\d/.test(t));
  if (!marks.length || marks.some((t) => named(words, t) >= 0.8)) return false;
  return pairs.some(([kind, head]) => {
    const h = words.find((q) => q.surface === head);
    const k = words.find((q) => q.surface === kind);
    if (!h || !k || book.has(stem(kind)) || book.notNoun(kind) || book.notNoun(head)) return false;
    if (!heads.some((x) => (h.expansions.get(x) ?? 0) >= 0.8)) return false;
    // A "terrier" is a "dog": a kind the row's words already cover.
    return (
      ![...k.expansions].some(([e, w]) => w >= 0.6 && own.has(e)) && ![...own].some((t) => book.isA(kind, t))
    );
  });
}

const figure = (amount: string): string => (amount.match(hasPrice)?.[0] ?? amount).replace(/\s+/g, '');

const tradeCache = new WeakMap<KnowledgeBook, Set<string>>();

/**
 * The words a business says what it does with where its documents open ("Maths, English and
 * science tuition for ages 7 to 18"), less any priced item's own: "one to one tuition" asks for
 * the "One-to-one sessions" row, tuition being all the business sells.
 */
function tradeStems(book: KnowledgeBook, graph: KnowledgeGraph): Set<string> {
  let out = tradeCache.get(book);
  if (out) return out;
  out = new Set<string>();
  for (const s of book.sentences) if (inOpening(book, s)) for (const t of s.terms) out.add(t);
  for (const i of pricedItems(graph)) for (const t of stems(i.item)) out.delete(t);
  tradeCache.set(book, out);
  return out;
}

/**
 * Whether a price said is the asked item's. For a row of a list: the caller names the item's head
 * ("extraction", "check-up") or most of its name, or everything the caller named is in the
 * item's own name (not only in what it includes or is for: "x-ray" is not the "examination,
 * including x-rays"). For any priced item: no other item's distinguishing words are named more
 * than this one's.
 */
export function priceAgrees(
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
  /** The caller's words in order, as pairs (callerPairs): "power flush" asks no "water heater flush". */
  pairs: readonly [string, string][] = [],
): boolean {
  if (!words.length) return true;
  // Every priced item, named as its row names it when it is a row of a list or table.
  const items = pricedItems(graph).map((i) => {
    const text = book.sentences[i.sentenceId]?.text ?? '';
    const at = text.indexOf(figure(i.amount));
    return { ...i, item: (at >= 0 ? rowItem(text, at) : undefined) ?? i.item };
  });
  const replyFigures = new Set([...reply.matchAll(priceAll())].map((m) => m[0].replace(/\s+/g, '')));
  for (const m of reply.matchAll(priceAll())) {
    const said = m[0].replace(/\s+/g, '');
    for (const s of [...sentences, ...rows.map((text) => ({ id: -1, text }))]) {
      const at = s.text.replace(/\s+(?=\d)/g, ' ').indexOf(m[0]);
      const graphItem = items.find((i) => i.sentenceId === s.id && figure(i.amount) === said)?.item;
      const row = at >= 0 ? rowItem(s.text, at) : undefined;
      const name = row ?? graphItem;
      if (!name) continue;
      if (row) {
        // "Club hire: £2 per club, or £10 for a half set": the case the price is said for is the
        // row's item as much as its label.
        const forCase = forCaseAfter(s.text, at + m[0].length)?.case;
        const own = new Set(stems(`${name.replace(inclusion, '')} ${forCase ?? ''}`));
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
        // The label of the price's own column ("Manual: £355") is what the caller chose with
        // "in a manual".
        const before = s.text.slice(0, at);
        const column = new Set(
          columnLabelStems(
            /^\s*([^:;]{1,40}):[^:;]*$/.exec(before.slice(before.lastIndexOf(';') + 1))?.[1] ?? '',
          ),
        );
        const trade = tradeStems(book, graph);
        const unaccounted = words.some(
          (q) =>
            !particles.has(q.surface) &&
            !inPhrase.has(q.surface) &&
            // "For me and my partner": whose the price is, never the item's name.
            !(pair && partyWords.has(q.surface)) &&
            !(cells && q.surface === action) &&
            // ("How much to get rid of a stump?": the caller's phrase for the doing names no row.)
            !(action && q.surface.startsWith(`${action} `)) &&
            // ("A tree stump" of "Stump grinding": the row's word is defined by the caller's,
            // WordNet's stump being "the base part of a tree ...".)
            ![...own].some((t) => book.defines(q.stem, t) > 0) &&
            // A phrase read whole whose own words the item says ("take in a dress" of "Taking
            // in a dress"): what it means elsewhere is no other item.
            !(q.surface.includes(' ') && termsOf(q.surface).every((t) => own.has(t))) &&
            ![...q.expansions].some(
              ([e, w]) => own.has(e) || (w >= 0.8 && (column.has(e) || !!cells?.has(e) || trade.has(e))),
            ),
        );
        if (!headNamed && unaccounted) return false;
        if (otherKind(book, words, pairs, name, own)) return false;
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
        // "Lockout is £75 (daytime), or £110 (evenings)": the other case of the same item, its
        // price said beside, leaves the caller no wrong figure.
        if (
          itemCore(o.item).toLowerCase() === itemCore(name).toLowerCase() &&
          replyFigures.has(figure(o.amount))
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
export function oneRow(words: Words, sentence: string, keepTime: boolean): string | undefined {
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
export function priceWords(book: KnowledgeBook, question: string): Words {
  const { unitless, tail } = priceAsk(book, question);
  const narrowed = tail ? subjectWords(book, tail).subject : [];
  const words = narrowed.length ? narrowed : subjectWords(book, unitless).subject;
  // "My door won't lock properly": the fault is why the caller rings, not the item's name.
  const fault = faultWords(question);
  // "My laptop has a virus, how much to fix it?": the laptop and the fixing are no item's name.
  for (const w of troubleAside(question).words) fault.add(w);
  // "A basic service" of "Standard service": a mark of the usual item the documents do not use
  // names that usual item (answer-price.ts).
  const named = words.filter((q) => !fault.has(q.surface) && !foreignUsualMarker(book, q, question));
  return named.length ? named : words;
}
