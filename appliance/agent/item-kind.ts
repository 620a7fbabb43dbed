import type { KnowledgeBook } from './book.js';
import { digitize } from './lexicon/numbers.js';
import { stem, stopWords, tokens } from './text.js';

/**
 * Items of one kind in a price list ("Simple extraction $150", "Wisdom tooth surgical extraction
 * $320"; "Routine check-up $60", "Children's check-up $35"): their head nouns, the words that
 * tell them apart, and the usual one a caller means when naming only the kind. A receptionist
 * asked "how much is an extraction?" quotes the simple one; asked "how much is a check-up?",
 * the routine one. When no item of the kind is marked as the usual one, either price may be
 * meant and neither is said.
 */

/** A caller's words as answer-select's subjectWords gives them: stem -> 0..1 by the bridges. */
export interface NamingWord {
  /** The caller's word's own stem (absent: only its bridges are known). */
  stem?: string;
  expansions: ReadonlyMap<string, number>;
}

/**
 * The caller named the kind and nothing more ("how much is a blow-dry?", "what do brake pads
 * cost?"): each of their words is one of the kind's shared words or names one, or marks the usual
 * item. A caller who adds anything ("new discs and pads on the back") asks about something the
 * kind's shared name does not settle.
 */
function namesOnlyKind(words: readonly NamingWord[], common: ReadonlySet<string>): boolean {
  return words.every(
    (w) =>
      (w.stem !== undefined && (common.has(w.stem) || usualMarkers.has(w.stem))) ||
      [...common].some((t) => (w.expansions.get(t) ?? 0) > 0),
  );
}

/** How strongly the caller's words name a document stem (0..1). */
export const named = (words: readonly NamingWord[], t: string): number =>
  words.reduce((m, q) => Math.max(m, q.expansions.get(t) ?? 0), 0);

/** Abbreviations of units as price lists write them ("30 min", "1 hr"). */
const units: Record<string, string> = { min: 'minute', mins: 'minute', hr: 'hour', hrs: 'hour' };

/** Stems of words that name an offer rather than the thing offered. */
const offerWords: ReadonlySet<string> = new Set(
  ['deal', 'offer', 'bundle', 'package', 'special', 'promotion', 'combo'].map(stem),
);

/** "Blow-dry only": words that restrict an item's name without naming anything. */
const restrictive = new Set(['only', 'alone', 'just', 'standalone']);

/** Content stems of a phrase (numbers kept: "30 min" names the 30-minute item). */
export const itemStems = (text: string): string[] =>
  tokens(digitize(text))
    .map((w) => units[w] ?? w)
    .filter((w) => !stopWords.has(w) && !restrictive.has(w) && (w.length >= 2 || /^\d/.test(w)))
    .map(stem);

/**
 * An item's name without the description a colon adds ("Full valet: the mini valet plus
 * shampooed seats ..." is the full valet; what follows says what it includes).
 */
export const namePart = (item: string): string => {
  const m = /^([^:;]{2,40}):\s+(\S.*)$/.exec(item);
  // A few words after the colon are the item itself ("Heel deal: 3 pairs of heels"); a list
  // ("Flyers: 100 copies, single-sided") or a longer text describes it.
  return m && (m[2]!.includes(',') || m[2]!.split(/\s+/).length > MAX_NAMED_AFTER_COLON) ? m[1]! : item;
};
/** Most words after a colon that still name the item rather than describe it. */
const MAX_NAMED_AFTER_COLON = 5;

/** What an item includes, is for or is charged per: not what it is. */
export const inclusion = /,?\s*\b(?:including|incl\.?|includes|with|plus|for|per)\b.*$/i;

/**
 * An item's name without what it includes or is for: "New patient examination, including
 * x-rays" -> "New patient examination"; "Night guard for teeth grinding" -> "Night guard".
 */
export function itemCore(name: string): string {
  return name
    .replace(/\(.*?\)/g, ' ')
    .replace(inclusion, '')
    .split(/,|;|:/)[0]!
    .trim();
}

/**
 * The head nouns of an item's name: the last word of each conjunct when the last conjunct is one
 * word ("cut and blow-dry" -> cut, blow-dry; "brake pads and rotors" -> pad, rotor), else the
 * shared last word ("chain and cassette replacement" -> replacement).
 */
export function itemHeads(name: string): string[] {
  const conjuncts = itemCore(name).split(/\s+(?:and|or|&)\s+|\//i);
  const last = (c: string): string | undefined => {
    const ws = itemStems(c).filter((w) => !/^\d/.test(w));
    // "Shirt deal", "cupcake bundle": an offer's name is headed by what it is an offer of.
    return ws.length > 1 && offerWords.has(ws.at(-1)!) ? ws.at(-2) : ws.at(-1);
  };
  const shared = (conjuncts.at(-1) ?? '').trim().split(/\s+/).length > 1;
  return (shared ? [last(itemCore(name))] : conjuncts.map(last)).filter((h): h is string => !!h);
}

/**
 * Stems of an item's name the caller names only in part of a compound: "tooth" asked, "wisdom
 * tooth" priced (WordNet's compound nouns): a wisdom tooth is not any tooth, so naming "tooth"
 * does not tell that item apart. Not a word the caller says as part of a noun of their own.
 */
export function vagueWords(book: KnowledgeBook, words: readonly NamingWord[], name: string): Set<string> {
  const out = new Set<string>();
  const ws = tokens(name);
  for (let i = 1; i < ws.length; i++) {
    const [a, b] = [ws[i - 1]!, ws[i]!];
    if (!book.compound(a, b)) continue;
    // "Motor boat" asked of "Electric motor boat": the caller's two words are a noun of their own
    // (WordNet's "motorboat"), so "motor" is not the vague half of "electric motor".
    const c = ws[i + 1];
    if (c && named(words, stem(c)) > 0 && (book.compound(b, c) || book.knows(`${b}${c}`))) continue;
    if (named(words, stem(b)) > 0 && named(words, stem(a)) === 0) out.add(stem(b));
  }
  return out;
}

/**
 * Words that mark an item as the usual one of its kind. Only these: "small", "adult" or "single"
 * tell sizes and people apart, and a caller who means one of those says so.
 */
export const usualMarkers: ReadonlySet<string> = new Set(
  [
    'simple',
    'standard',
    'basic',
    'regular',
    'routine',
    'normal',
    'ordinary',
    'plain',
    'general',
    'usual',
    'classic',
  ].map(stem),
);

/**
 * A caller's mark of the usual item the documents do not use ("a basic service" of "Standard
 * service"): it names that usual item, not another one. Not before a price word ("on top of the
 * normal price": the base price, not an item).
 */
export function foreignUsualMarker(
  book: { has(stem: string): boolean },
  q: { surface: string; stem: string },
  question: string,
): boolean {
  return (
    usualMarkers.has(q.stem) &&
    !book.has(q.stem) &&
    !new RegExp(`\\b${q.surface}\\s+(?:price|rate|fee|cost|charge)s?\\b`, 'i').test(question)
  );
}

/** Every word that tells the item apart from the other is a mark of the usual one. */
export function usualAgainst(mine: readonly string[], theirs: ReadonlySet<string>): boolean {
  const own = mine.filter((t) => !theirs.has(t));
  return own.length > 0 && own.every((t) => usualMarkers.has(t));
}

/**
 * The priced items of the kind the caller names when the caller tells none of them apart: items
 * sharing a head the caller names, with at least two different amounts, none of whose
 * distinguishing words (vague compound parts and usual marks aside) the caller names. Undefined
 * when the caller names what tells one apart, or the kind has one price.
 */
function kindAsked<T extends { item: string; amount: string }>(
  book: KnowledgeBook,
  words: readonly NamingWord[],
  items: readonly T[],
): { kind: T[]; stemsOf: Map<T, string[]>; common: Set<string> } | undefined {
  const heads = new Set(items.flatMap((i) => itemHeads(i.item)).filter((h) => named(words, h) > 0));
  if (!heads.size) return undefined;
  const kind = items.filter((i) => itemHeads(i.item).some((h) => heads.has(h)));
  if (new Set(kind.map((i) => i.amount)).size < 2) return undefined;
  const stemsOf = new Map(kind.map((i) => [i, itemStems(itemCore(i.item))]));
  // Words every item of the kind shares say nothing about which one is meant.
  const common = new Set(
    [...stemsOf.values()].reduce<string[]>(
      (acc, s) => acc.filter((t) => s.includes(t)),
      stemsOf.get(kind[0]!)!,
    ),
  );
  for (const i of kind) {
    const vague = vagueWords(book, words, i.item);
    const telling = stemsOf.get(i)!.filter((t) => !common.has(t) && !vague.has(t) && !usualMarkers.has(t));
    if (telling.some((t) => named(words, t) > 0)) return undefined;
  }
  return { kind, stemsOf, common };
}

/**
 * Among priced items, the usual one of the kind the caller names when the caller tells none of
 * them apart, exactly one of them marked as the usual one; undefined otherwise.
 */
export function usualOfKind<T extends { item: string; amount: string }>(
  book: KnowledgeBook,
  words: readonly NamingWord[],
  items: readonly T[],
): T | undefined {
  const k = kindAsked(book, words, items);
  if (!k) return undefined;
  // "A large dog kennel" against standard and deluxe ones: the caller tells the item apart by a
  // word the documents never use, so none of them is surely the one meant.
  if (words.some((w) => w.expansions.size === 0)) return undefined;
  const usual = k.kind.filter((i) => usualAgainst(k.stemsOf.get(i)!, k.common));
  if (usual.length === 1) return usual[0];
  if (!namesOnlyKind(words, k.common)) return undefined;
  // The item that is the kind itself ("Blow-dry only" beside "Women's cut and blow-dry"): what a
  // caller naming just the kind asks for (one name, perhaps several prices: the best scored).
  const bare = k.kind.filter((i) => k.stemsOf.get(i)!.every((t) => k.common.has(t) || usualMarkers.has(t)));
  return new Set(bare.map((i) => itemCore(i.item).toLowerCase())).size === 1 ? bare[0] : undefined;
}

/** Most options a clarifying question names: more is a list to read out, not a question. */
export const MAX_OPTIONS = 4;

/**
 * The items a receptionist would ask the caller to choose between ("front or rear brake pads?"):
 * the kind the caller names, when no item of it is the usual one, by their names as the price
 * list writes them (without what they include); undefined when the kind is not asked, the caller
 * said more than the kind, or it has more than four items.
 */
export function kindOptions<T extends { item: string; amount: string }>(
  book: KnowledgeBook,
  words: readonly NamingWord[],
  items: readonly T[],
): string[] | undefined {
  const k = kindAsked(book, words, items);
  if (!k || !namesOnlyKind(words, k.common)) return undefined;
  // Items whose cores are one ("Emergency lock-out, daytime" and "..., evenings and weekends")
  // are told apart by what follows the core.
  const cores = k.kind.map((i) => itemCore(i.item).trim());
  const prices = new Set(k.kind.map((i) => i.amount)).size;
  const names = [
    ...new Set(
      new Set(cores).size < prices ? k.kind.map((i) => i.item.replace(/\s*\([^)]*\)/g, '').trim()) : cores,
    ),
  ];
  return names.length >= 2 && names.length <= MAX_OPTIONS ? names : undefined;
}

const ordinals: Record<string, (n: number) => number> = {
  first: () => 0,
  former: () => 0,
  second: () => 1,
  third: () => 2,
  fourth: () => 3,
  last: (n) => n - 1,
  latter: (n) => n - 1,
};

/**
 * Which of the offered options the caller's answer picks ("the front ones", "rear", "the
 * second one"): the one whose telling words (those the options do not share) the answer names
 * and no other's; or an ordinal. Undefined when it picks none or several.
 */
export function chooseOption(options: readonly string[], answer: string): string | undefined {
  const said = new Set(tokens(digitize(answer)).map(stem));
  const stemsOf = options.map((o) => itemStems(o));
  const common = new Set(
    stemsOf.reduce<string[]>((acc, s) => acc.filter((t) => s.includes(t)), stemsOf[0] ?? []),
  );
  const picked = options.filter((_, i) => stemsOf[i]!.some((t) => !common.has(t) && said.has(t)));
  if (picked.length === 1) return picked[0];
  if (picked.length > 1) return undefined;
  for (const w of tokens(answer)) {
    const at = ordinals[w];
    if (at) return options[at(options.length)];
  }
  return undefined;
}
