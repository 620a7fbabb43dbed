import type { Wordnet } from './lexicon/wordnet.js';
import { digitize } from './lexicon/numbers.js';
import { impliedWords } from './implied-words.js';
import { numberedTerms } from './numbered.js';
import { contentTokens, nameWord, splitSentences, stem, stopWords, tokens } from './text.js';
import {
  FlatRelationLookup,
  flattenRelations,
  type FlatRelations,
  type RelationLookup,
} from './relations.js';

/**
 * The business's documents as the engine reads them: every sentence once (chunks overlap), with
 * the heading of its section, its stemmed content terms, and the vocabulary's statistics. Built
 * when an agent is compiled. Paraphrases are bridged two ways without an LLM: WordNet relates a
 * caller's word to the document's ("hourly" -> "hour", "older" -> "senior"), and the document's
 * own headings name what the sentences under them are about ("Emergency call-outs").
 */

/** Verbs used in every sense ("take", "get"): a caller's other word reaching one is barely said. */
const lightVerbStems: ReadonlySet<string> = new Set([
  'take',
  'get',
  'have',
  'make',
  'do',
  'put',
  'give',
  'keep',
  'go',
  'come',
]);
/** Most a relative that is a light verb counts. */
const LIGHT_VERB = 0.4;

export interface BookSentence {
  id: number;
  /** The sentence as written (no heading). */
  text: string;
  /** Title of the section it is in ("" when none); FAQ answers have their question here. */
  heading: string;
  document: string;
  terms: Set<string>;
  /** The heading's terms, and those of the sentence it continues ("Classes run on Tuesdays"). */
  headingTerms: Set<string>;
  /** The person the sentence is about when it names them by first name after introducing them. */
  person?: { first: string; full: string };
}

/** "Dr. Luis Moreno", "Grace Liu": a person's full name as a document introduces them. */
const fullName = new RegExp(`\\b(?:(?:Dr|Mr|Mrs|Ms|Prof)\\.?\\s+)?(${nameWord})\\s+${nameWord}\\b`, 'g');
/** Words that open a noun phrase: "Our Jungle Party" is no person called "Our Jungle". */
const determiners = new Set(
  'the a an our your my their his her its this that these those every each all some any no'.split(' '),
);
/** Words that open a sentence continuing the previous one's subject. */
const continuing = new Set(
  'it its they their them this these those he his him she her there such'.split(' '),
);

/**
 * Senses of a phrasal verb read for its synonyms: such verbs have many senses of near-equal use
 * ("pick up": lift, take by hand, give a lift, then collect), and only synonyms the documents
 * use count, so one more is read than of a single word (3). Six was tried: the fifth of "pick
 * up" is "learn, find out", and "when does the office pick up the phone?" found "where to find
 * us".
 */
const PHRASE_SENSES = 4;
/** Weight of a phrasal verb's own verb's matches against the phrase's synonyms (1). */
const PHRASE_VERB = 0.6;
/** Particles of phrasal verbs ("call off", "set up", "look after"). */
const particles = new Set('off up out down over back away after through in on around'.split(' '));

export interface SourceChunk {
  documentId: string;
  title: string;
  text: string;
}

/** Term matches below this weight are ignored (WordNet's farther relations are noise). */
const MIN_RELATED = 0.55;
/** Scale of a WordNet relation's weight against an exact match (1). */
const RELATED_FACTOR = 0.75;
/** Weight of a document word an idiom of the caller's means ("pull a tooth" -> extraction): near a synonym's. */
const IDIOM = 0.85;
/** A caller's word found in the definition of a document's word ("teeth" in "dentistry"'s). */
const GLOSS_FORWARD = 0.5;
/**
 * A phrasal verb means its synonyms (WordNet weight 0.9) and their derived forms (0.8: "cancel"
 * -> "cancellation"); farther relations are not what it means.
 */
const DERIVED = 0.8;
/** A word used this many times more as a verb than as a noun (SemCor counts) is read as a verb ("find"). */
const MAINLY_VERB = 4;
/** Tag counts below this say too little to read a word as mainly a verb. */
const MIN_USAGE = 10;
/** Words every definition uses ("the act of making something"); they say nothing of the meaning. */
const definitionWords = new Set(
  (
    'act acts action activity process state condition quality something someone somebody person people ' +
    'thing things make makes made making use used uses using usually especially often esp etc one ones ' +
    'part way cause causes caused become becomes being having given give gives kind type form ' +
    'esp either other another such same certain various small large good much many several each every ' +
    'without within into onto out over under up down off very not who which whose whom where when'
  ).split(' '),
);
const usefulGlossWord = (w: string): boolean => w.length >= 3 && !stopWords.has(w) && !definitionWords.has(w);

/**
 * A chunk's first line reads as a section title when it is short and has no end punctuation; a
 * note in brackets after the title ("Glasses: lenses (price for a pair, added to the frame)")
 * does not count towards its length.
 */
const headingLine = (line: string): boolean =>
  (line.replace(/\s*\([^()]*\)$/, '').match(/\S+/g) ?? []).length <= 8 &&
  !/[.!?,;]$/.test(line) &&
  !/[$€£]\s?\d/.test(line);

/**
 * A sentence's terms. "Called" before a name ("the stop is called Quay Street") names a thing;
 * it is no phone call, so it is read as "named".
 */
export const termsOf = (text: string): string[] => {
  const digits = digitize(text.replace(/\bcalled(?=\s+(?:the\s+)?[A-Z])/g, 'named'));
  return [...contentTokens(digits), ...numberedTerms(digits)];
};

/**
 * Whether a sentence goes on about the previous one's subject, so that it is found by that
 * subject's words too: it opens with a pronoun ("They are ..."), with a word the previous
 * sentence used ("Clinical Pilates classes are $25. Classes run on Tuesdays"), or with the first
 * name of a person the previous sentence introduced ("Dr. Luis Moreno, our exotics vet. Luis
 * treats rabbits"). Then also who that person is, to say their full name.
 */
export function continuation(
  text: string,
  prev: Pick<BookSentence, 'text' | 'terms'>,
): { person?: { first: string; full: string } } | undefined {
  const first = /^\W*([A-Za-z][\w'-]*)/.exec(text)?.[1];
  if (!first) return undefined;
  // ("Our Jungle Party ... Our Deluxe Party ...": a determiner is no first name.)
  if (!determiners.has(first.toLowerCase()))
    for (const m of prev.text.matchAll(fullName))
      if (m[1] === first && !text.startsWith(m[0])) return { person: { first, full: m[0] } };
  // "They're valid for a year": a contraction's pronoun continues as the pronoun does.
  const w = first.toLowerCase().replace(/'.*$/, '');
  if (continuing.has(w)) return {};
  // Rows of a list open alike ("Service: Cat spay ...", "Service: Dog neuter ..."): parallel
  // items, not one going on about the other.
  if (/^\W*([A-Za-z][\w'-]*)/.exec(prev.text)?.[1]?.toLowerCase() === w) return undefined;
  if (!stopWords.has(w) && w.length > 2 && prev.terms.has(stem(w))) return {};
  return undefined;
}

/**
 * One word is the other with a prefix or suffix ("deliver"/"delivery", "therapy"/"physiotherapy");
 * not one inside the other ("other" is in "hydrotherapy" by chance).
 */
const affixed = (a: string, b: string, isWord?: (w: string) => boolean): boolean => {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.endsWith(short)) return true;
  if (!long.startsWith(short)) return false;
  // What follows the shorter word is a suffix ("deliver"+"y", "sedat"+"ion") or a word of a
  // compound ("physio"+"therapy"), not any ending ("extra" is not "extra"+"ction").
  const rest = long.slice(short.length);
  // A doubled last letter before the ending ("cancel"+"lation", "ship"+"ping").
  const undoubled = rest[0] === short.at(-1) ? rest.slice(1) : rest;
  return (
    suffixes.has(rest) ||
    suffixes.has(undoubled) ||
    (rest.length >= 3 && (!isWord || isWord(rest) || isWord(`${rest}e`)))
  );
};

/** Endings that make one word of another (after text.ts's light stemming). */
const suffixes: ReadonlySet<string> = new Set(
  (
    's es y ies ied i e ed d er ers r ing ion ions tion ation ations ition sion ment ments al ally ' +
    'ly ist ists ism ity ities ness ive ives ance ence ure age ages ery ory ian ians ic ics ical ' +
    'able ible ful less ship hood ee ees or ors ant ants ent ents ize ise ized ised ization ' +
    'isation ette let ling ary ial ier iest est an ate ated ating ator ative ology ologist n ry ren ' +
    'ability ibility ility ism istry'
  ).split(' '),
);

/**
 * What building a book computes, as plain data a worker thread can post (Maps, Sets, arrays and
 * typed arrays survive the structured clone; the class does not): `book-build.ts` builds it off
 * the main thread. The relations travel flat (`relations.ts`).
 */
export interface BookData {
  sentences: BookSentence[];
  df: Map<string, number>;
  surface: Map<string, Set<string>>;
  related: FlatRelations;
  glossRelated: FlatRelations;
}

/** A book's parts as it reads them: relations nested while built here, flat when received. */
interface BookParts {
  sentences: BookSentence[];
  df: Map<string, number>;
  surface: Map<string, Set<string>>;
  related: RelationLookup & Iterable<[string, ReadonlyMap<string, number>]>;
  glossRelated: RelationLookup & Iterable<[string, ReadonlyMap<string, number>]>;
}

function link(
  into: Map<string, Map<string, number>>,
  callerStem: string,
  docStem: string,
  weight: number,
): void {
  if (callerStem === docStem) return;
  const m = into.get(callerStem) ?? into.set(callerStem, new Map()).get(callerStem)!;
  if ((m.get(docStem) ?? 0) < weight) m.set(docStem, weight);
}

export class KnowledgeBook {
  readonly sentences: BookSentence[];
  /** Sentences a stem occurs in (heading included). */
  private readonly df: Map<string, number>;
  /** Surface forms of each stem, for WordNet look-ups. */
  private readonly surface: Map<string, Set<string>>;
  /** Caller stem -> document stems it relates to, with weights (from WordNet over the vocabulary). */
  private readonly related: BookParts['related'];
  /** Caller stem -> document stems whose WordNet definitions use it. */
  private readonly glossRelated: BookParts['glossRelated'];
  private readonly nearCache = new Map<string, number>();
  /** book.idiom() per meaning list (the lexicon's own arrays): a question is read several times. */
  private readonly idiomCache = new WeakMap<readonly string[], Map<string, number>>();

  private constructor(
    private readonly lexicon: Wordnet | undefined,
    data: BookParts,
  ) {
    this.sentences = data.sentences;
    this.df = data.df;
    this.surface = data.surface;
    this.related = data.related;
    this.glossRelated = data.glossRelated;
  }

  /** A book built elsewhere (a worker's `toData()`); the lexicon answers this thread's look-ups. */
  static fromData(data: BookData, lexicon?: Wordnet): KnowledgeBook {
    return new KnowledgeBook(lexicon, {
      ...data,
      related: new FlatRelationLookup(data.related),
      glossRelated: new FlatRelationLookup(data.glossRelated),
    });
  }

  toData(): BookData {
    const { sentences, df, surface } = this;
    return {
      sentences,
      df,
      surface,
      related: flattenRelations(this.related),
      glossRelated: flattenRelations(this.glossRelated),
    };
  }

  static build(chunks: readonly SourceChunk[], lexicon?: Wordnet): KnowledgeBook {
    const related = new Map<string, Map<string, number>>();
    const glossRelated = new Map<string, Map<string, number>>();
    const book = new KnowledgeBook(lexicon, {
      sentences: [],
      df: new Map(),
      surface: new Map(),
      related,
      glossRelated,
    });
    const seen = new Set<string>();
    for (const c of chunks) {
      let body = c.text.trim();
      let heading = '';
      const faq = /^Q:\s*([^\n]+)\nA:\s*([\s\S]*)$/.exec(body);
      if (faq) {
        heading = faq[1]!.trim();
        body = faq[2]!.trim();
      } else {
        const nl = body.indexOf('\n');
        const first = nl < 0 ? '' : body.slice(0, nl).trim();
        if (first && headingLine(first)) {
          heading = first;
          body = body.slice(nl + 1);
        }
      }
      let prev: BookSentence | undefined;
      // A list item's bullet ("- To leave, give us 14 days' notice") is layout, not words said.
      for (const text of splitSentences(body).map((x) => x.replace(/^[-*•]\s+/, ''))) {
        const key = `${heading}|${text.toLowerCase()}`;
        if (text.length < 3 || seen.has(key)) {
          prev = book.sentences.find((x) => `${x.heading}|${x.text.toLowerCase()}` === key);
          continue;
        }
        seen.add(key);
        // "Missed a class? Make it up in another class this term." (text.ts joins a paragraph's
        // own short question to its answer): the question tells what the answer is about, as an
        // FAQ's question does, and is not said back to the caller.
        const asked = /^([^?]{3,100}\?)\s+(\S[^?]*)$/.exec(text);
        prev = asked
          ? book.add(asked[2]!, heading, c.documentId, prev, asked[1])
          : book.add(text, heading, c.documentId, prev);
      }
    }
    book.learnRelations(related, glossRelated);
    return book;
  }

  private add(
    text: string,
    heading: string,
    document: string,
    prev?: BookSentence,
    asked = '',
  ): BookSentence {
    const terms = new Set(termsOf(text));
    // "From November to February we finish at 4.00 pm" is found by "January" and "winter" too;
    // "5% off" by "discount" (implied-words.ts).
    for (const t of termsOf(impliedWords(text).join(' '))) terms.add(t);
    const headingTerms = new Set(termsOf(`${heading} ${asked}`));
    const c = prev ? continuation(text, prev) : undefined;
    if (c) for (const t of prev!.terms) if (!terms.has(t)) headingTerms.add(t);
    for (const t of new Set([...terms, ...headingTerms])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const w of tokens(`${heading} ${asked} ${digitize(text)}`)) {
      if (stopWords.has(w) || w.length < 2 || /\d/.test(w)) continue;
      const s = stem(w);
      (this.surface.get(s) ?? this.surface.set(s, new Set()).get(s))?.add(w);
    }
    const sentence: BookSentence = {
      id: this.sentences.length,
      text,
      heading,
      document,
      terms,
      headingTerms,
      ...(c?.person ? { person: c.person } : {}),
    };
    this.sentences.push(sentence);
    return sentence;
  }

  /** For every word of the documents, the WordNet lemmas related to it point back at it. */
  private learnRelations(
    related: Map<string, Map<string, number>>,
    glossRelated: Map<string, Map<string, number>>,
  ): void {
    if (!this.lexicon) return;
    for (const [docStem, forms] of this.surface) {
      for (const form of forms) {
        for (const r of this.lexicon.related(form)) {
          if (r.weight < MIN_RELATED || /\s/.test(r.lemma)) continue;
          link(related, stem(r.lemma), docStem, r.weight);
        }
        for (const g of this.lexicon.glossWords(form))
          if (usefulGlossWord(g)) link(glossRelated, stem(g), docStem, GLOSS_FORWARD);
      }
    }
  }

  get size(): number {
    return this.sentences.length;
  }

  has(stemmed: string): boolean {
    return this.df.has(stemmed);
  }

  /** Inverse document frequency over sentences; a word the documents never use weighs most. */
  idf(stemmed: string): number {
    const n = this.sentences.length || 1;
    return Math.log(1 + n / ((this.df.get(stemmed) ?? 0) + 0.5));
  }

  /**
   * The document stems a caller's word may mean, with weights: itself (1), a shared prefix of
   * five letters or more (0.8: "deliver"/"delivery"), and WordNet relations both ways.
   */
  expand(word: string, surfaceForm?: string, affixes = true): Map<string, number> {
    const out = new Map<string, number>();
    const put = (s: string, w: number): void => {
      // ("Hire" -> "take": a light verb the documents use in every sense says nothing of the
      // caller's word; "Can I take the car abroad?" is not "can I hire a car?".)
      const said = s !== word && lightVerbStems.has(s) ? Math.min(w, LIGHT_VERB) : w;
      if (this.df.has(s) && (out.get(s) ?? 0) < said) out.set(s, said);
    };
    put(word, 1);
    if (word.length >= 5 && affixes)
      for (const s of this.df.keys())
        if (s.length >= 5 && s !== word && affixed(s, word, this.isWord)) put(s, 0.8);
    // A short word as the end or start of a compound ("chip" / "microchip", "book" / "booking").
    if (word.length === 4 && !/\d/.test(word) && affixes)
      for (const s of this.df.keys())
        // (Not a numbered term, "player2" of "2 players": that is the word and a count.)
        if (s.length >= 7 && !/\d/.test(s) && (s.endsWith(word) || s.startsWith(word))) put(s, 0.7);
    // A related word counts less than the word itself or a shared stem: "bring" must not beat
    // "delivery" written out.
    for (const [s, w] of this.related.get(word) ?? []) put(s, w * RELATED_FACTOR);
    if (this.lexicon && surfaceForm) {
      for (const r of this.lexicon.related(surfaceForm))
        if (r.weight >= MIN_RELATED && !/\s/.test(r.lemma)) put(stem(r.lemma), r.weight * RELATED_FACTOR);
    }
    // Definitions bridge only words the documents do not use themselves: a word they use has
    // its own sentences, and definitions are too loose a link to compete with those. Only a
    // document word's definition naming the caller's word counts ("dentistry ... the teeth"):
    // the caller's own definitions ("castrate: remove the testicles of a male animal") name
    // everything else too, and answered questions about things the documents lack (measured).
    if (!this.df.has(word)) for (const [s, w] of this.glossRelated.get(word) ?? []) put(s, w);
    return out;
  }

  /**
   * The document stem's own WordNet definition uses the caller's word ("alignment: ... in a
   * straight line" for "lined"), whether or not the documents use that word themselves: 0..1.
   */
  defines(callerStem: string, docStem: string): number {
    return this.glossRelated.get(callerStem)?.get(docStem) ?? 0;
  }

  /**
   * A looser link than expand()'s between a caller's word and one document stem, for naming a
   * priced item only (where a runner-up margin guards it): the caller word's own definition
   * uses the document word ("normal: conforming with ... a standard"), `w.gloss`; or both are
   * kinds of the same thing, one step up each ("claw"/"nail"), `w.sibling`, or one and two
   * steps ("appointment"/"consultation"), `w.cousin`. 0 without WordNet or link.
   */
  near(callerWord: string, docStem: string, w: { gloss: number; sibling: number; cousin: number }): number {
    const wn = this.lexicon;
    const forms = this.surface.get(docStem);
    if (!wn || !forms) return 0;
    const key = `${callerWord}|${docStem}`;
    const hit = this.nearCache.get(key);
    if (hit !== undefined) return hit;
    let out = 0;
    const gloss = wn.glossWords(callerWord).filter(usefulGlossWord).map(stem);
    if (
      gloss.some(
        (g) => g === docStem || (g.length >= 5 && docStem.length >= 5 && affixed(g, docStem, this.isWord)),
      )
    )
      out = w.gloss;
    const mine = wn.hypernymKeys(callerWord);
    // Two nouns of one kind are often two different things ("cat" and "dog", "fringe" and
    // "beard"): they count only when their definitions also share a word ("claw" and "nail":
    // both "... toe"). Two verbs of one kind are ways of doing the same ("clip", "trim").
    const myGloss = new Set(gloss);
    for (const form of forms)
      for (const [k, d] of wn.hypernymKeys(form)) {
        if (
          k.startsWith('noun:') &&
          mine.has(k) &&
          !wn
            .glossWords(form)
            .filter(usefulGlossWord)
            .some((g) => myGloss.has(stem(g)))
        )
          continue;
        const steps = d + (mine.get(k) ?? 9);
        if (steps === 2) out = Math.max(out, w.sibling);
        else if (steps === 3) out = Math.max(out, w.cousin);
      }
    this.nearCache.set(key, out);
    return out;
  }

  /**
   * A caller's word and a document stem name two kinds of one thing ("cat" and "dog"): a
   * caller asking for one does not ask for the other. False without WordNet.
   */
  sameKind(callerWord: string, docStem: string): boolean {
    const wn = this.lexicon;
    if (!wn) return false;
    return [...(this.surface.get(docStem) ?? [docStem])].some((f) => wn.sameKind(callerWord, f));
  }

  /** WordNet knows the word (any part of speech); false without WordNet. */
  knowsWord(word: string): boolean {
    const wn = this.lexicon;
    return !!wn && (['noun', 'verb', 'adj', 'adv'] as const).some((p) => wn.lemmas(word, p).length > 0);
  }

  /** The two words are a phrasal verb WordNet knows ("pick up"), whatever its senses lead to. */
  phrasalVerb(verb: string, particle: string): boolean {
    const wn = this.lexicon;
    if (!wn || !particles.has(particle)) return false;
    return [verb, ...wn.lemmas(verb, 'verb')].some((b) => wn.lemmas(`${b}_${particle}`, 'verb').length > 0);
  }

  /**
   * A phrasal verb WordNet knows ("call off" = cancel, "set up", "drop off"): the document stems
   * its synonyms and derived forms lead to, as `expand` finds them for a single word; undefined
   * when the two words are no such phrase. Only verb + particle: other word pairs are read apart.
   */
  phrase(verb: string, particle: string): Map<string, number> | undefined {
    const wn = this.lexicon;
    if (!wn || !particles.has(particle)) return undefined;
    const bases = new Set([verb, ...wn.lemmas(verb, 'verb')]);
    const lemma = [...bases].map((b) => `${b}_${particle}`).find((l) => wn.lemmas(l, 'verb').length > 0);
    if (!lemma) return undefined;
    const out = new Map<string, number>();
    for (const r of wn.related(lemma, PHRASE_SENSES)) {
      // Synonyms only, and no shared-prefix guesses from them ("come out" = "emerge", not "emergency").
      // Derived forms of the synonyms too: "call off" = "cancel", which a document names as
      // "cancellations" (weight 0.8, below a synonym's 0.9).
      if (r.weight < DERIVED || /\s/.test(r.lemma)) continue;
      for (const [s, w] of this.expand(stem(r.lemma), r.lemma, false)) {
        const v = w * r.weight;
        if ((out.get(s) ?? 0) < v) out.set(s, v);
      }
    }
    // A phrase whose meaning the documents do not use is read as its words ("come out").
    if (!out.size) return undefined;
    // The verb alone still says part of it, weaker.
    for (const [s, w] of this.expand(stem(verb), verb))
      if ((out.get(s) ?? 0) < w * PHRASE_VERB) out.set(s, w * PHRASE_VERB);
    return out;
  }

  /**
   * The document stems an idiom's meanings lead to (lexicon/idioms.ts), IDIOM weight each: a
   * one-word meaning with its shared-prefix forms ("microchip" -> "microchipping"), a longer
   * one by its rarest word, and only where one sentence says all of its words ("gift card").
   * Empty when the documents use none of the meanings: the caller's words are then read alone.
   */
  idiom(means: readonly string[]): Map<string, number> {
    const hit = this.idiomCache.get(means);
    if (hit) return hit;
    const out = new Map<string, number>();
    for (const m of means) {
      const stems = tokens(m)
        .filter((w) => !stopWords.has(w))
        .map(stem);
      if (!stems.length || !stems.every((s) => this.df.has(s))) continue;
      if (stems.length === 1) {
        for (const [s, w] of this.expand(stems[0]!)) if ((out.get(s) ?? 0) < w * IDIOM) out.set(s, w * IDIOM);
        continue;
      }
      // A longer meaning counts where one sentence (or its heading) says all of it together.
      if (!this.sentences.some((x) => stems.every((t) => x.terms.has(t) || x.headingTerms.has(t)))) continue;
      const rarest = stems.reduce((a, b) => (this.idf(b) > this.idf(a) ? b : a));
      if ((out.get(rarest) ?? 0) < IDIOM) out.set(rarest, IDIOM);
    }
    this.idiomCache.set(means, out);
    return out;
  }

  /** WordNet knows the noun as a kind of `ancestor` ("physio" -> "person"); false without WordNet. */
  isA(word: string, ancestor: string): boolean {
    return this.lexicon?.isA(word, ancestor) ?? false;
  }

  /** The document stems of a noun's farther kinds (WordNet hypernyms 2 to 3 steps up). */
  kindsOf(word: string): string[] {
    return (this.lexicon?.ancestors(word) ?? [])
      .filter((w) => !/\s/.test(w) && this.has(stem(w)))
      .map((w) => stem(w));
  }

  /** WordNet knows the word as a verb and not as a noun ("replace", "straighten"). */
  verbOnly(word: string): boolean {
    const wn = this.lexicon;
    if (!wn) return false;
    if (wn.lemmas(word, 'noun').length === 0 && wn.lemmas(word, 'verb').length > 0) return true;
    // Or used as a verb far more than as a noun ("find", "leave", "pay"): the rare noun sense
    // ("a find", "on leave") is not what a caller means.
    // A word the documents use is read as they use it ("the travel charge"); a noun of its own
    // form ("walking", "cleaning": an activity a caller asks the price of) names a thing.
    const w = word.toLowerCase();
    if (this.df.has(stem(word))) return false;
    if (wn.lemmas(w, 'noun').includes(w) && !wn.lemmas(w, 'verb').includes(w)) return false;
    const verb = wn.usage(word, 'verb');
    return verb >= MIN_USAGE && verb >= MAINLY_VERB * wn.usage(word, 'noun');
  }

  /**
   * WordNet knows the word as a noun and uses it no more as an adjective or adverb ("steam",
   * "boxing"; not "short"), nor mainly as a verb ("put"); false without WordNet.
   */
  nounLike(word: string): boolean {
    const wn = this.lexicon;
    if (!wn || wn.lemmas(word, 'noun').length === 0 || this.verbOnly(word)) return false;
    const noun = wn.usage(word, 'noun');
    return wn.usage(word, 'adj') <= noun && wn.usage(word, 'adv') <= noun;
  }

  /** A verb's third-person form WordNet knows ("speaks", "covers"): a profile line without its subject. */
  verbForm(word: string): boolean {
    const wn = this.lexicon;
    return !!wn && /[^s]s$/i.test(word) && wn.lemmas(word.toLowerCase(), 'verb').length > 0;
  }

  /** WordNet's tagged corpus uses the word more as an adjective than as a noun ("electric", "deep"). */
  mainlyAdjective(word: string): boolean {
    const wn = this.lexicon;
    return !!wn && wn.usage(word, 'adj') > wn.usage(word, 'noun');
  }

  /**
   * WordNet knows the word as an adjective, not as a noun, and its corpus uses it no more as
   * another part of speech ("hot", "online"; not "barely", "swallow").
   */
  adjective(word: string): boolean {
    const wn = this.lexicon;
    if (!wn || wn.lemmas(word, 'noun').length || !wn.lemmas(word, 'adj').length) return false;
    const adj = wn.usage(word, 'adj');
    return wn.usage(word, 'verb') <= adj && wn.usage(word, 'adv') <= adj;
  }

  /** WordNet knows the word, but not as a noun ("little", "properly", "castrated"). */
  notNoun(word: string): boolean {
    const wn = this.lexicon;
    if (!wn || wn.lemmas(word, 'noun').length) return false;
    return (['verb', 'adj', 'adv'] as const).some((p) => wn.lemmas(word, p).length > 0);
  }

  /** A word WordNet knows (any part of speech); true without WordNet. */
  knows(word: string): boolean {
    return this.isWord(word.toLowerCase());
  }

  private readonly isWord = (w: string): boolean => {
    const wn = this.lexicon;
    return !wn || (['noun', 'verb', 'adj', 'adv'] as const).some((p) => wn.lemmas(w, p).length > 0);
  };

  /** WordNet knows the two words as one noun ("wisdom tooth", "oil change"); false without WordNet. */
  compound(first: string, second: string): boolean {
    return (this.lexicon?.lemmas(`${first}_${second}`, 'noun').length ?? 0) > 0;
  }

  /** Every document stem (for the knowledge graph's vocabulary checks). */
  vocabulary(): IterableIterator<string> {
    return this.df.keys();
  }
}

/** The sentences of a sentence's section: same document and heading, contiguous. */
export function sectionOf(book: KnowledgeBook, s: BookSentence): BookSentence[] {
  const same = (x: BookSentence | undefined): x is BookSentence =>
    !!x && x.document === s.document && x.heading === s.heading;
  let a = s.id;
  while (same(book.sentences[a - 1])) a--;
  let b = s.id;
  while (same(book.sentences[b + 1])) b++;
  return book.sentences.slice(a, b + 1);
}
