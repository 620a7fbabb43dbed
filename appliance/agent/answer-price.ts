/**
 * A price question's answer: the asked item's own price from the knowledge graph (graded item
 * matching, item-match.ts; the season the caller names, price-condition.ts; the usual item of a
 * kind, item-kind.ts), a share of a price or a thing that costs nothing, or what was asked when
 * none of these is in the documents, with the items to offer when several fit alike. Another
 * item's figure is never said.
 */
import { impliedWords } from './implied-words.js';
import { hasShare } from './price-check.js';
import {
  labelledRow,
  priceClause,
  priceLabel,
  priceSpeech,
  recordSpeech,
  tableRowSpeech,
} from './answer-speech.js';
import { termsOf, type BookSentence, type KnowledgeBook } from './book.js';
import { coverage, type QueryWord } from './coverage.js';
import { hasPriceRe, pricedItems, type KnowledgeGraph } from './graph/extract.js';
import { caseRow, toldApart } from './price-case.js';
import { groupRow, whoseWords } from './price-whose.js';
import {
  itemCore,
  itemStems,
  kindOptions,
  MAX_OPTIONS,
  named,
  foreignUsualMarker,
  usualOfKind,
} from './item-kind.js';
import {
  askedUnit,
  unitFit,
  contradicts,
  ITEM_MARGIN,
  MIN_ITEM,
  nameFigures,
  SURE_ITEM,
  pickItem,
  reweigh,
  scorePricedItems,
  SURE_REVERSE,
} from './item-match.js';
import { monthsIn, whenWords } from './months.js';
import {
  amountValue,
  conditionOf,
  holdsWhen,
  nameSize,
  seasonSpeech,
  sizeSuperlative,
  superlative,
} from './price-condition.js';
import { agesIn, isAgeWord, withoutAge } from './price-age.js';
import { pairPrice, partySizeIn, partyWords } from './price-party.js';
import { columnChoice, priceColumnStems, rowFields, rowHasColumns } from './price-column.js';
import {
  askedNumbers,
  countedWords,
  itemWord,
  priceAsk,
  priceVerb,
  subjectWords,
} from './question-subject.js';
import { digitize } from './lexicon/numbers.js';
import { stem, tokens } from './text.js';

export type PriceResult =
  | { kind: 'answer'; sentences: string[]; score: number; source: string }
  /** Not in the documents: the words asked (narrowed to the item), and the items to offer. */
  | { kind: 'missing'; asked: QueryWord[]; options?: string[] };

const partyStems: ReadonlySet<string> = new Set([...partyWords].map(stem));
/** Words of "what's your hourly rate?" that say the unit and that a rate is asked, not an item. */
const rateWords =
  /^(?:hourly|nightly|daily|weekly|monthly|hours?|nights?|days?|weeks?|months?|rates?|charges?|prices?|costs?|fees?|standard|usual|normal|going|per|each|every)$/;

/**
 * "What's your hourly rate?", "what do you charge an hour?": no item named, only the unit; the
 * one price the documents give per that unit is it (undefined when none, or several differ).
 */
export function unitRate(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  text: string,
): Extract<PriceResult, { kind: 'answer' }> | undefined {
  // "We've got a motorhome, how much a night?": a thing the documents do not know was named
  // (the fire pit's "£5 a night" is not its price).
  if (subjectWords(book, text).all.some((q) => q.expansions.size === 0 && !rateWords.test(q.surface)))
    return undefined;
  const unit = askedUnit(text);
  const per = unit && new RegExp(`\\b(?:per|an?|each|every)\\s+${unit}\\b`, 'i');
  let priced = per && unit ? pricedItems(graph).filter((i) => pricedInUnit(book, i, unit, per)) : [];
  // "How much for an hour?", "for two hours?", "per hour?" of "A 1-hour party is £150": no price
  // per hour, but one item whose name is that length.
  const length = /\bfor (an?|\d+) (hour|day|night|week|session|lesson|class)s?\b/.exec(
    digitize(text).toLowerCase(),
  );
  if (!priced.length && (length || unit)) {
    const n = length && /^\d/.test(length[1]!) ? length[1]! : '1';
    const named = new RegExp(`\\b${n}[- ]${length?.[2] ?? unit}s?\\b`, 'i');
    priced = pricedItems(graph).filter((i) => named.test(digitize(i.item)));
  }
  const first = priced[0];
  const s = first && book.sentences[first.sentenceId];
  if (!s || !priced.every((i) => i.amount === first.amount)) return undefined;
  return {
    kind: 'answer',
    sentences: [itemSpeech(s, first)],
    score: 0.8,
    source: `book:${s.id}`,
  };
}

/**
 * An item priced in the unit: its amount says so ("£5 a night"), or its row's column does
 * ("Pitch: Tent pitch; Per night: £22"); not another price of the sentence ("£110 per hour, or
 * £650 for a full day").
 */
function pricedInUnit(
  book: KnowledgeBook,
  i: { amount: string; sentenceId: number },
  unit: string,
  per: RegExp,
): boolean {
  if (per.test(i.amount)) return true;
  const figure = i.amount.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\bper\\s+${unit}\\s*:\\s*${figure}`, 'i').test(
    book.sentences[i.sentenceId]?.text ?? '',
  );
}

/**
 * "How much a night?" of a campsite whose pitches are priced by the night: the items priced in
 * the asked unit, by name, for the caller to choose from (unitRate found no one price).
 */
export function unitOptions(graph: KnowledgeGraph, book: KnowledgeBook, text: string): string[] {
  const unit = askedUnit(text);
  if (!unit) return [];
  const per = new RegExp(`\\b(?:per|an?|each|every)\\s+${unit}\\b`, 'i');
  return [
    ...new Set(
      pricedItems(graph)
        .filter((i) => pricedInUnit(book, i, unit, per))
        .map((i) => itemCore(i.item).trim()),
    ),
  ];
}

/** `subject`: the question's subject words; narrowed here to the item's words. */
export function priceAnswer(
  book: KnowledgeBook,
  graph: KnowledgeGraph,
  text: string,
  subject: QueryWord[],
): PriceResult {
  // "If I leave my dog for a week, how much is the luxury suite?": the item follows the cue.
  // "per person", "per night": the unit of the price, not the item.
  const { unitless, tail } = priceAsk(book, text);
  const ageStated = agesIn(text) !== undefined;
  // A party with nothing else named ("how much for 12 people?") is asked of the party rows
  // (answer-select's partyRowAnswer), not of an item here.
  const beyondParty = subject.filter(
    (q) => !/^\d/.test(q.surface) && !q.surface.split(' ').some((w) => partyWords.has(w)),
  );
  const party = beyondParty.length ? partySizeIn(text) : undefined;
  // "How much for me and my wife?": only the pair is named; the one item priced for two
  // ("Couples membership (two adults, same address)") is theirs.
  if (!beyondParty.length && partySizeIn(text) === 2) {
    const pairs = pricedItems(graph).filter((i) =>
      pairPrice.test(`${i.item} ${book.sentences[i.sentenceId]?.text ?? ''}`),
    );
    const s = pairs[0] && book.sentences[pairs[0].sentenceId];
    if (s && pairs.every((i) => i.sentenceId === s.id))
      return {
        kind: 'answer',
        sentences: [itemSpeech(s, pairs[0]!)],
        score: 0.8,
        source: `book:${s.id}`,
      };
  }
  const rate = subject.every((q) => rateWords.test(q.surface)) ? unitRate(book, graph, text) : undefined;
  if (rate) return rate;
  const action = priceVerb(text);
  // A verb no item is named by ("fix" against "puncture repair"), whose synonyms may name one.
  const unnamedAction =
    action && !pricedItems(graph).some((i) => itemStems(i.item).includes(stem(action))) ? action : undefined;
  // "The late collection fee for my 2 year old": the age is whose, not what.
  const narrowed = tail
    ? subjectWords(book, tail).subject.filter((q) => !ageStated || !isAgeWord(q.surface))
    : [];
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
      .filter((q) => !ageStated || !isAgeWord(q.surface))
      // "A taster for me and my partner", "for 2 people": who comes, not what is priced.
      .filter((q) => party === undefined || !partyWords.has(q.surface) || isAgeWord(q.surface))
      // ("A party for 12 kids": the 12 counts the party; it is no "12 noon" of another item.)
      .filter((q) => party === undefined || q.surface !== String(party))
      // "Your biggest tub": which end of the sizes (below), no word of the item's name.
      .filter((q) => !sizeSuperlative(q.surface))
      // "How much is it per lesson?": "per" says the unit, it names nothing.
      .filter((q) => !/^(?:per|each|every)$/.test(q.surface))
      // "How much extra", "what's the extra for ...": the added price, not an item's word.
      .filter((q) => q.surface !== 'extra' || !extraPrice.test(text))
      // "A basic service" of "Standard service": a mark of the usual item the documents do not
      // use names that usual item, not another one.
      .filter((q) => !foreignUsualMarker(book, q, text))
      .map((q) => itemWord(book, q, unnamedAction)),
  );
  // "A bunch of flowers" read whole as a bouquet: its "flowers", which no item's name has, asks
  // for nothing more ("trousers" of "trousers taken up" names the item still).
  const phrases = subject.filter(
    (q) => q.surface.includes(' ') && [...q.expansions.values()].some((w) => w >= 0.8),
  );
  const itemWords = new Set(pricedItems(graph).flatMap((i) => itemStems(i.item)));
  if (phrases.length) {
    subject.splice(
      0,
      subject.length,
      ...subject.filter(
        (q) =>
          q.surface.includes(' ') ||
          itemWords.has(q.stem) ||
          !phrases.some((p) => p.surface.split(' ').includes(q.surface)),
      ),
    );
  }
  // "For a child", "a 12 year old": the documents' words for the caller's age group.
  subject.splice(0, subject.length, ...whoseWords(book, graph, text, subject));
  // The asked item's own price, from the graph's "costs" relations, by graded item matching.
  const perUnit = /\b(rate|hourly|daily|weekly|per|each)\b/.test(text.toLowerCase());
  // The count of a party ("for 2 people", "a table for two") is whose the price is; the item
  // need not state it.
  const partyCounts = new Set(
    party === undefined
      ? []
      : [...countedWords(unitless)]
          .filter(
            ([n, next]) =>
              [...next].some((w) => partyStems.has(w)) ||
              (n === '2' && /\bfor 2\W*$/.test(digitize(unitless))) ||
              // ("A family of four": the count of the party said after it.)
              new RegExp(`\\b(?:group|party|team|family|gang) of ${n}\\b`).test(
                digitize(unitless).toLowerCase(),
              ),
          )
          .map(([n]) => n),
  );
  const numbers = askedNumbers(ageStated ? withoutAge(unitless) : unitless, book).filter(
    (n) => !partyCounts.has(n),
  );
  // "The coating that stops reflections", "the lenses that go dark in the sun": the item is the
  // noun before "that"; the clause after it describes the item in the caller's words, which
  // the documents may say otherwise ("anti-glare", "darken in sunlight"). Those words help
  // tell the items apart but weigh less than the item's own.
  const described = describedBy(text);
  // "How much is it to get rid of a tree stump?": the caller's phrase for the doing, when no
  // item is named by it, says less of which item than the thing it is done to ("stump").
  const doing = (q: QueryWord): boolean =>
    !!unnamedAction &&
    q.surface.startsWith(`${unnamedAction} `) &&
    ![...q.expansions.keys()].some((e) => itemWords.has(e));
  const asked = reweigh(book, subject, narrowed.length && tail ? tail : unitless).map((q) =>
    described.words.has(q.surface) || doing(q) ? { ...q, idf: q.idf * DESCRIPTION_WEIGHT } : q,
  );
  const told = agesIn(text);
  const childAsked = told !== undefined ? told < 16 : childOfCaller.test(text);
  // A price that holds in another season than the one the caller names is not theirs.
  const months = monthsIn(when);
  const unit = askedUnit(text) ?? spanUnit(graph, text);
  const score = (words: readonly QueryWord[]) =>
    scorePricedItems(book, graph, words, {
      askedNumbers: numbers,
      counted: countedWords(unitless),
      perUnit,
      unit,
      contradicts: (item, s) => contradicts(book, words, item, s, true),
    })
      .filter((x) => holdsWhen(book.sentences[x.sentenceId]?.text ?? '', x.amount, months))
      // "Lessons for my daughter": an adults' item is not hers.
      .filter((x) => !childAsked || !adultsOnly.test(x.item));
  // "Ten hours in a manual": a word naming a price column and no item picks the column
  // (columnChoice, below), not the row; counted against every row it would sink them all alike.
  // Rows with that column go first: "ten hours" of the lesson block with a Manual price, not the
  // ten-hour course priced alone. A word qualifying the next one ("car" of "car seat") is the
  // item's.
  const columnStems = priceColumnStems(book);
  const isColumn = (q: QueryWord): boolean => {
    if (!columnStems.has(q.stem)) return false;
    const next = said[said.indexOf(q.surface) + 1];
    return !asked.some((o) => o.surface === next && !columnStems.has(o.stem));
  };
  const rowWords = asked.filter((q) => !isColumn(q));
  const columnSaid = asked.filter(isColumn).map((q) => q.stem);
  const allScored = score(rowWords.length ? rowWords : asked);
  const withColumn =
    rowWords.length && columnSaid.length
      ? allScored.filter((x) => rowHasColumns(book.sentences[x.sentenceId]?.text ?? '', columnSaid))
      : [];
  const scored = withColumn.length ? withColumn : allScored;
  // The caller names only a kind several items share ("an extraction"): the usual one of it.
  const matched = scored.filter((x) => x.score >= MIN_ITEM);
  // "The cheapest double": of the items the words fit, the one at that end of the prices.
  const end = superlative(text);
  // "The smallest, and what's that a week?": of the items priced by the week, if some are.
  const inUnit = unit
    ? matched.filter((x) => unitFit(unit, x.amount, book.sentences[x.sentenceId]?.text ?? '') > 0)
    : [];
  // Of the items whose own name the words reach: "the cheapest bouquet" is no single rose that
  // is only listed under "Bouquets".
  const pool = inUnit.length ? inUnit : matched;
  const namedPool = pool.filter((x) => x.reverse > 0);
  const extreme = end
    ? (namedPool.length ? namedPool : pool).reduce<(typeof matched)[number] | undefined>(
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
  // "The smallest skip" of "Mini skip (2 yard)" ... "Large builder's skip (8 yard)": of the
  // items whose names give a size in one unit, the one at that end of the sizes.
  const sizeEnd = end ? undefined : sizeSuperlative(text);
  const sized = sizeEnd
    ? // (Of every item whose own name the words reach: "the biggest hot tub" is the 6-person
      // wooden tub too.)
      scored
        .filter((x) => x.reverse > 0)
        // (A row's name may keep its size in brackets: "Skip: Mini skip (2 yard); ...".)
        .map((x) => ({
          x,
          size: nameSize(x.item) ?? nameSize(book.sentences[x.sentenceId]?.text.split(';')[0] ?? ''),
        }))
        .filter((y): y is { x: (typeof pool)[number]; size: { value: number; unit: string } } => !!y.size)
    : [];
  const sizeUnit = sized[0]?.size.unit;
  const bySize =
    sized.length >= 2 && sized.every((y) => y.size.unit === sizeUnit)
      ? sized.reduce((m, y) =>
          (sizeEnd === 'min' ? y.size.value < m.size.value : y.size.value > m.size.value) ? y : m,
        ).x
      : undefined;
  const usual = extreme ?? bySize ?? usualOfKind(book, asked, matched);
  // "A taster for me and my partner": the price for a pair ("Couples' taster: £80"), when the
  // documents have one of the asked thing, is theirs rather than the price per person.
  const pair =
    party === 2
      ? matched.find((x) => pairPrice.test(`${x.item} ${book.sentences[x.sentenceId]?.text ?? ''}`))
      : undefined;
  const pick =
    pair ??
    usual ??
    pickItem(scored) ??
    describedItem(scored, described.heads) ??
    // "How much to store a bike?": the verb says what is done with the item, unless an item
    // is named by it ("how much to hire a van?" against "van hire").
    describedRow(book, unnamedAction ? score(asked.filter((q) => q.surface !== action)) : scored);
  // A kind with no usual item ("brake pads": front, rear) where the words pick none, or pick
  // one only by a tie with another price: the caller is asked which one.
  const tied =
    pick !== undefined &&
    !usual &&
    matched.some(
      (x) =>
        x.item !== pick.item &&
        x.amount !== pick.amount &&
        pick.score - x.score < ITEM_MARGIN &&
        !toldApart(pick, x, asked) &&
        !numbersApart(pick.item, x.item, numbers),
    );
  // Asked which one among the items tied with the pick; a weaker match ("mortice lock" for
  // "locked out", against two lock-outs) is no option.
  const options =
    pick && !tied
      ? undefined
      : kindOptions(book, asked, pick ? matched.filter((x) => pick.score - x.score < ITEM_MARGIN) : matched);
  // Items of different prices scored alike on the words the caller gave, with a word of the
  // caller's that none of them names ("a family membership" against full, student and
  // off-peak memberships): a tie-break would pick one at random and say its price. The caller
  // is told the asked one is not in the data and offered those items instead.
  const alike =
    pick === undefined || usual || pick.forward >= 1
      ? []
      : matched.filter((x) => {
          if (x.item === pick.item || x.amount === pick.amount || pick.score - x.score >= 0.005) return false;
          const theirs = new Set(itemStems(x.item));
          return itemStems(pick.item).every((t) => theirs.has(t) || named(asked, t) === 0);
        });
  const alikeNames = [...new Set([pick, ...alike].map((x) => x && itemCore(x.item).trim()))];
  // A tie of two prices where the runner-up names clearly more of what the caller said ("dress"
  // against "wedding and prom dress alterations" for "my wedding dress needs taking in"): the
  // pick won on its short name alone, so the caller is asked which, not told one of them.
  const rivals = tied
    ? matched.filter(
        (x) =>
          x.amount !== pick.amount &&
          pick.score - x.score < ITEM_MARGIN &&
          x.forward > pick.forward + FORWARD_LEAD,
      )
    : [];
  // Items of different names and prices that the caller's words name fully and alike ("how much
  // is a lesson?" of "Violin lessons £20" and a table of piano, guitar and singing lessons): no
  // word tells them apart, so the caller is asked which.
  const even =
    tied && pick.forward >= 1
      ? matched.filter((x) => x.amount !== pick.amount && x.forward >= 1 && pick.score - x.score < 0.005)
      : [];
  const evenNames = [...new Set([pick, ...even].map((x) => x && itemCore(x.item).trim()))].filter(
    (n): n is string => !!n,
  );
  // (Named as a list names them: a clause taken for an item, "we hire out violins", is no option.)
  const tiedNames = rivals.length
    ? [...new Set([pick, ...rivals].map((x) => itemCore(x!.item).trim()))]
    : even.length && evenNames.length > 1 && !evenNames.some((n) => /^(?:we|you|our|it|they|i)\b/i.test(n))
      ? evenNames
      : [];
  // "A bike service" of "E-bike service" and "Standard service" (pickItem was not sure): the
  // items the words name are offered.
  const kinds =
    pick === undefined && scored[0]?.unaskedModifier
      ? [...new Set(matched.filter((x) => x.reverse >= SURE_REVERSE).map((x) => itemCore(x.item).trim()))]
      : [];
  const offered =
    options ??
    (alike.length && alikeNames.length <= MAX_OPTIONS ? (alikeNames as string[]) : undefined) ??
    (tiedNames.length > 1 && tiedNames.length <= MAX_OPTIONS ? tiedNames : undefined) ??
    (kinds.length > 1 && kinds.length <= MAX_OPTIONS ? kinds : undefined);
  // "A large dog kennel" against "standard dog kennel": a word the documents never use, said
  // just before the item's own words, asks for another item than the one found.
  const unitWords = tokens(unitless);
  // (A word that names the item by its initials, "AC", is matched there: forward stays high.)
  const unknownQualifier =
    pick !== undefined &&
    pick.forward < 0.9 &&
    asked.some((q) => {
      // A figure is no qualifier: the item must state it ("a 12 inch pizza") or count its unit.
      if (q.expansions.size || q.surface.includes(' ') || /^\d/.test(q.surface)) return false;
      const next = unitWords[unitWords.indexOf(q.surface) + 1];
      return next !== undefined && itemStems(pick.item).includes(stem(next));
    });
  const found = options || alike.length || unknownQualifier || tiedNames.length > 1 ? undefined : pick;
  // "How much for wedding dress alterations?" of "Taking in a dress starts at £25" and "Wedding
  // dress alterations are quoted after a fitting": the thing named whole, with no set price, is
  // what was asked, not an item that shares a word with it.
  const quoted =
    found && found.forward < 1 ? shareAnswer(book, subject, onRequestRe, WHOLE_COVERAGE) : undefined;
  // (Only where the caller said a word of it, as it is written there, that the item lacks:
  // "take in a dress" is the item.)
  const quotedTerms =
    quoted?.kind === 'answer'
      ? book.sentences[Number(quoted.source.slice('book:'.length))]?.terms
      : undefined;
  const foundStems = new Set(found ? itemStems(found.item) : []);
  if (
    quoted &&
    asked.some((q) => !q.surface.includes(' ') && quotedTerms?.has(q.stem) && !foundStems.has(q.stem))
  )
    return quoted;
  // A row of several price columns: the column the caller named ("the battery", "a detached
  // house"); one the item has no figure in is not in the data.
  const chosen = found && columnChoice(book, text, asked, found, scored);
  if (chosen?.kind === 'unpriced') return { kind: 'missing', asked: subject };
  if (chosen?.kind === 'ask') return { kind: 'missing', asked: subject, options: chosen.options };
  const whole = chosen?.kind === 'whole';
  const column = chosen?.kind === 'column' ? chosen.match : undefined;
  const best = column ?? found;
  const s = best ? book.sentences[best.sentenceId] : undefined;
  // The item's price by season with no time named ("how much is the Curlew room?"): the row
  // is said whole, every season with its price.
  const seasonal =
    best !== undefined &&
    !column &&
    s !== undefined &&
    !months.size &&
    monthsIn(conditionOf(s.text, best.amount)).size > 0 &&
    scored.some((x) => x.item === best.item && x.sentenceId === s.id && x.amount !== best.amount);
  // Two rows of one name that another cell tells apart ("Sports massage; 30 minutes; £38" and
  // "...; 60 minutes; £55"), the caller naming neither: both are said, not the first.
  // "How much is a full groom?" of "... is £35 for small dogs, £45 for medium dogs and £60 for
  // large dogs": the caller named no case, so every case is said with its price.
  const cases = best && s && !chosen && !column ? caseRow(best, scored, asked) : false;
  if (cases)
    return { kind: 'answer', sentences: [s!.text], score: 0.6 + best!.score * 0.6, source: `book:${s!.id}` };
  const twins = best && s && !chosen ? twinRows(book, best, scored) : undefined;
  if (twins)
    return { kind: 'answer', sentences: [twins], score: 0.6 + best!.score * 0.6, source: `book:${s!.id}` };
  if (best && s)
    return {
      kind: 'answer',
      sentences: [
        seasonal || whole
          ? recordSpeech(s.text)
          : months.size && monthsIn(conditionOf(s.text, best.amount)).size
            ? seasonSpeech(s.text, best.amount)
            : itemSpeech(s, best),
      ],
      score: 0.6 + best.score * 0.6,
      source: `book:${s.id}`,
    };
  // "How much is a swim?" of a section's prices for adults, children and over 60s: all of them.
  const groups = offered ? undefined : groupRow(graph, scored, MIN_ITEM, ITEM_MARGIN);
  const row = groups === undefined ? undefined : book.sentences[groups];
  if (row)
    return {
      kind: 'answer',
      sentences: [row.text],
      score: 0.6 + scored[0]!.score * 0.6,
      source: `book:${row.id}`,
    };
  // No amount of the asked thing, but a share of one ("A 25% deposit confirms the date", "a
  // 10 percent discount on labor"): the clause that states it, when it is what was asked.
  // Or the asked thing costs nothing ("Administering medication is free of charge").
  const share =
    shareAnswer(book, subject) ??
    shareAnswer(book, subject, freeRe, MIN_FREE_COVERAGE) ??
    // "Wedding cakes are priced on request": the asked thing has no set price, and that is the
    // answer (no figure is said).
    // (By the words that name the item: "a five bedroom house, how much is the inspection?"
    // asks about the inspection, not whatever is quoted for houses.)
    shareAnswer(book, asked, onRequestRe, MIN_FREE_COVERAGE);
  if (share) return share;
  // "How much is it per night?" of pitches priced by the night: which of them.
  const units =
    !offered && subject.every((q) => rateWords.test(q.surface)) ? unitOptions(graph, book, text) : [];
  const choices = offered ?? (units.length >= 2 ? units : undefined);
  return { kind: 'missing', asked: subject, ...(choices ? { options: choices } : {}) };
}

/**
 * The caller's young children ("our kids", "my little one"): whom the price is for. (A son or
 * daughter of no told age may be grown up: they hear every group, price-whose.ts.)
 */
const childOfCaller = /\b(?:my|our) (?:kids?|child|children|little ones?|toddlers?|baby|babies)\b/i;
/** An item for adults alone ("Adult beginners' lessons"), not one for adults and children. */
const adultsOnly = /\badults?'?s?\b(?!.*\b(?:child|children|kids?|family|junior|juniors)\b)/i;

/** How much more of the caller's words a tied runner-up must name to make the pick a guess. */
const FORWARD_LEAD = 0.15;

/** "Extra" asking for an added price, not naming an item ("extra large"). */
const extraPrice = /\b(?:how much extra|the extra (?:for|on|to)|extra (?:cost|charge|fee)s?)\b/i;

/** Weight of a word of a relative clause describing the item, against the item's own words. */
const DESCRIPTION_WEIGHT = 0.3;

/**
 * Relative clauses that describe a thing ("the coating that stops reflections"): the words of
 * the clauses, and the head nouns they describe ("coating").
 */
function describedBy(text: string): { words: Set<string>; heads: Set<string> } {
  const words = new Set<string>();
  const heads = new Set<string>();
  for (const m of text.matchAll(
    /\b(?:the|a|an|those|these)\s+((?:[\w-]+\s+)?[\w-]+)\s+(?:that|which)\s+([^,?.!;]+)/gi,
  )) {
    const head = tokens(m[1]!).at(-1);
    if (head) heads.add(stem(head));
    for (const w of tokens(m[2]!)) words.add(w);
  }
  return { words, heads };
}

/**
 * "The coating that stops reflections" against "Anti-glare coating": the one item whose name
 * has the described head noun, well ahead of every other on the caller's words; the caller's
 * description stands for the qualifier it does not name ("anti-glare").
 */
function describedItem(
  scored: ReturnType<typeof scorePricedItems>,
  heads: ReadonlySet<string>,
): ReturnType<typeof scorePricedItems>[number] | undefined {
  const [top] = scored;
  if (!top || !heads.size || top.score < SURE_ITEM) return undefined;
  const named = (item: string): boolean => itemStems(item).some((t) => heads.has(t));
  if (!named(top.item) || scored.some((x) => x.item !== top.item && named(x.item))) return undefined;
  const runnerUp = scored.find((x) => x.amount !== top.amount);
  return top.score - (runnerUp?.score ?? 0) >= 2 * ITEM_MARGIN ? top : undefined;
}

/** Least share of the asked words a row's cells hold, and its lead on every other row's. */
const MIN_ROW_FORWARD = 0.5;
const ROW_LEAD = 0.25;

/**
 * "How much to store a few boxes?" against "Unit: Locker; Fits: A few boxes, suitcases or a
 * bike; Per week: £9": the caller names a table row by what its other cells say (what it fits,
 * whom it suits), not by the item's name. The row holding most of the asked words, well ahead of
 * every other row, with nothing asked that the documents do not know.
 */
function describedRow(
  book: KnowledgeBook,
  scored: ReturnType<typeof scorePricedItems>,
): ReturnType<typeof scorePricedItems>[number] | undefined {
  const [top] = scored;
  // Named by its other cells only: a row whose name the caller half named ("new tires" against
  // "Tire rotation") is for pickItem's tests, which it failed.
  if (!top || top.forward < MIN_ROW_FORWARD || top.reverse > 0 || top.unknown > 0) return undefined;
  if (!labelledRow.test(book.sentences[top.sentenceId]?.text ?? '')) return undefined;
  const runnerUp = scored.find((x) => x.amount !== top.amount && x.sentenceId !== top.sentenceId);
  return top.forward - (runnerUp?.forward ?? 0) >= ROW_LEAD ? top : undefined;
}

/** A thing that costs nothing: "free of charge", "at no extra cost", "no charge", "there is no joining fee". */
const freeRe =
  /\b(?:free of charge|(?:is|are) free|at no (?:extra |additional )?(?:cost|charge)|no (?:extra |additional )?charge|complimentary|(?:there is|there's|with) no (?:[a-z-]+ )?(?:fee|charge|deposit))\b/i;
/**
 * A thing with no set price: "priced on request", "price on application", "by quotation",
 * "Wedding dress alterations are quoted after a fitting".
 */
const onRequestRe =
  /\b(?:(?:priced|prices?|quoted|costed) (?:on|upon) (?:request|application|enquiry)|POA|(?:by|on) quotation|(?:individually|separately) (?:priced|quoted)|(?:is|are|will be) quoted)\b/i;
/**
 * Least coverage for a free thing: the most telling word must be in it, while the trade's
 * everyday words ("my dog's tablets") need not.
 */
const MIN_FREE_COVERAGE = 0.55;
/** Coverage of the asked words that names a thing whole (a thing with no set price before an item). */
const WHOLE_COVERAGE = 0.9;
/** Least coverage of the asked words for a share to answer a price question. */
const MIN_SHARE_COVERAGE = 0.75;

/**
 * A price question answered by a percentage ("how much is the deposit for catering?" -> "A 25%
 * deposit confirms the date."): the sentence stating a share that covers the asked words best,
 * cut to its clause with the share, or undefined when none covers them clearly (or two tie).
 */
export function shareAnswer(
  book: KnowledgeBook,
  words: readonly QueryWord[],
  re: RegExp = hasShare,
  least = MIN_SHARE_COVERAGE,
): PriceResult | undefined {
  if (!words.length) return undefined;
  /** The part of a sentence that states it: its clause ("; "-separated) that the pattern finds. */
  const stated = (text: string): string => {
    const clauses = text.split(/;\s*/);
    const k = clauses.findIndex((c) => re.test(c));
    const then = clauses[k + 1];
    // "A full rewire is quoted after a free survey; most three-bed houses come to between
    // £4,000 and £6,000": the usual figure after a price on request goes with it.
    return k < 0
      ? text
      : re === onRequestRe && then && hasPriceRe.test(then) && usualFigure.test(then)
        ? `${clauses[k]}; ${then}`
        : clauses[k]!;
  };
  // Found by what that part says: in "Felling larger trees is quoted after a site visit; quotes
  // are free ...", the quotes are free, not the felling.
  const scored = book.sentences
    .filter((s) => re.test(s.text))
    .map((s) => {
      const part = stated(s.text);
      return {
        s,
        cov: coverage(words, part === s.text ? s.terms : new Set(termsOf(part)), s.headingTerms, 0.5),
      };
    })
    .sort((a, b) => b.cov - a.cov);
  const [top, next] = scored;
  if (!top || top.cov < least || (next && next.cov >= top.cov - 0.05)) return undefined;
  // "10% off the second child's lessons" is no lesson's price: an amount off answers only a
  // caller who asks about a reduction ("a discount", "money off", "cheaper").
  if (impliedWords(top.s.text).includes('discount') && !words.some((q) => q.expansions.has(stem('discount'))))
    return undefined;
  const clause = stated(top.s.text);
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

/**
 * "To hire a small car for a day" of "£38 a day, £210 a week": how long the caller wants the
 * thing chooses the row priced by that unit, where the documents price some so (elsewhere "for a
 * week" is only a length of stay).
 */
function spanUnit(graph: KnowledgeGraph, text: string): string | undefined {
  const unit = /\bfor (?:a|an|one|the) (day|night|week|month)\b/i.exec(text)?.[1]?.toLowerCase();
  const per = unit && new RegExp(`\\b(?:per|an?|each|every)\\s+${unit}\\b`, 'i');
  return per && pricedItems(graph).some((i) => per.test(i.amount)) ? unit : undefined;
}

/** A figure said as what is usual ("most three-bed houses come to", "typically", "on average"). */
const usualFigure =
  /\b(?:most|usually|typically|typical|normally|generally|on average|average|roughly|around|about)\b/i;

/** Most rows of one name said together; more and the first is said, as before. */
const MAX_TWINS = 3;

/**
 * "Sports massage is £38 for 30 minutes, or £55 for 60 minutes.": the rows of a table that share
 * the picked row's item name and differ in one other cell, said together; undefined when the
 * item has one row.
 */
function twinRows(
  book: KnowledgeBook,
  pick: { sentenceId: number; item: string; amount: string; score: number },
  scored: readonly { sentenceId: number; item: string; amount: string; score: number }[],
): string | undefined {
  const rows = [pick, ...scored.filter((x) => x.item === pick.item && x.sentenceId !== pick.sentenceId)]
    .filter((x, i, all) => all.findIndex((y) => y.sentenceId === x.sentenceId) === i)
    .map((x) => ({ x, fields: rowFields(book.sentences[x.sentenceId]?.text ?? '') }));
  if (rows.length < 2 || rows.length > MAX_TWINS) return undefined;
  if (new Set(rows.map((r) => r.x.amount)).size < rows.length) return undefined;
  // (A row of two cells, "Job: Lockout (daytime); Price: £75", has no other cell.)
  const names = rows.map(
    (r) => /^[^:;]{1,40}:\s*([^;]+);[^;]*$/.exec(book.sentences[r.x.sentenceId]?.text ?? '')?.[1],
  );
  // Only when the caller's words chose neither ("on a Sunday" chooses the weekend row).
  if (rows.some((r) => !r.fields))
    return names.every((n) => n !== undefined) && rows.every((r) => Math.abs(r.x.score - pick.score) < 0.005)
      ? bracketTwins(rows.map((r, i) => ({ name: names[i]!.trim(), amount: r.x.amount })))
      : undefined;
  const first = rows[0]!.fields!;
  // The cell that tells the rows apart: same label in every row, a value in each of its own.
  const label = first
    .slice(1)
    .map((f) => f.label)
    .find(
      (l) =>
        !priceLabel.test(l) &&
        rows.every((r) => r.fields!.some((f) => f.label === l && !f.value.includes(r.x.amount))) &&
        new Set(rows.map((r) => r.fields!.find((f) => f.label === l)!.value)).size === rows.length,
    );
  if (!label) return bracketTwins(rows.map((r) => ({ name: r.fields![0]!.value, amount: r.x.amount })));
  const name = first[0]!.value;
  const said = rows.map((r) => `${r.x.amount} for ${r.fields!.find((f) => f.label === label)!.value}`);
  return `${name} is ${said.slice(0, -1).join(', ')}, or ${said.at(-1)}.`;
}

/**
 * "Lockout (daytime, 8am to 6pm): £75" and "Lockout (evenings, weekends and bank holidays):
 * £110": rows told apart only by the note in brackets after one name, said together as "Lockout
 * is £75 (daytime, 8am to 6pm), or £110 (evenings, weekends and bank holidays)."
 */
function bracketTwins(rows: readonly { name: string; amount: string }[]): string | undefined {
  const split = rows.map((r) => /^(.+?)\s*\(([^()]+)\)\s*$/.exec(r.name));
  const base = split[0]?.[1];
  if (!base || split.some((m) => !m || m[1]!.toLowerCase() !== base.toLowerCase())) return undefined;
  if (new Set(split.map((m) => m![2]!.toLowerCase())).size < rows.length) return undefined;
  const said = rows.map((r, i) => `${r.amount} (${split[i]![2]})`);
  return `${base} is ${said.slice(0, -1).join(', ')}, or ${said.at(-1)}.`;
}

/**
 * "It takes a minimum of 6 hours and costs £210." said alone names nothing: its "It" is the
 * section's item ("Pass Plus"), which the caller hears instead.
 */
function sectionNamed(sentence: string, item: string, heading: string): string {
  if (item.toLowerCase() !== heading.toLowerCase() || !/^(?:It|This)\s/.test(sentence)) return sentence;
  return sentence.replace(/^(?:It|This)(?=\s)/, heading);
}

/**
 * One item's price as said: a labelled row as a sentence, else the clause with its figure (a row
 * of a table without a header, "Security key | next day | £18", said as a sentence), "It" made
 * the section's name.
 */
function itemSpeech(s: BookSentence, priced: { amount: string; item: string }): string {
  // "Ticket: Under 3s; Price: Free" said as "Under 3s are free."
  const freeRow = /^free\b/i.test(priced.amount)
    ? /^[^:;]{1,30}:\s*([^;]+);/.exec(s.text)?.[1]?.trim()
    : undefined;
  if (freeRow) return `${freeRow} ${/s$/.test(freeRow) ? 'are' : 'is'} free.`;
  return (
    priceSpeech(s.text, priced.amount) ??
    sectionNamed(tableRowSpeech(priceClause(s.text, priced.amount)), priced.item, s.heading)
  );
}

/**
 * "A one-hour lesson" of "30-minute lessons for £30 and 1-hour lessons for £55": the caller's
 * numbers are all in one item's name and not all in the other's, which tells them apart.
 */
function numbersApart(mine: string, theirs: string, numbers: readonly string[]): boolean {
  if (!numbers.length) return false;
  const a = nameFigures(mine);
  const b = nameFigures(theirs);
  return numbers.every((n) => a.has(n)) && !numbers.every((n) => b.has(n));
}
