import { z } from 'zod';
import type { KnowledgeBook } from '../book.js';
import { nameWord } from '../text.js';

/**
 * The knowledge graph of a business, extracted from its documents at training: services and
 * products with their prices, people with their roles and what they handle, places, opening days
 * and hours, policies and contact details, each tied to the sentence it came from. Answer
 * selection asks it for the price *of the asked item*; the API and the admin UI show it read-only
 * so a business can check what its agent believes.
 */

export const entityKinds = ['service', 'person', 'place', 'hours', 'price', 'policy', 'contact'] as const;
export const relationKinds = [
  'costs',
  'role',
  'handles',
  'located_at',
  'covers',
  'open',
  'closed',
  'states',
] as const;

export const graphEntity = z.object({
  id: z.string(),
  kind: z.enum(entityKinds),
  name: z.string(),
});
export const graphRelation = z.object({
  from: z.string(),
  relation: z.enum(relationKinds),
  to: z.string(),
  /** The sentence of the document that states it. */
  sentence: z.string(),
  /** Index of that sentence in the compiled book. */
  sentenceId: z.number().int(),
});
export const knowledgeGraph = z.object({
  entities: z.array(graphEntity),
  relations: z.array(graphRelation),
});
export type GraphEntity = z.output<typeof graphEntity>;
export type GraphRelation = z.output<typeof graphRelation>;
export type KnowledgeGraph = z.output<typeof knowledgeGraph>;

/** A price in a text: "$2,200", "£7.50", "45 dollars", "15p" (not "5 p.m."). */
export const priceRe =
  /[$€£]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:dollars?|euros?|pounds?)\b|\b\d{1,2}(?:p(?!\.?\s?m\b)|\s?pence)\b/gi;
export const hasPriceRe = new RegExp(priceRe.source, 'i');
const dayRe =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|daily|every day)s?\b/i;
const timeRe =
  /\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\b24 hours\b/i;
const streetRe =
  /\b\d{1,5}[a-z]?\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Lane|Ln\.?|Avenue|Ave\.?|Drive|Dr\.?|Way|Place|Square|Boulevard|Blvd\.?|Court|Close|Parade|Row|Terrace|Crescent|Highway|Parkway|Pkwy\.?|Park|Trail|Hill|Green|Gardens|Wharf)\b(?:,\s*[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)?/;
const titleName = new RegExp(
  `\\b(?:Dr\\.?|Doctor|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Prof\\.?)\\s+${nameWord}(?:\\s${nameWord})?`,
  'g',
);
const plainName = new RegExp(`\\b${nameWord}\\s${nameWord}\\b`, 'g');
const roleWords =
  /\b(owner|founder|manager|mechanic|engineer|technician|vet|veterinarian|veterinary surgeon|doctor|dentist|hygienist|nurse|receptionist|chef|instructor|teacher|trainer|director|head|lead|specialist|consultant|partner|stylist|therapist|accountant|advisor|adviser|coordinator|assistant|plumber|electrician|surgeon|physiotherapist|practitioner)\b/i;
const personVerb =
  /^\s*(?:is|looks|handles|treats|runs|manages|leads|takes|carries|does|will|can|specialises|specializes|has|heads|oversees|works|teaches|covers)\b/;
const policyRe =
  /\b(policy|must|required|requires|cancel\w*|refund\w*|deposit|warrant\w*|guarante\w*|due|notice|fee|charged|not allowed|please note|only|discount|payment|pay|accept)\b/i;
const phoneRe = /\+?\(?\d[\d\s().-]{6,}\d/;
/** An email address (answer-contact.ts answers "what's your email?" by it too). */
export const emailRe = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const nonNames = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);

/** Verbs that give a thing before its name ("Gary gives 30-minute lessons for £30"). */
export const givingVerbs = 'gives|offers|provides|runs|sells|teaches|does';
/** The giving verb an item's clause opens with ("charges" too: a fee's own verb). */
const givenThing = new RegExp(`^(?:${givingVerbs}|charges)\\s+(?=\\S+\\s+\\S)`, 'i');

/** The last word of a name that says it is a charge itself ("labor rate", "call-out fee"). */
const feeHead = /\b(?:rate|fee|charge|price|cost|surcharge|supplement|deposit)s?$/i;

/**
 * A clause of what the business does ("we can collect your computer ..."): the deed after the
 * subject, its modals and a giving verb. Not a charge's own verbs ("we charge", "we ask").
 */
const weDo =
  /^(?:we|i)\s+(?:(?:can|will|could|also|happily|gladly|usually|normally|often)\s+)*(?:(?:offer|provide|run|sell|teach|give|do)\s+)?(?!(?:charge|ask|take|make|are|am|is|have|need|require|add)\b)([a-z][\w'-]*\s+[^,;]+)$/i;

/** A finite verb: a clause, not a name. */
const finiteVerb =
  /\b(?:is|are|was|were|runs?|lasts?|takes?|costs?|includes?|comes?|starts?|begins?|has|have|can|will|must|should|may|goes|go)\b/i;

/** Words that open a clause, not a noun phrase ("If it is not obvious, we charge ..."). */
const clauseOpening =
  /^(?:if|when|whenever|because|although|though|unless|as|while|once|after|before|so|and|but|we|i|you|they|he|she|it|this|that|there|what|which|who)\b/i;

/** A price's unit alone ("£85 a month", "£15 per session"): the section says what is priced. */
const unitOnly =
  /^(?:an?\s+|per\s+)?(?:month|week|fortnight|day|hour|night|session|person|year|visit|class|lesson)s?$/i;

/** The item a price in a sentence belongs to: the clause before it, without the verb and article. */
export function priceItem(sentence: string, at: number): string {
  // "Margherita: tomato, mozzarella and basil, $12.50": the label before the colon is the item.
  // A table row read with its header ("Service: Cat spay; Price: $220"): the first value.
  const row = /^[^:;]{1,30}:\s*([^;]+);/.exec(sentence);
  if (row?.[1] && at > row[0].length && !hasPriceRe.test(row[1]))
    return row[1].replace(/\s*\([^)]*\)/g, '').trim();
  // "Gutter clearing (vacuum from the ground, with camera photos): from £60": a note in brackets
  // after the name says how it is done; the name alone is the item.
  const noted = /^([^:.()]{2,40}?)\s*\([^()]{1,120}\):\s/.exec(sentence);
  if (noted?.[1] && at > noted[0].length) return noted[1].trim();
  // (A long label is a row's name, "New SSD fitted with your files copied over: from £95",
  // unless it is a clause: "Summer school runs for one week in August: under-12s $190".)
  const label = /^([^:.]{1,60}):\s/.exec(sentence);
  // (Nor a clause of the business's: "We also help with anxious dogs: a first consultation ...
  // costs £120" prices the consultation.)
  if (
    label?.[1] &&
    at > label[1].length &&
    (label[1].length <= 40 || !finiteVerb.test(label[1])) &&
    !/^(?:we|i|you|they|our team)\s+(?:also\s+|can\s+|will\s+)?[a-z]+\s/i.test(label[1].trim())
  ) {
    // "Other repairs: shop labor rate $135 per hour": a short name of a fee right before the
    // price is what it prices; the label is the kind of work it is for.
    const fee = sentence
      .slice(label[0].length, at)
      .trim()
      .replace(/\s+(?:is|of|at|from)$/i, '');
    if (/^[a-z][\w' -]{2,40}$/i.test(fee) && fee.split(/\s+/).length <= 4 && feeHead.test(fee)) return fee;
    // "Club hire: £2 per club, or £10 for a half set": a price of the row said for its case.
    const series = seriesCase(sentence, at);
    if (series && series.first >= label[0].length) return `${label[1].trim()} for ${series.case}`;
    return label[1].trim();
  }
  // Table rows ("Standard consultation | 30 min | $65") and lists ("Nail clip – $18"): the first
  // cell or the label before the dash.
  if (sentence.includes('|')) {
    const cells = sentence
      .slice(0, at)
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    if (cells[0] && !hasPriceRe.test(cells[0])) return cells[0];
  }
  const dash = /^(.{2,60}?)\s+[–—-]\s/.exec(sentence);
  if (dash?.[1] && at > dash[1].length) return dash[1].trim();
  // "A full groom is £35 for small dogs, £45 for medium dogs and £60 for large dogs", "Puncture
  // repair is £12 per wheel, or £18 for tubeless": prices in a row, each for its case, are the
  // first one's thing for that case ("full groom for medium dogs"), not items named "or" or
  // "£35 for small dogs".
  const series = seriesCase(sentence, at);
  if (series) {
    const base = clauseItem(sentence, series.first);
    if (base) return `${base} for ${series.case}`;
  }
  return clauseItem(sentence, at);
}

/** The case a price is said for ("£45 for medium dogs": "medium dogs"), up to the next separator. */
export function forCaseAfter(sentence: string, end: number): { case: string; end: number } | undefined {
  // (A note in brackets may follow the case: "£650 for a full day session (about 6 hours)".)
  const tail = sentence.slice(end);
  // "£15 for trousers and skirts and £28 for coats": a case of two things joined by "and", when
  // the row goes on with the next price after it.
  const both = new RegExp(
    `^\\s*for\\s+(?:a |an |the )?([a-z][\\w' -]{0,30}?\\s(?:and|or)\\s[a-z][\\w' -]{0,30}?)(?=\\s*,?\\s*(?:and|or|but)\\s+(?:${priceRe.source}))`,
    'i',
  ).exec(tail);
  const m =
    both ??
    /^\s*for\s+(?:a |an |the )?([a-z][\w' -]{0,40}?)(?=\s*(?:[,;.()]|$)|\s+(?:and|or|but)\s)/i.exec(tail);
  return m?.[1] ? { case: m[1].trim(), end: end + m[0].length } : undefined;
}

/**
 * Only a separator between two prices of a row (a unit first: "£12 per wheel, or £18 ..."; a
 * note in brackets after the case: "£150 for a weekend (Friday to Monday) or £250 ...").
 */
const seriesGap = /^\s*(?:\([^()]*\)\s*)?(?:(?:per|a|an|each)\s+[a-z]+\s*)?(?:,\s*)?(?:(?:and|or|but)\s*)?$/i;

/**
 * A price one of a row said for cases ("£35 for small dogs, £45 for medium dogs ..."): its case
 * and where the row's first price is; undefined for a price alone or not said for a case.
 */
function seriesCase(sentence: string, at: number): { case: string; first: number } | undefined {
  const prices = [...sentence.matchAll(priceRe)];
  const k = prices.findIndex((m) => m.index === at);
  const me = prices[k];
  if (!me) return undefined;
  const mine = forCaseAfter(sentence, at + me[0].length);
  if (!mine) return undefined;
  // Whether the gap from price `a` (its case skipped) to price `b` is only a separator.
  const joined = (a: RegExpMatchArray, b: RegExpMatchArray): boolean => {
    const aEnd = a.index! + a[0].length;
    const from = forCaseAfter(sentence, aEnd)?.end ?? aEnd;
    return from <= b.index! && seriesGap.test(sentence.slice(from, b.index));
  };
  let first = k;
  while (first > 0 && joined(prices[first - 1]!, prices[first]!)) first--;
  const next = prices[k + 1];
  const inRow =
    first < k ||
    (next !== undefined && joined(me, next) && !!forCaseAfter(sentence, next.index! + next[0].length));
  return inRow ? { case: mine.case, first: prices[first]!.index! } : undefined;
}

/** A clause's subject before its first verb ("Family sessions" of "Family sessions last ..."). */
const coordinatedSubject =
  /^(?:the |our |all |a |an )?([^,;:()]{3,50}?)\s+(?:lasts?|takes?|runs?|includes?|comes?|starts?|begins?|needs?|suits?|covers?|gets?|has|have|is|are|can|will|must)\b/i;

/** The item before a price in running text: the clause it closes (priceItem's last resort). */
function clauseItem(sentence: string, at: number): string {
  // "... or pass a short induction (£20)": a price in brackets prices the words before them.
  let before = sentence.slice(0, at).replace(/\s*\($/, '');
  // "A full groom (bath, dry, clip and nails) is £35": commas inside brackets cut no clause.
  const masked = before.replace(/\([^()]*\)/g, (m) => m.replace(/[,;:]/g, ' '));
  const cut = Math.max(masked.lastIndexOf(','), masked.lastIndexOf(';'), masked.lastIndexOf(':'));
  const clause = before.slice(cut + 1).trim();

  // "Our course runs every Saturday morning: 30-minute lessons for ages 4 and up, £65 for a
  // block": the thing named after the colon, which the details close.
  if (!clause && cut > 0 && before.slice(cut).startsWith(',')) {
    const colon = masked.slice(0, cut).lastIndexOf(':');
    const thing = colon > 0 ? before.slice(colon + 1, cut).trim() : '';
    if (/^[a-z0-9][\w' -]{2,60}$/i.test(thing) && !clauseOpening.test(thing) && !timeRe.test(thing))
      return thing;
  }
  // "In the school holidays we run Pony Days for children aged 7 to 14: grooming, mucking out,
  // a riding lesson and a picnic lunch, 9am to 3pm, £85 a day": a price closing the details
  // listed after a colon prices what the business runs before it.
  if (!clause && cut > 0 && before.slice(cut).startsWith(',')) {
    const colon = masked.slice(0, cut).indexOf(':');
    const details = colon > 0 ? masked.slice(colon + 1, cut) : '';
    const run =
      details.includes(',') &&
      /\b(?:we|I)\s+(?:also\s+)?(?:run|offer|hold|host|organi[sz]e|put on)\s+((?:[A-Z][\w'-]*\s+){0,3}[A-Z][\w'-]*)(?:\s+(?:for|with|on|at|in|from|every|each)\b[^:]*)?$/.exec(
        before.slice(0, colon),
      )?.[1];
    if (run) return run;
  }
  // "Kids' clay club for ages 7 to 12, Saturdays 12pm to 1:30pm, £15 a session": a price closing
  // a list of details prices the thing the sentence opens with, not the detail before it.
  const opening = /^([^,;:()]{3,50}?)(?:\s+(?:for|with|on|at|in|from)\s[^,;:]*)?,/.exec(sentence)?.[1];
  if (
    !clause &&
    cut > 0 &&
    before.slice(cut).startsWith(',') &&
    opening &&
    /^[A-Z]/.test(opening) &&
    !hasPriceRe.test(opening) &&
    !timeRe.test(opening) &&
    !dayRe.test(opening) &&
    !clauseOpening.test(opening)
  )
    // ("Wreath-making workshops run on Thursday evenings, ..., £55": the workshops, not that they run.)
    return opening.replace(/\s+(?:runs?|takes? place|is held|are held|happens?|meets?|are|is)$/i, '').trim();
  // "Terraced houses start at £14 and detached houses at £25": a price earlier in the clause
  // ends the thing it prices; the next thing starts after it.
  const earlier = [...clause.matchAll(new RegExp(hasPriceRe.source, 'gi'))].at(-1);
  if (earlier?.index !== undefined) {
    const rest = clause
      .slice(earlier.index + earlier[0].length)
      .replace(/^\s*(?:(?:per|a|an|each)\s+[a-z]+\s*)?(?:and|or|while|but)\s+/i, '')
      .replace(/\s+(?:at|from|for|is|are|costs?)\s*$/i, '')
      .trim();
    // ("1-hour lessons": a name may open with its length.)
    if (/^[a-z0-9][\w' -]{2,40}$/i.test(rest) && rest.split(/\s+/).length <= 5) return rest;
  }
  // "We can also do a one-off clean, which costs £10 extra": the thing before the comma.
  if (/^\s*which\s+(?:costs?|is|are)\s*$/i.test(clause) && cut > 0) {
    const head = masked.slice(0, cut);
    const thing =
      /\b(?:do|does|offer|offers|have|has|provide|provides|run|runs|sell|sells)\s+((?:an?\s+|the\s+)?[a-z][\w' -]{2,40})$/i.exec(
        head,
      )?.[1] ??
      // "... in the fire pits we provide, which cost £5 a night": the thing the business provides.
      /\b(?:the|our)\s+([a-z][\w' -]{2,30}?)\s+(?:we|you)\s+(?:provide|supply|have|sell|offer|hire out|lend)$/i.exec(
        head,
      )?.[1] ??
      /(?:^|[,;:.]\s*)((?:an?\s+|the\s+)?[a-z][\w' -]{2,40})$/i.exec(head)?.[1];
    if (thing && thing.split(/\s+/).length <= 5 && !clauseOpening.test(thing))
      return thing.replace(/^(?:an?|the)\s+/i, '').trim();
  }
  // "Family sessions last about an hour and cost £195", "Newborn sessions take place in my
  // studio when your baby is 5 to 14 days old and cost £250": a second verb of the clause's
  // subject prices that subject, not the words of the first verb's phrase.
  if (/\band\s+(?:costs?|is|are)\s*$/i.test(clause)) {
    const subject = coordinatedSubject.exec(clause)?.[1];
    if (subject && !hasPriceRe.test(subject) && !clauseOpening.test(subject)) return subject.trim();
  }
  // "Margherita: $12.50" lists: the label before the colon is the item.
  if (!clause && before.trim().endsWith(':')) before = before.trim().slice(0, -1);
  else before = clause || before;
  // "The DVSA test fee (currently £62 on weekdays, £75 for evenings ...)": a price inside an
  // open bracket prices what comes before the bracket, not "fee (currently" or the prices in it.
  const open = before.lastIndexOf('(');
  if (open > 0 && open > before.lastIndexOf(')')) before = before.slice(0, open);
  let item = before
    .replace(
      /\s*\b(?:costs?|costing|is|are|was|were|will be|will cost|(?:comes?|came|works? out) (?:to|at)(?: between)?|(?:costs?|is|are) between|starts? at|starting at|starts? from|from|charged at|priced at|for|of|at|only|just|about|around|approximately|roughly|per|a|an|which|that|and|plus|up to|less than|more than|no more than|under|over)\s*$/gi,
      '',
    )
    .trim();
  for (let i = 0; i < 3; i++)
    item = item
      .replace(/\s*\b(?:costs?|is|are|will be|starts?|charged|priced|at|from|for|and)\s*$/i, '')
      .trim();
  item = item
    // "Yes. Gutter clearing is £60": the FAQ's answer word is no part of the thing.
    .replace(/^(?:yes|no)[.,!]\s+/i, '')
    .replace(/^(?:a|an|the|our|your|each|every|after that|then|also|and|for|plus)\s+/i, '')
    // "Conservatory roofs are cleaned for £40": the thing, not what is done to it.
    .replace(/\s+(?:is|are|can be|will be)\s+[a-z]+(?:ed|en)$/i, '')
    // "Gary Hughes, gives 30-minute lessons for £30": what is given, not the giving.
    .replace(givenThing, '')
    // "The family car and the 7-seater are available as automatics for £8 a day extra": what
    // they are available as is the thing priced.
    .replace(/^.*\b(?:is|are) (?:also )?(?:available|offered|sold|supplied) as\s+(?=\w)/i, '')
    // "Junior group coaching runs on Saturdays ..., £8": the thing, not that it runs.
    .replace(/\s+(?:runs?|takes? place|is held|are held|happens?)$/i, '')
    // "Well-behaved dogs are welcome at £2 per dog": the dogs, not that they are welcome.
    .replace(/\s+(?:is|are)\s+(?:welcome|allowed|accepted|permitted)$/i, '')
    // "Small pieces usually cost £60": how often, not what.
    .replace(/\s+(?:usually|typically|normally|generally|often|currently)$/i, '')
    .trim();
  // "We charge £45 for a diagnostic visit": the one who charges is no item; what follows is.
  if (/^(?:we|i|they|you|it|this|that)(?:\s+(?:charge|ask|take|make))?$/i.test(item)) item = '';
  // "We can collect your computer from your home or office within 10 miles for £15 each way":
  // what is done to what ("collect your computer") is the item, not the place words that end
  // the clause; "We offer gift wrapping for £3": what is offered.
  // "For emergencies we run a Sunday service from 9am to 4pm at an extra £20": what the business
  // runs, after the phrase that says when or why.
  item = item
    .replace(/^[^,]{2,30}?\s+(?=(?:we|i)\s+(?:also\s+)?(?:run|offer|provide|do)\s)/i, '')
    .replace(/\s+(?:at\s+)?an?\s+(?:extra|additional)$/i, '');
  const done = weDo.exec(item);
  if (done?.[1])
    item = (
      done[1].split(/\s+(?:from|within|in|at|on|across|around|anywhere|to|for|if|when)\s+/i)[0] ?? ''
    ).replace(/^(?:a|an|the)\s+/i, '');
  const words = item.split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    // "Wedding dress alterations are by appointment, from £120": the sentence's subject, when
    // the clause the price ends is only its cue.
    const subject = /^(?:the |our |all )?([^,;:]{3,60}?)\s+(?:is|are|costs?|starts?)\b/i.exec(
      sentence.slice(0, at),
    )?.[1];
    if (
      cut > 0 &&
      subject &&
      !hasPriceRe.test(subject) &&
      // A noun phrase, not a clause's opening ("If it is not obvious, we charge ...").
      !clauseOpening.test(subject)
    )
      return subject.trim();
    // "... less wear, up to £300 per item": a limit per unit names no item.
    if (/^\s*per\s+\w+\s*(?:[.,;]|$)/i.test(sentence.slice(at).replace(priceRe, ''))) return '';
    // "$15 per wheel for puncture repair": the words after the price.
    const after = sentence
      .slice(at)
      .replace(priceRe, '')
      .replace(/^\s*(?:per|for|a|an|the)\s+/i, '')
      // "a £25 diagnostic fee and ring you with a quote": the thing, not what follows it;
      // "a £200 deposit secures your course dates": the thing, not what it does.
      .split(
        /[,;.]|\s(?:and|or|to|before|after|with|if|when|which|that|is|are|will|can|must|secures|confirms|reserves|holds|covers|includes|gets|buys)\s/,
      )[0];
    return (after ?? '').trim().split(/\s+/).slice(0, 5).join(' ');
  }
  // "Hack out across the fields (1.5 hours, confident riders only) - £55": a row's name before
  // its dash is whole; the words in its brackets are details, not more of a long clause.
  if (/\s[-–—]\s*$/.test(sentence.slice(0, at))) {
    const name = item.replace(/\s*[-–—]$/, '').trim();
    if (
      name
        .replace(/\([^()]*\)/g, '')
        .split(/\s+/)
        .filter(Boolean).length <= 8
    )
      return name;
  }
  return words.slice(-8).join(' ');
}

/** Items of the graph with their price and sentence. */
export function pricedItems(graph: KnowledgeGraph): { item: string; amount: string; sentenceId: number }[] {
  return graph.relations
    .filter((r) => r.relation === 'costs')
    .map((r) => ({
      item: r.from.replace(/^service:/, ''),
      amount: r.to.replace(/^price:/, ''),
      sentenceId: r.sentenceId,
    }));
}

/** Extracts the graph from the compiled documents. Deterministic: the same book gives the same graph. */
export function extractGraph(book: KnowledgeBook, businessName: string): KnowledgeGraph {
  const entities = new Map<string, GraphEntity>();
  const relations: GraphRelation[] = [];
  const entity = (kind: GraphEntity['kind'], name: string): string => {
    const clean = name.replace(/\s+/g, ' ').trim();
    const id = `${kind}:${clean.toLowerCase()}`;
    if (!entities.has(id)) entities.set(id, { id, kind, name: clean });
    return id;
  };
  const business = entity('service', businessName);
  const bizWords = new Set(businessName.toLowerCase().split(/\s+/));
  const rel = (
    from: string,
    relation: GraphRelation['relation'],
    to: string,
    s: { text: string; id: number },
  ): void => {
    relations.push({ from, relation, to, sentence: s.text, sentenceId: s.id });
  };

  for (const s of book.sentences) {
    const text = s.text;
    // Prices of items.
    let last: { end: number; item: string } | undefined;
    for (const m of text.matchAll(priceRe)) {
      // "Small pieces usually cost £60–£120": the range's second figure is the first's item's.
      // ("Between £4,000 and £6,000" too.)
      const range =
        last &&
        (/^\s*(?:–|—|-|to)\s*$/i.test(text.slice(last.end, m.index)) ||
          (/^\s*and\s*$/i.test(text.slice(last.end, m.index)) &&
            /\bbetween\s+\S+$/i.test(text.slice(0, last.end))));
      const found = range && last ? last.item : priceItem(text, m.index ?? 0);
      // "Gloves are a must; we sell them at the desk for £3": "them" is the sentence's subject.
      const named = /^(?:them|they|these|those|ones)$/i.test(found)
        ? (/^(?:the |our |all )?([a-z][\w' -]{2,30}?)\s+(?:are|is|come|can|must)\b/i.exec(text)?.[1] ?? found)
        : found;
      // "It takes a minimum of 6 hours and costs £210" under "Pass Plus": the pronoun's thing
      // is what the section is about, not the clause.
      // ("Each class costs £7.50": the class is the subject, a thing, not the unit of a price.)
      const unit = unitOnly.test(named);
      const subjectUnit =
        unit &&
        text
          .toLowerCase()
          .replace(/^(?:each|every|a|an|one|the)\s+/, '')
          .startsWith(`${named.toLowerCase()} `);
      const item =
        ((unit && !subjectUnit) ||
        /^(?:it|they|this|these)\s+[a-z]/i.test(named) ||
        // ("After that it's 15p a mile": a pronoun alone names nothing.)
        /^(?:it|it's|that|that's|this|they|they're|these|those)$/i.test(named)
          ? ''
          : named) ||
        s.heading ||
        named ||
        'unnamed item';
      const tail = text
        .slice((m.index ?? 0) + m[0].length)
        .match(/^\s*(per [a-z]+|an? [a-z]+|for the first [a-z]+|each|extra)\b/i)?.[0]
        ?.trim();
      rel(entity('service', item), 'costs', entity('price', tail ? `${m[0]} ${tail}` : m[0]), s);
      last = { end: (m.index ?? 0) + m[0].length, item: named };
    }
    // "Estimates ... are free", "Delivery is free within 15 miles": free is a price too. Not
    // "there is free parking" (free says what kind) nor "interest-free" (part of a word).
    const free =
      /\b(?:is|are|stays?|go|goes|come|comes|eats?|travels?|gets? in|swims?|rides?)\s+(?:always\s+|completely\s+|totally\s+)?(free(?:\s+of\s+charge)?)(?=\s*(?:[.,;!]|$|\b(?:within|for|to|if|when|with|on|in|up|after|before|until|of)\b))/i.exec(
        text,
      );
    if (free && !hasPriceRe.test(text.slice(0, free.index))) {
      // The whole subject ("Estimates for a new furnace, boiler or air conditioner"): its commas
      // list what is free, they do not start another clause.
      const subject = (text.slice(0, free.index).split(/[;:]/).pop() ?? '')
        .trim()
        .replace(/^(?:a|an|the|our|all|all our)\s+/i, '');
      const item = subject && subject.split(/\s+/).length <= 12 ? subject : priceItem(text, free.index);
      if (item) rel(entity('service', item), 'costs', entity('price', free[1]!.toLowerCase()), s);
    }
    // A table row priced "Free" ("Ticket: Under 3s; Price: Free").
    // (The item is the row's first value, as a priced row's: priceItem.)
    const freeCell = /^[^:;]{1,30}:\s*[^;]+;\s*[^:;]{1,30}:\s*(free(?: of charge)?)\.?$/i.exec(text);
    if (!free && freeCell && !hasPriceRe.test(text))
      rel(
        entity('service', priceItem(text, text.lastIndexOf(freeCell[1]!))),
        'costs',
        entity('price', 'free'),
        s,
      );
    // People, with a role or what they handle.
    const names = new Set<string>();
    for (const m of text.matchAll(titleName)) names.add(m[0]);
    for (const m of text.matchAll(plainName)) {
      const words = m[0].toLowerCase().split(' ');
      if (words.some((w) => bizWords.has(w) || nonNames.has(w))) continue;
      if (streetRe.test(text.slice(Math.max(0, (m.index ?? 0) - 8), (m.index ?? 0) + m[0].length + 12)))
        continue;
      const after = text.slice((m.index ?? 0) + m[0].length);
      const before = text.slice(0, m.index ?? 0);
      const named = /\b(is|by|our [\w ]+,?)\s*$/i.test(before);
      if (personVerb.test(after) || named || (/^\s*[,(]/.test(after) && roleWords.test(text)))
        names.add(m[0]);
    }
    for (const name of names) {
      const person = entity('person', name);
      const role = /(?:our|the|is (?:our|the)|as)\s+((?:[a-z-]+\s){0,2}[a-z-]+)\b/i.exec(text);
      const roleHit = role?.[1] && roleWords.test(role[1]) ? role[1] : roleWords.exec(text)?.[0];
      if (roleHit) rel(person, 'role', entity('service', roleHit.toLowerCase()), s);
      const after = text.slice(text.indexOf(name) + name.length);
      const did =
        /^\s*(?:,[^,]*,\s*)?(looks after|handles|treats|runs|manages|leads|takes care of|specialises in|specializes in|teaches|oversees|covers)\s+([^.;]+)/i.exec(
          after,
        );
      if (did?.[2]) rel(person, 'handles', entity('service', did[2].trim()), s);
      const by = /^(.*?)\b(?:is|are) (?:carried out|done|handled|run|led|performed|taught) by\s*$/i.exec(
        text.slice(0, text.indexOf(name)),
      );
      if (by?.[1]) rel(person, 'handles', entity('service', by[1].trim()), s);
    }
    // Places: street addresses, and the areas served.
    const street = streetRe.exec(text);
    if (street) {
      const subject = /^(?:our|the)\s+([a-z ]{2,30}?)\s+(?:is|are)\b/i.exec(text)?.[1] ?? businessName;
      rel(entity('service', subject), 'located_at', entity('place', street[0]), s);
    }
    // ("... chimney sweep covering Harrogate, Ripon and Knaresborough" too; "We fit new tyres
    // at your home, anywhere in Leeds, Wakefield and Bradford".)
    const coverCue =
      '(?:cover|covering|serve|serving|visit|deliver to|work in|(?:anywhere|everywhere) in|in and around|all over|throughout)';
    if (new RegExp(`\\b${coverCue}\\b`, 'i').test(text) && !street) {
      const list = new RegExp(
        `\\b${coverCue}\\s+((?:[A-Z][\\w'-]+(?:,\\s*|\\s+and\\s+|\\s+|(?=[.;]|$)))+)`,
      ).exec(text);
      for (const place of list?.[1]
        ?.split(/,\s*|\s+and\s+/)
        .map((p) => p.trim())
        .filter(Boolean) ?? [])
        rel(business, 'covers', entity('place', place), s);
    }
    // Days and hours.
    if (dayRe.test(text) && (timeRe.test(text) || /\bclosed\b/i.test(text))) {
      const kind = /\bclosed\b/i.test(text) && !timeRe.test(text) ? 'closed' : 'open';
      rel(s.heading ? entity('service', s.heading) : business, kind, entity('hours', text), s);
    }
    // Policies and contact details.
    if (policyRe.test(text) && !hasPriceRe.test(text))
      rel(business, 'states', entity('policy', s.heading || text.slice(0, 60)), s);
    const phone = phoneRe.exec(text);
    if (phone && phone[0].replace(/\D/g, '').length >= 7)
      rel(business, 'states', entity('contact', phone[0].trim()), s);
    const email = emailRe.exec(text);
    if (email) rel(business, 'states', entity('contact', email[0]), s);
  }
  return { entities: [...entities.values()], relations };
}
