import { termsOf, type BookSentence, type KnowledgeBook } from './book.js';
import { priceRe, type KnowledgeGraph } from './graph/extract.js';
import { numberedTerms } from './numbered.js';
import { rowFields } from './price-column.js';
import { namePart, usualMarkers } from './item-kind.js';
import { digitize } from './lexicon/numbers.js';
import { daysIn } from './days.js';
import { durationFigures } from './durations.js';
import { contentTokens, stem, stopWords, tokens, weekdayName, type Weekday } from './text.js';

/**
 * Graded matching of the item a caller asks the price of against every priced item of the
 * business's graph ("chip put in my puppy" against "Microchipping", "AC checked" against "Air
 * conditioning tune-up"). Each asked word meets each word of an item's name, and of the
 * sentence, row or heading that states it (its context, weighed less), through the book's
 * bridges (same stem, affixes, WordNet relations and definitions) and, here only, two looser
 * ones: the caller word's own definition naming the item's word ("normal: ... a standard") and
 * both words being kinds of the same thing ("claw" and "nail"). Abbreviations spell an item's
 * words ("AC" = "air conditioning"). The best item is said only when it passes an absolute
 * floor and clearly beats the runner-up with another price; otherwise the caller is told
 * honestly that the price is not in the data: another item's figure is never said.
 */

/** A caller's word as the matching weighs it (see answer-select's subjectWords). */
export interface AskedWord {
  surface: string;
  stem: string;
  expansions: Map<string, number>;
  idf: number;
}

export interface PricedMatch {
  item: string;
  amount: string;
  sentenceId: number;
  /** 0..1: max(forward, mean of forward and reverse). */
  score: number;
  /** Share of the asked words' weight the item's name and context account for. */
  forward: number;
  /** Share of the item's name the asked words account for. */
  reverse: number;
  /** A non-noun word of the item's name ("missed", "late") is not asked for. */
  unaskedQualifier: boolean;
  /** A word of the item's name used mainly as an adjective ("electric", "deep") is not asked for. */
  unaskedModifier: boolean;
  /**
   * Share of the asked words' weight in nouns the documents lack that the item does not match:
   * something named that the data may not have ("dog walking" against "dog grooming"; a
   * modifier such as "little" names nothing).
   */
  unknown: number;
}

/**
 * The unit the caller asks the price in ("each hour", "per night", "hourly"): an item priced
 * in it fits (+UNIT_FIT), one priced in another unit or none fits less (-UNIT_FIT/2).
 */
const UNIT_FIT = 0.15;
export function askedUnit(text: string): string | undefined {
  const t = text.toLowerCase();
  const per =
    /\b(?:(?:per|each|every|by the)\s+|(?<!\b(?:for|in|once|twice|times|within|than) )an?\s+(?=(?:hour|night|week|month)\b))(hour|night|day|week|month|person|head|guest|mile|visit|session|class)\b/.exec(
      t,
    );
  if (per?.[1]) return per[1] === 'head' ? 'person' : per[1];
  const ly = /\b(hourly|nightly|daily|weekly|monthly)\b/.exec(t)?.[1];
  return ly
    ? { hourly: 'hour', nightly: 'night', daily: 'day', weekly: 'week', monthly: 'month' }[ly]
    : undefined;
}
export function unitFit(unit: string, amount: string, sentence: string): number {
  const re = new RegExp(`\\b(?:per|an?|each|every|by the)\\s+${unit}\\b`, 'i');
  if (re.test(amount)) return UNIT_FIT;
  if (re.test(sentence)) return UNIT_FIT / 2;
  return /\bper\s+\w+/i.test(amount) ? -UNIT_FIT / 2 : -UNIT_FIT / 3;
}

/** Score at or above which an item is the asked one whatever the runner-up (the old all-or-nothing floor). */
export const SURE_ITEM = 0.6;
/** Least share of the item's name a sure match names, unless the question is all the item's. */
export const SURE_REVERSE = 0.35;
/** Reverse coverage of an item the caller's words name whole ("standard service" of "a bike service"). */
const PLAIN_REVERSE = 0.99;
/** Least score for an item that clearly beats the runner-up. */
export const MIN_ITEM = 0.4;
/** How far the best item must be ahead of the best item with another price. */
export const ITEM_MARGIN = 0.15;
/** Most share of unknown asked words (PricedMatch.unknown) below SURE_ITEM. */
const MAX_UNKNOWN = 0.45;
/** Least share of the item's own name the caller must account for below SURE_ITEM. */
const MIN_REVERSE = 0.4;
/** A word of the item's sentence or heading, not its name, counts this much. */
const CONTEXT = 0.75;
/** The caller word's definition uses the item word ("normal" -> "standard"). */
const GLOSS_BACK = 0.45;
/** Both words are kinds of the same thing, one step up ("claw"/"nail", "clip"/"trim"). */
const SIBLING = 0.5;
/** ... two steps up on one side ("appointment"/"consultation" as meetings). */
const COUSIN = 0.35;
/** An abbreviation spelling the initials of consecutive name words ("AC", "HVAC"). */
const INITIALS = 0.9;
/**
 * Words in a clause that gives the purpose or circumstance ("... so he can be found if he gets
 * lost", "before the summer", "after my marathon") and particles of phrasal verbs ("check up",
 * "put down") say less about which item is meant.
 */
const ASIDE = 0.3;
const subordinators = /\b(?:so|so that|if|because|before|after|when|while|since|in case|once|as soon as)\b/i;
export const particles: ReadonlySet<string> = new Set(['up', 'down', 'out', 'off', 'over', 'away', 'back']);

/**
 * The stems of a name's content words. Numbers are matched apart, as the caller's numbers are;
 * a parenthesis qualifies the item rather than names it ("Extended follow-up (45 min)", "Dog
 * neuter (dogs under 20 kg)"): it counts as the item's context.
 */
export function nameStems(name: string): string[] {
  const out: string[] = [];
  // "Full valet: the mini valet plus shampooed seats ...": the name is before the colon, what
  // follows describes it (the sentence's terms, which count as the item's context).
  const bare = digitize(withoutCircumstance(namePart(name)).replace(/\([^)]*\)/g, ' '));
  for (const w of tokens(bare)) if (!stopWords.has(w) && w.length >= 2 && !/^\d/.test(w)) out.push(stem(w));
  // "Group lesson, Stages 1 to 4": which stages it is for is part of its name (stag1 ... stag4).
  out.push(...numberedTerms(bare));
  return [...new Set(out)];
}

/**
 * An item's name without a trailing clause of when or why ("Bath and brush before going home",
 * "Nail trim while you wait"): the clause says when the service is done, not what it is, so its
 * words are the item's context (the sentence's terms), not words of its name a caller must say.
 * A clause at the start is the item itself ("After-school club").
 */
export function withoutCircumstance(name: string): string {
  const m = circumstance.exec(name);
  return m && m.index > 0 ? name.slice(0, m.index) : name;
}
const circumstance =
  /\s(?:before|after|while|when|once|until|so that|in case)\s+(?:\w+ing|you|your|we|they|it|the|a|an)\b/i;

/** Words that only ask the price ("how much would it be", "what do you charge"): they name nothing. */
const cueOnly = (text: string): boolean =>
  contentTokens(text).every((w) => /^(?:much|pric|cost|charg|fee|pay|roughly|about)/.test(w));

/**
 * The asked words reweighed for naming an item: those of a trailing purpose or circumstance
 * clause and particles count ASIDE of their weight. `itemText` is what the caller said after
 * the price cue ("a chip put in my puppy so he can be found").
 */
export function reweigh(book: KnowledgeBook, words: readonly AskedWord[], itemText: string): AskedWord[] {
  const m = subordinators.exec(itemText);
  // A clause at the very start is the item itself ("after-hours call-out"), and so is one after
  // nothing but the price cue ("how much is it if I'm locked out on a Sunday?").
  const aside = new Set(m && !cueOnly(itemText.slice(0, m.index)) ? tokens(itemText.slice(m.index)) : []);
  for (const w of faultWords(itemText)) aside.add(w);
  const trouble = troubleAside(itemText);
  for (const w of trouble.words) aside.add(w);

  return words.map((q) => {
    // "Fix it" of a trouble names the item by the remedy's noun ("Virus removal").
    if (q.surface === trouble.remedy)
      return {
        ...q,
        idf: q.idf * ASIDE,
        expansions: new Map([...q.expansions, ...remedyNouns.map((n) => [stem(n), REMEDY] as const)]),
      };
    if (aside.has(q.surface) || particles.has(q.surface)) return { ...q, idf: q.idf * ASIDE };
    // A service is often named by its verb ("my cat spayed", "teeth bleached"): a word the
    // documents lack and nothing bridges to them weighs fully here, whatever its part of
    // speech, so that an item sharing the caller's other words is not taken for it.
    if (!book.has(q.stem) && q.expansions.size === 0 && !/^\d/.test(q.stem))
      return { ...q, idf: Math.max(q.idf, book.idf(q.stem)) };
    return q;
  });
}

/**
 * "Get/have <thing> made/done/sorted" closing a clause ("get a spare key made"): the participle is
 * the doing, which says nothing of which thing ("made" is no car "make"). Only these empty ones:
 * "have my cat fixed" or "get my suit cleaned" name the service. Group 1: the participle.
 */
export const haveItDone =
  /\b(?:get|gets|getting|got|have|has|having)\s+(?:(?:a|an|the|my|our|his|her|their|some|this|these|those|it|them)\s+)?(?:[\w'-]+\s+){0,3}?(made|done|redone|sorted)\b(?=\s*(?:[?.!,;]|$|\b(?:for|by|before|after|today|tomorrow|please)\b))/i;

/**
 * "My laptop has a virus, how much to fix it?", "my dog's got fleas, how much to treat them?": the
 * caller's own thing that has a trouble is whose the work is, and "fix it" is the trouble's
 * remedy; the trouble ("virus") names the item ("Virus and malware removal"), neither the thing
 * nor the verb does. The thing's words and the remedy verb; empty where no trouble is named.
 */
export function troubleAside(text: string): { words: Set<string>; remedy?: string } {
  const m = troubledThing.exec(text.replace(/[’‘]/g, "'"));
  // "My iPhone has stopped working" is a fault (faultWords), not a thing it has.
  if (!m || (!m[2] && verbAfterHas.test(m[3]!))) return { words: new Set() };
  const thing = new Set(tokens(m[1]!));
  if (!tokens(m[3]!).some((w) => !thing.has(w) && !stopWords.has(w))) return { words: new Set() };
  const remedy = remedyOfIt.exec(text)?.[1]?.toLowerCase();
  // "A broken screen": the state of the part is the trouble, the part names the item.
  const state = tokens(m[3]!).filter((w) => damaged.test(w));
  return {
    words: new Set([...thing, ...state, ...(remedy ? [remedy] : [])]),
    ...(remedy ? { remedy } : {}),
  };
}
/** "My laptop has a virus", "my dog's got fleas": group 1 the thing, 2 an article, 3 the trouble. */
const troubledThing =
  /\bmy\s+((?:[\w-]+\s+)?[\w-]+?)(?:'s|\s+has|\s+have)(?:\s+got)?\s+(a\s+|an\s+|some\s+)?([\w-]+(?:\s+[\w-]+)?)/i;
/** A verb after "has" ("has stopped", "has been", "has never"): a perfect tense, no possession. */
const verbAfterHas =
  /^(?:\w+(?:ed|en)|been|gone|done|had|come|become|run|kept|never|not|just|also|always|no)\b/i;
/** A part's state that is the trouble ("a cracked screen", "a flat tyre"), not its name. */
const damaged =
  /^(?:broken|cracked|smashed|damaged|faulty|dead|bust|busted|shattered|snapped|split|torn|leaky|loose|stuck|flat|worn|blocked|bent|chipped|jammed)$/;
/** "How much to fix it?": a remedy verb whose object is the trouble named before. */
const remedyOfIt = /\bto (fix|repair|sort|mend|treat|cure) (?:it|them|that|this)\b/i;
/** What an item's name calls the remedy of a trouble ("Virus removal", "Flea treatment"). */
const remedyNouns = ['removal', 'repair', 'treatment', 'fix', 'cure', 'replacement'];
/** Weight of a remedy noun for the caller's remedy verb (about a synonym's, as itemWord keeps). */
const REMEDY = 0.7;

/**
 * The words of a fault the caller describes ("my door won't lock properly", "it keeps leaking",
 * "the boiler doesn't turn on"): what goes wrong, said as a verb after a negation or "keeps".
 * They say why the caller rings, not which priced item they want (the door's repair, not a lock);
 * the item is named by the thing ("door") or the service.
 */
export function faultWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .matchAll(
      /\b(?:won't|wont|will not|doesn't|doesnt|does not|don't|dont|do not|isn't|is not|aren't|are not|can't|cant|cannot|keeps?|stopped)\s+(?:be\s+)?([a-z]+)(?:\s+(on|off|up|out|in|shut|open|properly|right|anymore|at all|working))?/g,
    ))
    for (const w of [m[1], m[2]]) if (w) out.add(w);
  return out;
}

/**
 * A hyphenated compound the caller says as one word where WordNet knows it so ("rub-down" ->
 * "rubdown"): the whole has a meaning its parts lack (a massage). Not when the documents use
 * both parts themselves ("follow-up" where the price list says "Follow-up treatment").
 */
export function joinCompounds(book: KnowledgeBook, text: string): string {
  return text.replace(/\b([a-z]+)-([a-z]+)\b/gi, (m, a: string, b: string) =>
    (!book.has(stem(a.toLowerCase())) || !book.has(stem(b.toLowerCase()))) && book.knowsWord(`${a}${b}`)
      ? `${a}${b}`
      : m,
  );
}

/** The looser links of book.near() with this module's weights. */
export function near(book: KnowledgeBook, callerWord: string, docStem: string): number {
  return book.near(callerWord, docStem, { gloss: GLOSS_BACK, sibling: SIBLING, cousin: COUSIN });
}

/** How well one asked word names one stem of an item, 0..1. */
function wordMatch(
  book: KnowledgeBook,
  q: AskedWord,
  t: string,
  initials: Map<string, number>,
  namedByOther: boolean,
): number {
  let m = q.expansions.get(t) ?? 0;
  if (m < 1) m = Math.max(m, initials.get(`${q.surface}|${t}`) ?? 0);
  // A loose link to a word another asked word names outright counts nothing: "fringe trim" is
  // not "beard trim" because "fringe" is a kind of trimming.
  if (namedByOther) return m;
  // Only for a word the documents lack: one they use means itself ("neuter" is not "spay").
  if (m < SIBLING && !book.has(q.stem)) m = Math.max(m, near(book, q.surface, t));
  // An item word defined by the caller's word ("alignment" ... "in a straight line" for "lined
  // up"), even one the documents use elsewhere: a service is often asked for by what it does.
  else if (m < GLOSS_BACK) m = Math.max(m, book.defines(q.stem, t) > 0 ? GLOSS_BACK : 0);
  return m;
}

/** "AC" -> air, conditioning when the name has "air conditioning" (2 to 4 letters, consecutive words). */
function abbreviations(words: readonly AskedWord[], name: string): Map<string, number> {
  const out = new Map<string, number>();
  const nameWords = tokens(name).filter((w) => /^[a-z]+$/.test(w));
  for (const q of words) {
    if (!/^[a-z]{2,4}$/.test(q.surface) || stopWords.has(q.surface)) continue;
    for (let i = 0; i + q.surface.length <= nameWords.length; i++) {
      const span = nameWords.slice(i, i + q.surface.length);
      if (span.map((w) => w[0]).join('') === q.surface)
        for (const w of span) out.set(`${q.surface}|${stem(w)}`, INITIALS);
    }
  }
  return out;
}

/** Every priced item of the graph scored against the asked words, best first. */
export function scorePricedItems(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  words: readonly AskedWord[],
  opts: {
    /** Numbers the caller gave ("a 30 minute massage"): an item stating others is not it. */
    askedNumbers: readonly string[];
    /** The stems of the words each of those numbers counts ("12" -> solar, panel). */
    counted?: ReadonlyMap<string, ReadonlySet<string>>;
    /** The caller gave a unit ("per hour", "hourly"): an item priced per unit fits better. */
    perUnit: boolean;
    /** That unit when named ("hour"): an item priced in it fits best (askedUnit). */
    unit?: string | undefined;
    /** The item differs from the asked one (answer-select's contradicts). */
    contradicts: (item: string, s: BookSentence) => boolean;
  },
): PricedMatch[] {
  const out: PricedMatch[] = [];
  for (const r of graph.relations) {
    if (r.relation !== 'costs') continue;
    const s = book.sentences[r.sentenceId];
    if (!s) continue;
    const item = r.from.replace(/^service:/, '');
    const amount = r.to.replace(/^price:/, '');
    // The sentence's own figures too ("5 shirts for £11.50"): single digits are no index terms.
    // A length in the other unit too: "60 minutes" states the "1" of "a one-hour massage".
    // (Not its prices: "50 balls" is no "£50".)
    const plain = new Set(tokens(digitize(`${item} ${s.text}`.replace(priceAll, ' '))).map(stem));
    const said = new Set([
      ...plain,
      ...[...s.terms].filter((t) => !/^\d/.test(t) || plain.has(t)),
      ...durationFigures(s.text),
    ]);
    // "Twelve solar panels" of "£4 per panel": a count of the unit priced, not a figure of the item.
    const unitNoun = /\bper ([a-z]{3,})/i.exec(amount)?.[1] ?? /\bper ([a-z]{3,})/i.exec(s.text)?.[1];
    // "12 roses" of "Single roses are £4.50 each": a count of the item priced each.
    const name = nameStems(item);
    const nameSet = new Set(name);
    const each = /\beach$/i.test(amount);
    const quantity = (n: string): boolean =>
      (unitNoun !== undefined && (opts.counted?.get(n)?.has(stem(unitNoun.toLowerCase())) ?? false)) ||
      (each && [...(opts.counted?.get(n) ?? [])].some((t) => nameSet.has(t)));
    if (opts.askedNumbers.some((n) => !said.has(n) && !quantity(n))) continue;
    if (opts.contradicts(item, s)) continue;
    // A table row's column labels ("Small car: £75; Family car: £85") say which figure, not
    // what the item is: they are no context of it.
    const labels = columnLabelTerms(s.text);
    // The label of a row's first column says what kind of thing the item is ("Lesson: Piano" is a
    // piano lesson): "how much is a lesson?" names every row as fully as "Violin lessons £20".
    const kind = rowKindTerms(s.text).filter((t) => !nameSet.has(t));
    // "A Tuesday" of the row "Monday to Thursday": a day inside the item's day range names it.
    const itemDays = daysIn(item);
    const context = new Set([...s.terms, ...s.headingTerms].filter((t) => !nameSet.has(t) && !labels.has(t)));
    const initials = abbreviations(words, item);
    const itemNumbers = nameFigures(item);
    // Forward: each asked word by its best item word (name 1, context CONTEXT).
    let got = 0;
    let total = 0;
    let unknown = 0;
    const best = new Map<string, number>();
    for (const q of words) {
      total += q.idf;
      let m = 0;
      for (const t of name) {
        const namedByOther = words.some((o) => o !== q && (o.expansions.get(t) ?? 0) >= 0.8);
        const w = wordMatch(book, q, t, initials, namedByOther);
        best.set(t, Math.max(best.get(t) ?? 0, w));
        m = Math.max(m, w);
      }
      for (const t of kind) m = Math.max(m, q.expansions.get(t) ?? 0);
      // "Ten Pilates classes" of "$25 per class, or $220 for a pass of 10 classes": a number of
      // the item's own name names it (one only in its sentence is context).
      if (itemNumbers.has(q.stem)) m = 1;
      if (itemDays.size > 1 && [...daysIn(q.surface)].some((d) => itemDays.has(d))) m = 1;
      if (m < CONTEXT)
        for (const t of context) {
          const w = q.expansions.get(t) ?? 0;
          if (w * CONTEXT > m) m = w * CONTEXT;
        }
      got += q.idf * m;
      if (m === 0 && !book.has(q.stem) && !book.notNoun(q.surface)) unknown += q.idf;
    }
    const forward = total > 0 ? got / total : 0;
    // Reverse: each name word by the asked word that names it best.
    let rGot = 0;
    let rTotal = 0;
    // "Standard", "routine": marks of the usual item of a kind, not part of what it is.
    for (const t of name) {
      if (usualMarkers.has(t) && name.length > 1) continue;
      const idf = book.idf(t);
      rTotal += idf;
      rGot += idf * (best.get(t) ?? 0);
    }
    const reverse = rTotal > 0 ? rGot / rTotal : 0;
    let score = Math.max(forward, (forward + reverse) / 2);
    // Of a sentence's figures, the one the caller's numbers are of: its item's name states them
    // ("a one-hour lesson" of "30-minute lessons for £30 and 1-hour lessons for £55"), or, for a
    // name with no figure, its own stretch does ("the motor boat for three hours" of "£45 per
    // hour, £120 for three hours").
    if (opts.askedNumbers.length) {
      const own = itemNumbers.size ? itemNumbers : new Set(tokens(digitize(priceStretch(s.text, amount))));
      if (opts.askedNumbers.every((n) => own.has(n))) score += 0.05;
    }
    if (opts.unit) score += unitFit(opts.unit, amount, s.text);
    else if (opts.perUnit && /\bper\b/.test(amount)) score += 0.05;
    // A qualifier of the item's name the caller did not ask for ("missed" appointments,
    // "extended" follow-up) makes it another item unless the match is sure.
    const unasked = tokens(withoutCircumstance(item).replace(/\([^)]*\)/g, ' ')).filter(
      (w) =>
        !stopWords.has(w) && w.length > 2 && !usualMarkers.has(stem(w)) && (best.get(stem(w)) ?? 0) < 0.5,
    );
    const unaskedQualifier = unasked.some((w) => book.notNoun(w));
    const unaskedModifier = unasked.some((w) => book.mainlyAdjective(w));
    out.push({
      item,
      amount,
      sentenceId: r.sentenceId,
      score,
      forward,
      reverse,
      unaskedQualifier,
      unaskedModifier,
      unknown: total > 0 ? unknown / total : 0,
    });
  }
  // Equal scores: the item whose own name is better named ("blow-dry only" before "women's
  // cut and blow-dry" for "a blow-dry").
  return out.sort((a, b) => b.score - a.score || b.reverse - a.reverse || a.sentenceId - b.sentenceId);
}

/**
 * The asked item among scored ones, or undefined: sure above SURE_ITEM; else above MIN_ITEM,
 * naming a good part of the item (MIN_REVERSE) and every qualifier of its name, with little
 * asked that the documents do not know (MAX_UNKNOWN), ITEM_MARGIN ahead of the best item with a
 * different price (the same figure found twice is one answer).
 */
export function pickItem(scored: readonly PricedMatch[]): PricedMatch | undefined {
  const top = scored[0];
  if (!top) return undefined;
  // Sure: most of what was asked is the item's, and the item is named at least in part
  // ("teeth cleaned" is not "night guard for teeth grinding", though "teeth" is all it shares;
  // "pull a tooth" is not surely "wisdom tooth surgical extraction").
  // The row's other columns are the same item's prices (price-column.ts picks among them).
  const runnerUp = scored.find(
    (x) => x.amount !== top.amount && (x.item !== top.item || x.sentenceId !== top.sentenceId),
  );
  // Not sure when the item's name says a kind the caller did not ("how much is a bike service?"
  // of a bike shop's "E-bike service" and "Standard service") and another item is all the caller
  // named (but for a mark of the usual one): that plain item is as likely the one meant.
  const otherKind =
    top.unaskedModifier &&
    runnerUp !== undefined &&
    runnerUp.score >= MIN_ITEM &&
    runnerUp.reverse >= PLAIN_REVERSE;
  if (top.score >= SURE_ITEM && (top.reverse >= SURE_REVERSE || top.forward >= 0.9) && !otherKind) return top;
  // "How much for 100 balls?" of "Large bucket (100 balls): £8.50": the only item the words
  // reach, by every one of them (here in its brackets), though its name itself is not said.
  if (!runnerUp && top.score >= SURE_ITEM && top.forward >= 0.8 && top.unknown === 0) return top;
  if (
    top.score >= MIN_ITEM &&
    top.reverse >= MIN_REVERSE &&
    !top.unaskedQualifier &&
    !otherKind &&
    top.unknown < MAX_UNKNOWN &&
    top.score - (runnerUp?.score ?? 0) >= ITEM_MARGIN
  )
    return top;
  return undefined;
}

/**
 * The item differs from the asked one: part of its name is not asked about while the caller
 * names something else the documents know ("neuter a cat" against "dog neuter": the page
 * prices dogs and cats apart, so the dog's price is not the cat's).
 */
export function contradicts(
  book: KnowledgeBook,
  words: readonly AskedWord[],
  item: string,
  s: BookSentence,
  /** Graded item matching (item-match.ts): kinds and parts of speech decide, see below. */
  graded = false,
): boolean {
  const names = new Set(nameStems(item));
  // Only close bridges count as asking for a name word: a definition or a kind-of-a-kind link
  // ("male" -> "dog") does not ask for the dog. Graded, a word the documents lack that is of
  // one kind with the name word ("claw" for "nail") asks for it too.
  const covered = (t: string): boolean =>
    words.some(
      (q) =>
        (q.expansions.get(t) ?? 0) > 0.5 || (graded && !book.has(q.stem) && near(book, q.surface, t) >= 0.5),
    );
  const unasked = [...names].filter((t) => !covered(t));
  if (!unasked.length) return false;
  // ("Monday to Thursday" says Wednesday too.)
  const said = new Set([
    ...names,
    ...s.terms,
    ...s.headingTerms,
    ...[...daysIn(item)].map((d) => stem(weekdayName(d as Weekday).toLowerCase())),
  ]);
  // Graded, a caller word tells this item apart only when a word of its name the caller left
  // out is of its kind: "cat" against "dog neuter", not "tooth" against "simple extraction",
  // nor "appointment" against "standard consultation" (the caller's wording, not another
  // item). A particle ("up" of "check-up") tells nothing apart.
  const distinguishes = (q: AskedWord): boolean =>
    !graded || (!particles.has(q.surface) && unasked.some((t) => book.sameKind(q.surface, t)));
  return words.some(
    (q) =>
      book.has(q.stem) &&
      !/^\d/.test(q.stem) &&
      distinguishes(q) &&
      ![...q.expansions.keys()].some((e) => said.has(e)),
  );
}

/**
 * Share of an item's name (IDF-weighted content words) that the caller's words cover, through
 * the same bridges as the forward direction. 0 when the name has no content word.
 */
export function reverseCoverage(book: KnowledgeBook, words: readonly AskedWord[], item: string): number {
  let got = 0;
  let total = 0;
  for (const w of new Set(tokens(digitize(item)))) {
    if (stopWords.has(w) || w.length < 2 || /^\d/.test(w)) continue;
    const t = stem(w);
    const idf = book.idf(t);
    total += idf;
    got += idf * words.reduce((m, q) => Math.max(m, q.expansions.get(t) ?? 0), 0);
  }
  return total > 0 ? got / total : 0;
}

/**
 * Terms only the labels of a table row's later fields use ("Small car", "Family car" of
 * "Package: Full valet; Small car: £95; Family car: £110"); none for a sentence that is no row.
 */
/** Terms of a table row's first column label ("Lesson" of "Lesson: Piano; 30 minutes: £18"). */
function rowKindTerms(text: string): string[] {
  const fields = rowFields(text);
  return fields ? termsOf(fields[0]!.label) : [];
}

function columnLabelTerms(text: string): Set<string> {
  const fields = rowFields(text);
  if (!fields) return new Set();
  // Terms the row's values or its first label also use stay context.
  const kept = new Set([...fields.flatMap((f) => termsOf(f.value)), ...termsOf(fields[0]!.label)]);
  return new Set(
    fields
      .slice(1)
      .flatMap((f) => termsOf(f.label))
      .filter((t) => !kept.has(t)),
  );
}

/** Every price of a text (replace, matchAll). */
const priceAll = new RegExp(priceRe.source, 'gi');

/** The figures of an item's name ("1-hour lessons": 1), which a caller's numbers may name. */
export function nameFigures(name: string): Set<string> {
  return new Set(tokens(digitize(name)).filter((w) => /^\d/.test(w)));
}

/** The text about one figure of a sentence: from the figure before it to the figure after it. */
function priceStretch(text: string, amount: string): string {
  const figure = /[$€£]\s?[\d,.]+/.exec(amount)?.[0].replace(/\s/g, '');
  const found = [...text.matchAll(priceAll)];
  const k = found.findIndex((m) => figure !== undefined && m[0].replace(/\s/g, '').startsWith(figure));
  if (k < 0) return text;
  const prev = found[k - 1];
  const next = found[k + 1];
  return text.slice(prev ? (prev.index ?? 0) + prev[0].length : 0, next ? next.index : text.length);
}
