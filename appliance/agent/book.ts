import type { Wordnet } from './lexicon/wordnet.js';
import { digitize } from './lexicon/numbers.js';
import { contentTokens, splitSentences, stem, stopWords, tokens } from './text.js';

/**
 * The business's documents as the engine reads them: every sentence once (chunks overlap), with
 * the heading of its section, its stemmed content terms, and the vocabulary's statistics. Built
 * when an agent is compiled. Paraphrases are bridged two ways without an LLM: WordNet relates a
 * caller's word to the document's ("hourly" -> "hour", "older" -> "senior"), and the document's
 * own headings name what the sentences under them are about ("Emergency call-outs").
 */

export interface BookSentence {
  id: number;
  /** The sentence as written (no heading). */
  text: string;
  /** Title of the section it is in ("" when none); FAQ answers have their question here. */
  heading: string;
  document: string;
  terms: Set<string>;
  headingTerms: Set<string>;
}

export interface SourceChunk {
  documentId: string;
  title: string;
  text: string;
}

/** Term matches below this weight are ignored (WordNet's farther relations are noise). */
const MIN_RELATED = 0.55;
/** Scale of a WordNet relation's weight against an exact match (1). */
const RELATED_FACTOR = 0.75;
/** A caller's word found in the definition of a document's word ("teeth" in "dentistry"'s). */
const GLOSS_FORWARD = 0.5;
/** A document's word found in the definition of the caller's word ("unblock" -> "obstruction"). */
const GLOSS_BACKWARD = 0.45;
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

/** A chunk's first line reads as a section title when it is short and has no end punctuation. */
const headingLine = (line: string): boolean =>
  (line.match(/\S+/g) ?? []).length <= 8 && !/[.!?,;]$/.test(line) && !/[$€£]\s?\d/.test(line);

export const termsOf = (text: string): string[] => contentTokens(digitize(text));

export class KnowledgeBook {
  readonly sentences: BookSentence[] = [];
  /** Sentences a stem occurs in (heading included). */
  private readonly df = new Map<string, number>();
  /** Surface forms of each stem, for WordNet look-ups. */
  private readonly surface = new Map<string, Set<string>>();
  /** Caller stem -> document stems it relates to, with weights (from WordNet over the vocabulary). */
  private readonly related = new Map<string, Map<string, number>>();
  /** Caller stem -> document stems whose WordNet definitions use it. */
  private readonly glossRelated = new Map<string, Map<string, number>>();

  private constructor(private readonly lexicon: Wordnet | undefined) {}

  static build(chunks: readonly SourceChunk[], lexicon?: Wordnet): KnowledgeBook {
    const book = new KnowledgeBook(lexicon);
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
      for (const text of splitSentences(body)) {
        const key = `${heading}|${text.toLowerCase()}`;
        if (text.length < 3 || seen.has(key)) continue;
        seen.add(key);
        book.add(text, heading, c.documentId);
      }
    }
    book.learnRelations();
    return book;
  }

  private add(text: string, heading: string, document: string): void {
    const terms = new Set(termsOf(text));
    const headingTerms = new Set(termsOf(heading));
    for (const t of new Set([...terms, ...headingTerms])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const w of tokens(`${heading} ${digitize(text)}`)) {
      if (stopWords.has(w) || w.length < 2 || /\d/.test(w)) continue;
      const s = stem(w);
      (this.surface.get(s) ?? this.surface.set(s, new Set()).get(s))?.add(w);
    }
    this.sentences.push({ id: this.sentences.length, text, heading, document, terms, headingTerms });
  }

  /** For every word of the documents, the WordNet lemmas related to it point back at it. */
  private learnRelations(): void {
    if (!this.lexicon) return;
    for (const [docStem, forms] of this.surface) {
      for (const form of forms) {
        for (const r of this.lexicon.related(form)) {
          if (r.weight < MIN_RELATED || /\s/.test(r.lemma)) continue;
          this.link(stem(r.lemma), docStem, r.weight);
        }
        for (const g of this.lexicon.glossWords(form))
          if (usefulGlossWord(g)) this.link(stem(g), docStem, GLOSS_FORWARD, this.glossRelated);
      }
    }
  }

  private link(
    callerStem: string,
    docStem: string,
    weight: number,
    into: Map<string, Map<string, number>> = this.related,
  ): void {
    if (callerStem === docStem) return;
    const m = into.get(callerStem) ?? into.set(callerStem, new Map()).get(callerStem)!;
    if ((m.get(docStem) ?? 0) < weight) m.set(docStem, weight);
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
  expand(word: string, surfaceForm?: string): Map<string, number> {
    const out = new Map<string, number>();
    const put = (s: string, w: number): void => {
      if (this.df.has(s) && (out.get(s) ?? 0) < w) out.set(s, w);
    };
    put(word, 1);
    if (word.length >= 5)
      for (const s of this.df.keys())
        if (s.length >= 5 && s !== word && (s.includes(word) || word.includes(s))) put(s, 0.8);
    // A short word as the end or start of a compound ("chip" / "microchip", "book" / "booking").
    if (word.length === 4 && !/\d/.test(word))
      for (const s of this.df.keys())
        if (s.length >= 7 && (s.endsWith(word) || s.startsWith(word))) put(s, 0.7);
    // A related word counts less than the word itself or a shared stem: "bring" must not beat
    // "delivery" written out.
    for (const [s, w] of this.related.get(word) ?? []) put(s, w * RELATED_FACTOR);
    if (this.lexicon && surfaceForm) {
      for (const r of this.lexicon.related(surfaceForm))
        if (r.weight >= MIN_RELATED && !/\s/.test(r.lemma)) put(stem(r.lemma), r.weight * RELATED_FACTOR);
    }
    // Definitions bridge only words the documents do not use themselves: a word they use has
    // its own sentences, and definitions are too loose a link to compete with those.
    if (!this.df.has(word)) {
      for (const [s, w] of this.glossRelated.get(word) ?? []) put(s, w);
      if (this.lexicon && surfaceForm)
        for (const g of this.lexicon.glossWords(surfaceForm))
          if (usefulGlossWord(g) && stem(g) !== word) put(stem(g), GLOSS_BACKWARD);
    }
    return out;
  }

  /** WordNet knows the word as a verb and not as a noun ("replace", "straighten"). */
  verbOnly(word: string): boolean {
    if (!this.lexicon) return false;
    return this.lexicon.lemmas(word, 'noun').length === 0 && this.lexicon.lemmas(word, 'verb').length > 0;
  }

  /** WordNet knows the word, but not as a noun ("little", "properly", "castrated"). */
  notNoun(word: string): boolean {
    const wn = this.lexicon;
    if (!wn || wn.lemmas(word, 'noun').length) return false;
    return (['verb', 'adj', 'adv'] as const).some((p) => wn.lemmas(word, p).length > 0);
  }

  /** Every document stem (for the knowledge graph's vocabulary checks). */
  vocabulary(): IterableIterator<string> {
    return this.df.keys();
  }
}
