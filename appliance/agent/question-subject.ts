import type { KnowledgeBook } from './book.js';
import { withoutCallerContext } from './caller-context.js';
import type { QueryWord } from './coverage.js';
import { numberedTerms } from './numbered.js';
import { priceRe } from './graph/extract.js';
import { genericWords } from './grounding.js';
import { haveItDone, joinCompounds, particles } from './item-match.js';
import { idiomsIn } from './lexicon/idioms.js';
import { whenWords } from './months.js';
import { digitize, spelledCompound } from './lexicon/numbers.js';
import { spokenLengths } from './durations.js';
import { daysIn } from './days.js';
import { ownDayVerb, typeWords, type QuestionShape } from './question-type.js';
import { youngWord } from './person-age.js';
import { agesIn } from './price-age.js';
import { stem, stopWords, tokens } from './text.js';

/**
 * What a caller's question is about: its subject words (content words that are not about the
 * kind of answer, with their bridges to the documents' words and IDF weights), the days it
 * names, and a price question's wording without its unit. Answer selection (answer-select.ts)
 * scores the documents' sentences by these words; the final check (answer-check.ts) reads the
 * same item from them.
 */

const hasPrice = new RegExp(priceRe.source, 'i');

export { daysIn };

/** Words of a when-question that ask about a day rather than name a subject. */
export const dayQueryWords: ReadonlySet<string> = new Set(
  'monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays sunday sundays weekend weekends weekday weekdays'.split(
    ' ',
  ),
);
/** People in general, as a who-question names those the asked person serves. */
const peopleWords = new Set([
  'people',
  'persons',
  'folk',
  'folks',
  'someone',
  'somebody',
  'anyone',
  'anybody',
]);
/** The term a sentence naming an asked day carries (no real word has it). */
export const DAY_TERM = '\u0000day';
/** Times of day in a when-question ("how late", "on a Thursday evening"): the hours answer them. */
const timeOfDayWords = new Set(
  'late later latest early earlier earliest week weeks evening evenings morning mornings afternoon afternoons night nights lunchtime'.split(
    ' ',
  ),
);
/** Verbs of turning up ("can I come in at the weekend?"): a when-question about them asks the hours. */
const attendWords = new Set('come coming pop'.split(' '));
/** Words of a count question that say what is counted or how it fits, not what it is about. */
const countWords = new Set(
  'people persons person guests guest fit fits seat seats hold holds accommodate take many few number size capacity small big large minimum maximum'.split(
    ' ',
  ),
);
/** A question about the area served ("which towns do you cover", "do you come out to ..."). */
export const areaQuestion =
  /\b(towns?|cities|city|areas?|regions?|neighbou?rhoods?|suburbs?|districts?|counties|postcodes?|zip codes?)\b|\b(cover|serve|service|travel to|come out to|deliver to|work in)\b|\bhow far (?:out )?(?:do|will|would|can) you (?:go|deliver|travel|come|cover)\b|\btoo far\b|\b(?:go|come|travel|drive|deliver)(?: out)? as far as\b/i;
const areaWords = new Set(
  'town towns city cities area areas region regions neighbourhood neighborhood suburb suburbs district districts county counties postcode postcodes cover covers serve serves service travel deliver work far too out go come drive'.split(
    ' ',
  ),
);
/**
 * Whose a thing is, in one place: the caller's side ("my daughter", "our kids", "his own") and,
 * for "my own" / "your own", the business's "your" and a thing's "its".
 */
const callerPossessives = ['my', 'our', 'his', 'her', 'their'] as const;
export const possessiveWords: ReadonlySet<string> = new Set([...callerPossessives, 'your', 'its']);
/** "my daughter", "our kids": who the question is for; the documents need not name them. */
const possessive = new RegExp(`\\b(?:${callerPossessives.join('|')})\\s+(?:\\w+\\s+)?$`);

/**
 * "Who would I see about ...", "who should I talk to for ...": the verb frames the question (the
 * caller wants a person to consult); the subject is what follows.
 */
const whoFrame =
  /\bwho\s+(?:would|should|do|does|can|could|will|shall|must)\s+(?:i|we|my \w+)\s+(?:see|speak|talk|ask|contact|call|go|book)\b|\bwho(?:'s|\s+is)?\s+(?:the\s+)?best\s+(?:person|one|to|for)(?:\s+to)?(?:\s+(?:see|speak|talk|ask|contact|call|go))?\b/i;
const whoFrameWords = new Set('see speak talk ask contact call go book best person one'.split(' '));
/**
 * "Who runs the forest school?", "who's in charge of payroll?": the verb asks for the person
 * with that part; the subject is what they run (the documents say "led by", "looks after").
 */
const whoRole =
  /\bwho(?:'s|\s+is)?\s+(?:runs|leads|manages|heads|handles|looks\s+after|(?:is\s+)?in\s+charge\s+of)\b/i;
const whoRoleWords = new Set('runs leads manages heads handles looks after charge'.split(' '));

/**
 * Words that name nothing in particular ("something", "your guy"), and how bad the caller says
 * it is ("awful pain", "a terrible cough"): the pain is the subject, its degree is not. Nor does
 * "too" ("is that too many?", "too far", "cats too?"): how much, or also.
 */
const fillers = new Set(
  (
    'something anything everything nothing someone anyone somebody anybody guy guys stuff thing things bit lot way kind sort all ' +
    'awful awfully terrible terribly horrible dreadful too'
  ).split(' '),
);

/** The documents use the word as the head of a proper name ("Kingsbridge General Hospital"). */
function properlyNamed(book: KnowledgeBook, word: string): boolean {
  const re = new RegExp(`\\b[A-Z][\\w'&-]*\\s+${word[0]!.toUpperCase()}${word.slice(1)}s?\\b`);
  return book.sentences.some((s) => re.test(s.text) || re.test(s.heading));
}

/** Objects said between a verb and its particle ("locked myself out", "let us in"). */
const objectPronouns: ReadonlySet<string> = new Set(
  'myself yourself ourselves himself herself themselves me us him her them it'.split(' '),
);

/** Weight of a document word inside a caller's idiom (lexicon/idioms.ts) against the idiom itself. */
const IN_IDIOM = 0.5;

const pricedCache = new WeakMap<KnowledgeBook, ReadonlySet<string>>();
/** Stems of the sentences that state a price: the words the documents name priced items with. */
function pricedStems(book: KnowledgeBook): ReadonlySet<string> {
  let out = pricedCache.get(book);
  if (!out) {
    out = new Set(book.sentences.filter((s) => hasPrice.test(s.text)).flatMap((s) => [...s.terms]));
    pricedCache.set(book, out);
  }
  return out;
}

const unitWords = 'person|head|guest|hour|night|day|week|month|mile|km|visit|session|class|bottle';
const priceUnit = new RegExp(`\\b(?:(?:per|each) (?:${unitWords})\\b|a (?:${unitWords})\\b(?=\\W*$))`, 'gi');

/**
 * "How much if I'm locked out?" of "Lockout (daytime): £75": a phrasal verb the caller says where
 * the price list names the deed as one word ("lockout", "pickup", "callout") is that item.
 */
function joinPhrasal(book: KnowledgeBook, text: string): string {
  return text.replace(
    /\b([a-z]+) (up|down|out|off|over|away|back|in)\b/gi,
    (m, verb: string, particle: string) => {
      const joined = `${stem(verb.toLowerCase())}${particle.toLowerCase()}`;
      return !stopWords.has(verb.toLowerCase()) && pricedStems(book).has(stem(joined)) ? joined : m;
    },
  );
}

/** Verbs and particles of getting something done, which name no item ("sort it out", "get rid of them"). */
const doingWords = new Set(
  'sort sorted sorting deal dealt dealing get got getting rid fix fixed fixing treat treated treating clear clearing remove removing repair repaired mend clean cleaned tidy replace replaced take care see do doing done out off up away about be cost charge'.split(
    ' ',
  ),
);

/**
 * A price question's wording: without the unit of the price ("per person", "each night"; a unit
 * inside a caller's idiom, "each hour on the job", is part of what is asked), and what follows
 * the price cue ("If I leave my dog for a week, how much is the luxury suite?": the item follows
 * the cue). Shared by selection and the final check so that both read the same item.
 */
export function priceAsk(book: KnowledgeBook, text: string): { unitless: string; tail: string | undefined } {
  const phrases = idiomsIn(tokens(text)).map((m) => m.text);
  // "a night" is a unit where it ends the question ("how much is it a night?"); earlier it is
  // the thing asked about ("what does a session with a trainer cost?").
  const unitless = joinPhrasal(book, joinCompounds(book, text)).replace(priceUnit, (unit) =>
    phrases.some((p) => p.includes(unit.toLowerCase())) ? unit : ' ',
  );
  const tail =
    /\b(?:how much (?:is|are|does|do|for|to|would)|price of|prices of|cost of|charge for|fee for|rate for)\b(.*)$/i
      .exec(unitless)?.[1]
      // "How much do I have to pay for ...": the payer and paying are the cue, not the item.
      ?.replace(/^\s*(?:i|we|you)\s+(?:\w+\s+){0,2}?(?:pay|spend)\b(?:\s+for\b)?/i, ' ');
  // "... those tiny jumping things. How much to sort it out?": the cue's words point back at
  // what the caller described before; the item is there, not in "sort it out".
  // "The display on my iPhone 14 is cracked, how much to fix?": no item after the cue either.
  return { unitless, tail: tail !== undefined && namesNothing(tail) ? undefined : tail };
}

/** Only small words and words of getting something done or paying for it: no item named. */
export function namesNothing(text: string): boolean {
  return tokens(text).every((w) => stopWords.has(w) || doingWords.has(w) || priceCueWords.has(w));
}

/** The words of a price question's cue ("how much", "what would it cost"). */
const priceCueWords = new Set('how much what price cost costs charge fee pay would will'.split(' '));

/**
 * A condition after the question ("..., if I forget to collect them?", "where can I leave the car
 * when I come in for my appointment?"), its words in group 1.
 */
const trailingCondition =
  /^\W*(?:how|when|what|where)\b[^,?]*?\s*,?\s+((?:if|unless|in case|when|while)\s+(?:i|we|you|he|she|they|it|my|our)\b[^?]*)\??\s*$/i;
/**
 * A time after a where-question ("where can I park on a weekday morning?", "... in the evening",
 * "... at weekends"): when the caller needs the place, its words in group 1.
 */
const trailingTime =
  /^\W*(?:where|(?:is|are) there (?:somewhere|anywhere))\b.*?\s((?:on|in|at|during|over|for)\s+(?:(?:a|an|the)\s+)?(?:(?:weekday|weekend|week|mon|tues|wednes|thurs|fri|satur|sun)(?:day)?s?|morning|afternoon|evening|night|day)(?:\s+(?:mornings?|afternoons?|evenings?|nights?))?)\W*$/i;
/** Weight of a trailing condition's words against the question's own. */
const CONDITION = 0.5;
/** Weight of a trailing time's words after a where-question: it only says when the place is needed. */
const WHERE_TIME = 0.25;

/** The kinds of person documents name in general ("bring a friend or relative", "children"). */
const personKinds = ['relative', 'family', 'friend', 'companion', 'partner', 'spouse', 'parent', 'child'];
/** How close a kind of person is to the caller's own word for one ("daughter" -> "relative"). */
const KIN = 0.7;
/** How close "kids", "children" are to the documents' "junior(s)", "youth": the same people. */
const JUNIOR = 0.8;
/** Weight of a kind two or three is-a steps above the caller's word (a hypernym one step up: 0.6 x 0.75). */
const FARTHER_KIND = 0.45;

/** What callers call a business's staff ("your people", "your lads"). */
const staffWords =
  /^(?:people|lads|guys|men|blokes|chaps|boys|girls|ladies|folks?|team|staff|crew|crews|workers|fellas)$/;

/** A time begins at token `k` ("a Sunday", "the weekend", "March", "10", "tomorrow"). */
const timeAt = (raw: readonly string[], k: number): boolean => {
  const w = /^(?:a|the|this|next|last)$/.test(raw[k] ?? '') ? raw[k + 1] : raw[k];
  return (
    !!w &&
    (dayQueryWords.has(w) || whenWords.has(w) || /^\d/.test(w) || /^(?:today|tomorrow|tonight)$/.test(w))
  );
};

/** The question's subject words: content words that are not about the kind of answer. */
/** Least weight of the best meaning of a phrasal verb split by its object (see subjectWords). */
const SEPARATED_PHRASE = 0.6;
/** Particles that end a phrasal verb and name no thing ("pick up", "drop off", "give back"). */
const adverbParticles: ReadonlySet<string> = new Set(['up', 'off', 'out', 'down', 'away', 'back']);
/** How closely a day names the part of the week it falls in ("Saturday" -> "weekend"). */
const DAY_PART = 0.85;
/** A saving asked about: "a discount", "cheaper", "a deal" (see subjectWords). */
const savingWords = /^(?:discounts?|discounted|cheaper|deals?|reductions?|reduced|savings?|save)$/;
const youngGroupCache = new WeakMap<KnowledgeBook, string[]>();
/** The documents' terms for young age groups: "16s" of "under 16s" or "under-18s" (to 18). */
function youngGroups(book: KnowledgeBook): string[] {
  let out = youngGroupCache.get(book);
  if (!out) {
    const found = new Set<string>();
    for (const x of book.sentences)
      for (const m of x.text.matchAll(/\bunder[- ](\d{1,2})s\b/gi))
        if (Number(m[1]) <= 18 && book.has(stem(`${m[1]}s`))) found.add(stem(`${m[1]}s`));
    youngGroupCache.set(book, (out = [...found]));
  }
  return out;
}

const determiners: ReadonlySet<string> = new Set(
  'my the our your his her their this that these those a an'.split(' '),
);
/**
 * Where a particle follows the object of the verb at `i` ("pick it up", "pick my cake up"): its
 * index, else undefined (whether the two are a phrasal verb is the caller's to ask).
 */
function particleAfterObject(raw: readonly string[], i: number): number | undefined {
  const [a, b, c] = [raw[i + 1], raw[i + 2], raw[i + 3]];
  if (a && objectPronouns.has(a) && b && adverbParticles.has(b)) return i + 2;
  if (a && determiners.has(a) && b && !stopWords.has(b) && c && adverbParticles.has(c)) return i + 3;
  return undefined;
}

/** People named by what they use, own or hold ("wheelchair user", "dog owner", "badge holder"). */
const thingsPerson: ReadonlySet<string> = new Set(
  ['user', 'owner', 'holder', 'keeper', 'wearer'].flatMap((w) => [w, `${w}s`]),
);

export function subjectWords(
  book: KnowledgeBook,
  text: string,
  shape?: QuestionShape,
): { subject: QueryWord[]; all: QueryWord[] } {
  const all: QueryWord[] = [];
  const seen = new Set<string>();
  const typed = (w: string): boolean =>
    (shape?.type === 'when' && (dayQueryWords.has(w) || attendWords.has(w) || timeOfDayWords.has(w))) ||
    (shape?.type === 'when' && ownDayVerb.exec(text)?.[1]?.split(' ').includes(w) === true) ||
    (shape?.type === 'count' && countWords.has(w)) ||
    // "Do you go as far as Derby?": the place is asked, not going or how far.
    ((shape?.type === 'where' || (shape?.type === 'yesno' && /\bas far as\b/i.test(text))) &&
      areaQuestion.test(text) &&
      areaWords.has(w)) ||
    // (The frame's own words only: "who do I speak to to book?" asks about booking.)
    (shape?.type === 'who' &&
      whoFrameWords.has(w) &&
      (whoFrame.exec(text)?.[0] ?? '').toLowerCase().split(/\s+/).includes(w)) ||
    (shape?.type === 'who' && whoRole.test(text) && whoRoleWords.has(w)) ||
    // "Is there somewhere to park?": the place asked for, as "where" is (answer-select.ts then
    // wants what it is for, "park", in the answer).
    (shape?.type === 'where' && (w === 'somewhere' || w === 'anywhere')) ||
    // "Your zip code" is a postcode; "a zip" alone is the fastener ("how much to fix a zip?").
    (/^(?:zip|codes?)$/.test(w) && /\bzip ?codes?\b/i.test(text));
  // The caller's own story ("back in March", "six months pregnant") is no subject; a told time
  // stays where it may be the one asked (a when-question) and in a reading with no shape.
  text = withoutCallerContext(text, shape === undefined || shape.type === 'when');
  const raw = tokens(digitize(text));
  const priceRead = shape === undefined || shape.type === 'price';
  /** The caller tells a child's age ("my son is only 5"): under 16, the documents' young groups. */
  const toldYoung = (agesIn(text) ?? Infinity) < 16;
  // Everyday phrases for what the documents name otherwise ("pull a tooth" -> extraction):
  // one subject word each, asking for the documents' words; the phrase's own words that the
  // documents lack are its wording, not more subject.
  // Asked for a price (or read without a shape, as the price paths do), a phrase in which the
  // caller already said the documents' word for it adds nothing but neighbours ("new tires"
  // would reach "tire rotation"): the words are read alone. A verb or adjective the documents
  // use elsewhere ("cleaned" of "teeth cleaned") is the phrase's wording unless a price list
  // names items with it.
  const idioms = idiomsIn(raw)
    .map((m) => ({ ...m, expansions: book.idiom(m.means) }))
    .filter(
      (m) =>
        m.expansions.size > 0 &&
        ((shape !== undefined && shape.type !== 'price') ||
          !raw.slice(m.first, m.last + 1).some(
            (w) =>
              // The documents' own word, or the whole phrase is one word of theirs ("overnight"):
              // a loose relative inside a longer phrase ("boxes" of "put our stuff into boxes",
              // packing) is the phrase's.
              (((m.expansions.get(stem(w)) ?? 0) >= 0.8 ||
                (m.first === m.last && m.expansions.has(stem(w)))) &&
                (!book.notNoun(w) || pricedStems(book).has(stem(w)))) ||
              // One word a price list names ("£18 for jeans") is that item, not the idiom's
              // other sense (jeans of a dress code).
              (m.first === m.last && pricedStems(book).has(stem(w))),
          )),
    );
  // Token indexes inside some idiom, and those of them the documents lack (the phrase's wording).
  const inIdiom = new Set<number>();
  const wording = new Set<number>();
  // "Straight away", "right away", "at once": how soon, which names nothing asked about; nor
  // does "as well" ("do you do cats as well?": also).
  for (let i = 0; i + 1 < raw.length; i++)
    if (/^(?:straight|right) away$|^at once$|^as well$/.test(`${raw[i]} ${raw[i + 1]}`))
      wording.add(i).add(i + 1);
  // "Late for my appointment", "running behind for the class": what the caller is late for is
  // any booking; a lateness rule ("more than 15 minutes late") need not name it.
  for (let i = 0; i + 2 < raw.length; i++)
    if (/^(?:late|behind)$/.test(raw[i]!) && raw[i + 1] === 'for') {
      const det = /^(?:my|our|the|his|her|your|a|an)$/.test(raw[i + 2]!) ? 1 : 0;
      for (let k = i + 1; k <= i + 2 + det && k < raw.length; k++) wording.add(k);
    }
  // "Where are the classes held?", "where are you based?": how a place is asked for, no thing.
  if (shape?.type === 'where')
    raw.forEach((w, i) => {
      if (/^(?:held|located|based|situated|hosted|run|taught|found)$/.test(w)) wording.add(i);
    });
  // "A show at the end of the year", "by the end of term": when, which names no thing ("end" of
  // "West End").
  for (let i = 0; i + 2 < raw.length; i++)
    if (raw[i] === 'end' && raw[i + 1] === 'of') {
      const k = raw[i + 2] === 'the' ? i + 3 : i + 2;
      if (/^(?:year|term|month|season|week|day|summer|school)$/.test(raw[k] ?? ''))
        for (let j = i; j <= k; j++) wording.add(j);
    }
  // "For a whole week", "the entire weekend": the span, said with stress.
  raw.forEach((w, i) => {
    if (
      /^(?:whole|entire)$/.test(w) &&
      /^(?:week|weekend|day|month|year|night|fortnight)s?$/.test(raw[i + 1] ?? '')
    )
      wording.add(i);
  });
  // "Are the showers extra?", "is parking extra?": whether it costs more, which "showers are
  // free" answers; "extra" names no thing.
  if (/^(?:is|are)$/.test(raw[0] ?? '') && raw.at(-1) === 'extra') wording.add(raw.length - 1);
  // "What would that come to?": the total asked for, not a visit.
  if ((shape === undefined || shape.type === 'price') && raw.at(-2) === 'come' && raw.at(-1) === 'to')
    wording.add(raw.length - 2).add(raw.length - 1);
  const dayPart = new Set<number>();
  // "How early in the morning can I ...?", "how late at night": the part of the day the clock
  // time asked for falls in, not a thing asked about ("morning classes" stays).
  if (shape?.type === 'when' && /\b(?:how (?:early|late)|what time|earliest|latest)\b/.test(raw.join(' ')))
    for (let i = 0; i + 1 < raw.length; i++) {
      if (raw[i] === 'at' && raw[i + 1] === 'night') dayPart.add(i).add(i + 1);
      if (raw[i] === 'in' && raw[i + 1] === 'the' && /^(?:morning|afternoon|evening)$/.test(raw[i + 2] ?? ''))
        dayPart
          .add(i)
          .add(i + 1)
          .add(i + 2);
    }
  for (const i of dayPart) wording.add(i);
  // "I've locked myself out", "can you let me in": the object between a verb and its particle
  // is the caller, not a thing asked about.
  for (let i = 1; i + 1 < raw.length; i++)
    if (objectPronouns.has(raw[i]!) && particles.has(raw[i + 1]!)) wording.add(i);
  // "Your people", "your lads": the business's own staff, who do whatever is asked; a word
  // for them the documents never use names nothing asked about.
  for (let i = 1; i < raw.length; i++)
    if (raw[i - 1] === 'your' && staffWords.test(raw[i]!) && !book.has(stem(raw[i]!))) wording.add(i);
  // "How do I go about booking?", "how would we set about getting a quote?": the way to do
  // what follows, which is what is asked ("start" is no more a subject than "go").
  for (let i = 0; i + 1 < raw.length; i++)
    if (/^(?:go|going|set|setting)$/.test(raw[i]!) && raw[i + 1] === 'about') wording.add(i).add(i + 1);
  // "Bring along", "come along": the particle of the verb, no place ("alongside").
  for (let i = 1; i < raw.length; i++)
    if (raw[i] === 'along' && /^(?:bring|brought|come|came|go|tag|take|pop|turn)s?$/.test(raw[i - 1]!))
      wording.add(i);
  // "My own shoes", "your own mat": whose the thing is, which names nothing asked about;
  // "on its own" (alone, "an x-ray on its own") ends the phrase and stays.
  for (let i = 1; i + 1 < raw.length; i++)
    if (raw[i] === 'own' && possessiveWords.has(raw[i - 1]!) && !stopWords.has(raw[i + 1]!)) wording.add(i);
  // "Is there a discount if I buy ten classes?" of "£12 per class, or £100 for a pass of 10
  // classes": a saving the documents never name is told by the price of the counted thing.
  if (raw.some((w) => /^\d/.test(w)))
    for (let i = 0; i < raw.length; i++)
      if (savingWords.test(raw[i]!) && !book.has(stem(raw[i]!))) wording.add(i);
  for (const m of idioms)
    for (let i = m.first; i <= m.last; i++) {
      inIdiom.add(i);
      // A particle of the phrase ("up" of "up front") names no priced item; elsewhere it may
      // help find the sentence ("over" of "pay it off over a few months").
      // Asked for a price, a word the phrase's meaning already reaches ("boxes" of "put our
      // stuff into boxes", packing) is said by the phrase: read alone it finds other boxes.
      // Asked otherwise, so is such a word that is no noun ("ahead" of "how far ahead"): read
      // alone as well it counts twice (a noun, "car" of "leave the car", names the thing).
      if (
        !book.has(stem(raw[i]!)) ||
        (priceRead && (particles.has(raw[i]!) || m.expansions.has(stem(raw[i]!)))) ||
        (m.expansions.has(stem(raw[i]!)) && book.notNoun(raw[i]!))
      )
        wording.add(i);
    }
  // "Can I get a spare key made?": the closing participle is the doing, not the thing
  // (unless a caller idiom reads it: "have my cat fixed").
  const done = haveItDone.exec(text)?.[1]?.toLowerCase();
  if (done && !book.has(stem(done)))
    for (let i = raw.length - 1; i >= 0; i--)
      if (raw[i] === done && !inIdiom.has(i)) {
        wording.add(i);
        break;
      }
  // "Where is the salon?", "can I get up to the salon?", "the address of your shop": a place
  // named by its kind after "the"/"your" is the business called, whatever the question, unless
  // the documents name another place so ("General Hospital").
  const theBusiness = (i: number): boolean =>
    // "Is the building accessible?", "your premises": the place called, in a word the documents
    // never use for it.
    (/^(?:the|your)$/.test(raw[i - 1] ?? '') &&
      /^(?:building|premises|venue|site)$/.test(raw[i]!) &&
      !book.has(stem(raw[i]!))) ||
    (/^(?:the|your|you)$/.test(raw[i - 1] ?? '') &&
      // Outside where-questions only a place ("the salon"), not any organisation ("your labour").
      (shape?.type === 'where' ? ['establishment', 'organization'] : ['establishment']).some((k) =>
        book.isA(raw[i]!, k),
      ) &&
      !properlyNamed(book, raw[i]!));
  // "How long will you hang on to my phone if I can't pick it up?": the condition after a
  // how-long question says when it applies, not what is kept; after a where-question, when the
  // caller needs the place, not what the place is for.
  const cond =
    shape?.type === 'when' || shape?.type === 'duration' || shape?.type === 'where'
      ? (trailingCondition.exec(text) ?? (shape.type === 'where' ? trailingTime.exec(text) : null))
      : undefined;
  const conditionFrom = cond ? raw.length - tokens(digitize(cond[1]!)).length : raw.length;
  const conditionWeight =
    cond && !/^(?:if|unless|in case|when|while)\b/i.test(cond[1]!) ? WHERE_TIME : CONDITION;
  /** Particles of phrasal verbs read as their verb (below). */
  const particleAt = new Set<number>();
  for (let i = 0; i < raw.length; i++) {
    for (const m of idioms) {
      if (m.first !== i || seen.has(m.text) || dayPart.has(m.first)) continue;
      seen.add(m.text);
      // Weighed as the rarest of its strongest meanings: the phrase is what the caller asks about.
      const top = Math.max(...m.expansions.values());
      const idf = [...m.expansions].reduce(
        (v, [e, w]) => (w >= top * 0.95 ? Math.max(v, book.idf(e)) : v),
        0,
      );
      all.push({ surface: m.text, stem: m.text, expansions: m.expansions, idf });
    }
    const w = raw[i]!;
    if (stopWords.has(w) || w.length < 2 || wording.has(i) || particleAt.has(i)) continue;
    if (typed(w) || theBusiness(i)) continue;
    // "When I come in", "pop in": coming to the business says nothing about what is asked.
    if (shape && attendWords.has(w) && !inIdiom.has(i)) continue;
    // "The 1st of January": the idiom says which day (New Year's Day); the month alone would find
    // every sentence dated by a range of months.
    if (whenWords.has(w) && inIdiom.has(i)) continue;
    // A phrasal verb or fixed phrase WordNet knows ("call off" = cancel, "set up") is one word.
    // "Pick my cake up", "give it back": the particle may follow the verb's object.
    const apart = particleAfterObject(raw, i);
    const far = apart !== undefined && book.phrasalVerb(w, raw[apart]!) ? apart : undefined;
    const at = far ?? i + 1;
    const next = raw[at];
    // Not in a price question: a priced item is named by its own words ("check-up", "top-up").
    // Nor inside a caller's idiom: "work out" of "work out a price" is that idiom's wording.
    // Nor a particle that begins a time ("move on a Sunday", "come in March"): a preposition.
    const found =
      next && shape && shape.type !== 'price' && !inIdiom.has(i) && !timeAt(raw, at + 1)
        ? book.phrase(w, next)
        : undefined;
    // A particle after the object is less surely the verb's ("pick him up" of "before I pick him
    // up", a circumstance): its phrase is read as one only when the documents use its meaning
    // closely (a synonym, derived form or shared stem, SEPARATED_PHRASE).
    const phrase =
      found && far !== undefined && Math.max(...found.values()) < SEPARATED_PHRASE ? undefined : found;
    // "Where do I pick up my cake?" of "Cake orders are collected ...": a phrasal verb whose
    // meanings the documents do not use is read as its verb; its particle names no thing, and
    // "I don't have information about up" is no answer.
    if (!phrase && next && shape && shape.type !== 'price' && !inIdiom.has(at) && adverbParticles.has(next))
      if (book.phrasalVerb(w, next)) particleAt.add(at);
    if (phrase) {
      if (far === undefined) i++;
      else particleAt.add(far);
      const s = `${w} ${next}`;
      if (seen.has(s)) continue;
      seen.add(s);
      all.push({ surface: s, stem: s, expansions: phrase, idf: book.idf('') });
      continue;
    }
    const s = stem(w);
    if (seen.has(s)) continue;
    seen.add(s);
    // A month or season is found as itself (and inside the ranges that date a sentence, book.ts),
    // never by WordNet's broader words: "July" is no "month" ("invoiced at the end of the month").
    const expansions = whenWords.has(w) ? new Map(book.has(s) ? [[s, 1]] : []) : book.expand(s, w);
    // "Can you walk my dog on Saturday?" of "We do not walk at weekends": a day is one of the
    // weekend or of the weekdays, as the documents may say them.
    const part = /^(?:satur|sun)days?$/.test(w)
      ? 'weekend'
      : /^(?:mon|tues|wednes|thurs|fri)days?$/.test(w)
        ? 'weekday'
        : undefined;
    if (part && book.has(stem(part)) && !expansions.has(stem(part))) expansions.set(stem(part), DAY_PART);
    // "Do you work weekends?" of "Monday to Saturday" and "a Sunday service": the part of the
    // week is its days, as the documents may name them.
    const days = /^weekends?$/.test(w)
      ? ['saturday', 'sunday']
      : /^weekdays?$/.test(w)
        ? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']
        : [];
    for (const d of days.map(stem))
      if (book.has(d)) expansions.set(d, Math.max(expansions.get(d) ?? 0, DAY_PART));
    // (WordNet's weekday is any day but Sunday; a caller's is Monday to Friday.)
    if (/^weekdays?$/.test(w)) for (const d of ['saturday', 'sunday']) expansions.delete(stem(d));
    // "Can I bring my daughter?" of "You're welcome to bring a friend or relative": a person the
    // documents never name is one of the kinds of person they do, by WordNet's is-a ("daughter"
    // is a relative and a child), which its nearer relatives do not reach.
    if (!book.has(s) && book.isA(w, 'person'))
      for (const kind of personKinds)
        if (book.has(stem(kind)) && book.isA(w, kind))
          expansions.set(stem(kind), Math.max(expansions.get(stem(kind)) ?? 0, KIN));
    // "Can my kids climb on their own?" of "Under 16s must be supervised": children are the
    // documents' young age groups ("under 16s", "under-18s"), whatever other word they use.
    // ("My son is only 5": a person word of no age of its own is young by the age told.)
    if (youngWord(book, w) || (toldYoung && book.isA(w, 'person'))) {
      for (const g of youngGroups(book)) expansions.set(g, Math.max(expansions.get(g) ?? 0, KIN));
      // "Lessons for kids" of "Junior group coaching": the documents' word for young people
      // ("bumpers for younger bowlers" too).
      for (const j of ['junior', 'juniors', 'youth', 'younger'].map(stem))
        if (book.has(j)) expansions.set(j, Math.max(expansions.get(j) ?? 0, JUNIOR));
    }
    // "Can you groom my spaniel?" of a page about dogs: a thing the documents never name and
    // nothing else reaches is one of a kind they do, farther up WordNet's is-a ("spaniel" ->
    // "sporting dog" -> "dog"), weaker than a nearer relative.
    if (!book.has(s) && expansions.size === 0)
      for (const k of book.kindsOf(w)) if (!expansions.has(k)) expansions.set(k, FARTHER_KIND);
    const best = [...expansions.keys()].reduce((m, e) => Math.min(m, book.idf(e)), Infinity);
    if (fillers.has(w)) continue;
    // "Is it suitable for a wheelchair user?", "discounts for dog owners?": a person named by the
    // thing they use or keep is asked about through that thing, which the documents name.
    if (thingsPerson.has(w) && !book.has(s) && i > 0 && book.has(stem(raw[i - 1]!))) continue;
    // "Who's the lady that comes round ...?": in a who-question a person word the documents lack
    // ("lady", "chap", "bloke") is the kind of answer asked for, not what the person does; so is
    // "people" ("who helps people recovering from an injury?": those the person helps).
    if (
      shape?.type === 'who' &&
      !book.has(s) &&
      (book.isA(w, 'person') || peopleWords.has(w)) &&
      ![...expansions.values()].some((v) => v >= 0.8)
    )
      continue;
    const idf = book.has(s) ? book.idf(s) : Number.isFinite(best) ? best : book.idf('');
    const before = raw.slice(Math.max(0, i - 2), i).join(' ') + ' ';
    // What a thing is, is said by its nouns: a word the documents lack weighs less when WordNet
    // knows it only as a verb, adjective or adverb ("replace", "little", "properly"), and so does
    // one the documents know only by a loose link (below 0.6: "protective" -> "dashboard").
    // A number ("a 30 minute massage") qualifies a thing; it rarely names it.
    // "Who owns the company?": a caller naming an organisation means the one they are calling.
    // Who-questions name the person by what they do: there the verb is the subject ("owns").
    // "My daughter", "our kids": whom the question is for, which the documents need not name.
    const weight = /^\d/.test(w)
      ? 0.5
      : book.isA(w, 'organization')
        ? 0.3
        : !book.has(s) && possessive.test(before) && book.isA(w, 'person')
          ? 0.3
          : (book.verbOnly(w) || lightVerbs.has(w)) && shape?.type !== 'who'
            ? 0.4
            : !book.has(s) && ![...expansions.values()].some((v) => v >= 0.6) && book.notNoun(w)
              ? 0.3
              : 1;
    // A word inside an idiom's phrase ("teeth" of "straightening my teeth") says less than the phrase.
    // So does one of a trailing condition ("how long will you keep my phone, if I can't pick it up?").
    all.push({
      surface: w,
      stem: s,
      expansions,
      idf: idf * weight * (inIdiom.has(i) ? IN_IDIOM : 1) * (i >= conditionFrom ? conditionWeight : 1),
    });
  }
  // "Stage 6", "Stages 3 and 4": the numbered name, where the documents have it.
  // (Read from the digitized text, not its tokens: "2-piece" keeps its hyphen.)
  for (const n of new Set(numberedTerms(digitize(text))))
    if (book.has(n))
      all.push({
        surface: n,
        stem: n,
        // "A 4 bedroom ..." names the "4-bed ..." row: its "bed" too, however the caller said it.
        expansions: new Map(
          n.startsWith('bed')
            ? [
                [n, 1],
                ['bed', 1],
              ]
            : [[n, 1]],
        ),
        idf: book.idf(n),
      });
  // The days asked about are one subject word, found in a sentence naming one of those days
  // ("at the weekend" in "Sat 8am-12 noon"; "on a Thursday" in "Thursday and Friday").
  if (shape?.type === 'when' && daysIn(text).size)
    all.push({ surface: DAY_TERM, stem: DAY_TERM, expansions: new Map([[DAY_TERM, 1]]), idf: book.idf('') });
  // "How much are the pony days?" of "we run Pony Days": a name the business gives, said by the
  // caller, keeps its every word ("days" names it here, it does not ask when).
  // (Not when a time is asked: "our Opening Hours" asks when, whatever the page calls it.)
  const titled = shape?.type !== 'when' ? titledPairs(book) : new Set<string>();
  const named = new Set(
    raw.flatMap((w, k) => {
      const next = raw[k + 1];
      return next && titled.has(`${stem(w)} ${stem(next)}`) ? [w, next] : [];
    }),
  );
  const subject = all.filter(
    (q) =>
      named.has(q.surface) ||
      (shape?.type === 'who' && dutyWords.has(q.surface)) ||
      (!typeWords.has(q.surface) &&
        !genericWords.has(q.stem) &&
        !typeWords.has(q.stem) &&
        !(shape?.type === 'duration' && durationVerbs.has(q.surface)) &&
        !((shape === undefined || shape.type === 'price') && payVerbs.has(q.surface))),
  );
  return { subject, all };
}

const titledPairCache = new WeakMap<KnowledgeBook, Set<string>>();
/** Two-word names the documents write in title case ("Pony Days", "Happy Hour"), as stems. */
function titledPairs(book: KnowledgeBook): Set<string> {
  let out = titledPairCache.get(book);
  if (!out) {
    out = new Set();
    for (const s of book.sentences)
      // (Not a sentence's first word, capitalised as any: "Pony days run ..." names nothing.)
      for (const m of s.text.matchAll(/(?<=[a-z,;:] )([A-Z][a-z'-]+) ([A-Z][a-z'-]+)\b/g))
        out.add(`${stem(m[1]!.toLowerCase())} ${stem(m[2]!.toLowerCase())}`);
    titledPairCache.set(book, out);
  }
  return out;
}

/** "How much deposit do we pay?": asked for a price, paying is the question's cue, not its thing. */
const payVerbs: ReadonlySet<string> = new Set(['pay', 'paying', 'spend', 'spending']);

/**
 * Verbs that say little of what is asked, though WordNet knows them as nouns too: "can I keep
 * petrol cans in there?" is about the petrol, not "you keep the only key".
 */
const lightVerbs: ReadonlySet<string> = new Set(['keep', 'keeps', 'put', 'puts']);

/**
 * "How long does a voucher last?", "how long does the course run?": the verb only says how long;
 * "how quickly / how fast / how soon can you deliver?" ask how long it takes.
 */
const durationVerbs: ReadonlySet<string> = new Set([
  'last',
  'lasts',
  'run',
  'runs',
  'quickly',
  'quick',
  'fast',
  'soon',
]);

/**
 * Price words that name a person's duty in a who-question ("who do I speak to about a quote?":
 * the one who "quotes for commercial jobs"); elsewhere they only say a price is asked.
 */
const dutyWords: ReadonlySet<string> = new Set([
  'quote',
  'quotes',
  'quotation',
  'estimate',
  'estimates',
  'pricing',
  'prices',
]);

/**
 * A caller's word as it names a priced item: a word the documents use means that word, not its
 * WordNet relatives. "Neuter" asked where the price list has "dog neuter" and "cat spay" is the
 * neuter; only a word the documents lack ("fixed") is bridged to theirs. Shared stems stay.
 */
export function itemWord(book: KnowledgeBook, q: QueryWord, action?: string): QueryWord {
  if (!book.has(q.stem)) return q;
  // "How much to fix a puncture?" of "Puncture repair: £12": the verb of the question (`action`,
  // when no item is named by it) is the service, which an item names by its own word; a
  // synonym ("repair", 0.9 x 0.75 of WordNet's weight) names it as the caller's word would.
  const min = q.surface === action ? ACTION_SYNONYM : 0.8;
  return { ...q, expansions: new Map([...q.expansions].filter(([, w]) => w >= min)) };
}
/** Least weight of a price question's verb's relative that names an item (a synonym: 0.675). */
const ACTION_SYNONYM = 0.65;

/**
 * The numbers a caller says, in digits: "2 hours", "two hours", and "one" before a unit of time
 * ("a one-hour lesson"; digitize leaves "one" alone, as in "the cheaper one" or "one lesson").
 */
/** The verb of "how much is it to store a few boxes?", "how much to hire a van?", lower case. */
export function priceVerb(text: string): string | undefined {
  return /\bhow much (?:(?:is|does|would|will|does it|would it|will it)\s+(?:it\s+)?(?:cost\s+|be\s+)?)?to (\w+)/i
    .exec(text)?.[1]
    ?.toLowerCase();
}

/** Each number of a question and the stems of the two words after it ("12 solar panels": solar, panel). */
export function countedWords(text: string): Map<string, Set<string>> {
  const words = tokens(digitize(text));
  const out = new Map<string, Set<string>>();
  words.forEach((w, i) => {
    if (/^\d+$/.test(w)) out.set(w, new Set(words.slice(i + 1, i + 3).map(stem)));
  });
  return out;
}

export function askedNumbers(text: string, book?: KnowledgeBook): string[] {
  // "The two-week thing", "a two-bed terrace": a compound the caller says in words names a kind
  // of item more than it states a figure the item must hold ("over two weeks", "up to 3
  // bedrooms"); digitize() makes it "2-week" for matching, not for this test.
  const words = tokens(digitize(spokenLengths(text).replace(spelledCompound, ' ')));
  // The number of a numbered name the documents have ("She's in Stage 2") names the item, it is
  // no count of it: the item's sentence need not hold it alone.
  const named = new Set(
    book ? numberedTerms(words.join(' ')).flatMap((t) => (book.has(t) ? [/\d+$/.exec(t)![0]] : [])) : [],
  );
  // "A small car for 3 days" of "£38 a day, £210 a week": how long the caller wants it is no
  // figure of the item's, unless the documents price that many ("3 nights for £200").
  const span = new Set(
    [...digitize(text).matchAll(/\bfor (\d{1,2}) (day|night|week|month)s?\b/gi)]
      .filter(
        ([, n, unit]) =>
          !book?.sentences.some((s) => new RegExp(`\\b${n}[ -]?${unit}s?\\b`, 'i').test(digitize(s.text))),
      )
      .map(([, n]) => n!),
  );
  return words
    .map((w, i) =>
      w === 'one' && /^(?:minute|hour|night|day|week|month|year)s?$/.test(words[i + 1] ?? '') ? '1' : w,
    )
    .filter((w) => /^\d+(?:\.\d+)?$/.test(w) && !named.has(w) && !span.has(w));
}
