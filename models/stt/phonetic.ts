/**
 * Recognition-error-tolerant term mapping: a key term of the agent's knowledge that the
 * recogniser misheard as similar-sounding words ("dental cleaning" heard as "dental clean in",
 * "vaccination" as "vacation") is mapped back to the term before retrieval.
 *
 * Both sides are compared as ARPAbet phone strings (CMUdict as shipped with pocketsphinx; espeak-ng
 * for words it lacks) with a weighted edit distance in which confusable phones (vowels among
 * themselves, voiced/voiceless pairs, nasals) cost less than unrelated ones. A window of 1..3
 * heard words is replaced by a term when the distance per term phone is at most `maxDistance`
 * (default 0.2) and the window is not made only of words the agent knows (its terms and the
 * `vocabulary` given: the agent's other words, caller phrasing, function words). That rule keeps
 * "sunday" from becoming "monday" and "for my" from becoming "forty".
 */
import { normalizeWords } from './text.js';
import type { PronunciationDictionary } from './pronounce.js';

const VOWELS = new Set([
  'AA',
  'AE',
  'AH',
  'AO',
  'AW',
  'AY',
  'EH',
  'ER',
  'EY',
  'IH',
  'IY',
  'OW',
  'OY',
  'UH',
  'UW',
]);
/** Phone classes whose members are commonly confused on narrow-band speech. */
const CLASSES: readonly (readonly string[])[] = [
  ['P', 'B'],
  ['T', 'D', 'DH', 'TH'],
  ['K', 'G'],
  ['F', 'V', 'TH'],
  ['S', 'Z', 'SH', 'ZH'],
  ['CH', 'JH', 'SH'],
  ['M', 'N', 'NG'],
  ['L', 'R', 'ER'],
  ['W', 'UW'],
  ['Y', 'IY'],
  ['HH'],
];

function subCost(a: string, b: string): number {
  if (a === b) return 0;
  if (VOWELS.has(a) && VOWELS.has(b)) return 0.4;
  for (const c of CLASSES) if (c.includes(a) && c.includes(b)) return 0.5;
  return 1;
}

/** Weighted Levenshtein over phone arrays (insert/delete 1; vowels 0.6: often reduced or lost). */
export function phoneDistance(a: readonly string[], b: readonly string[]): number {
  const indel = (p: string | undefined): number => (p !== undefined && VOWELS.has(p) ? 0.6 : 1);
  let prev = new Array<number>(b.length + 1);
  prev[0] = 0;
  for (let j = 1; j <= b.length; j++) prev[j] = (prev[j - 1] ?? 0) + indel(b[j - 1]);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = (prev[0] ?? 0) + indel(a[i - 1]);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + indel(a[i - 1]),
        (cur[j - 1] ?? 0) + indel(b[j - 1]),
        (prev[j - 1] ?? 0) + subCost(a[i - 1] ?? '', b[j - 1] ?? ''),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export interface TermMapping {
  /** The transcript with misheard windows replaced by the matched terms. */
  readonly text: string;
  readonly replacements: readonly { heard: string; term: string; distance: number }[];
}

interface Term {
  words: string[];
  phones: string[];
}

export interface PhoneticMatcherOptions {
  /** Max distance per term phone to accept a replacement. Default 0.2. */
  maxDistance?: number;
  /** Words that are never misrecognitions to repair (besides the terms' own words). */
  vocabulary?: Iterable<string>;
  /** Terms with fewer phones are not matched (too many false hits). Default 4. */
  minPhones?: number;
}

export class PhoneticMatcher {
  private constructor(
    private readonly terms: readonly Term[],
    private readonly known: ReadonlySet<string>,
    private readonly dict: PronunciationDictionary,
    private readonly opts: Required<Omit<PhoneticMatcherOptions, 'vocabulary'>>,
  ) {}

  /**
   * `terms`: key terms of the knowledge (single words or short phrases, e.g. "dental cleaning").
   * Words without a CMUdict entry get an espeak-ng pronunciation; those with neither are skipped.
   */
  static async build(
    terms: readonly string[],
    dict: PronunciationDictionary,
    opts: PhoneticMatcherOptions = {},
  ): Promise<PhoneticMatcher> {
    const lists = [
      ...new Map(
        terms
          .map((t) => normalizeWords(t))
          .filter((w) => w.length > 0 && w.length <= 3)
          .map((w) => [w.join(' '), w] as const),
      ).values(),
    ];
    const words = [...new Set(lists.flat())];
    const { added } = await dict.guess(words);
    const phonesOf = (w: string): string[] | undefined =>
      dict.phones(w) ??
      added
        .get(w)
        ?.split(' ')
        .filter((p) => p.length > 0);
    const out: Term[] = [];
    for (const w of lists) {
      const ph = w.map(phonesOf);
      if (ph.some((p) => p === undefined || p.length === 0)) continue;
      out.push({ words: w, phones: ph.flat() as string[] });
    }
    return new PhoneticMatcher(out, new Set([...words, ...(opts.vocabulary ?? [])]), dict, {
      maxDistance: opts.maxDistance ?? 0.2,
      minPhones: opts.minPhones ?? 4,
    });
  }

  get size(): number {
    return this.terms.length;
  }

  /** Replaces heard word windows that sound like a key term but are not one. */
  map(transcript: string): TermMapping {
    const heard = normalizeWords(transcript);
    const phones = heard.map((w) => this.dict.phones(w));
    interface Cand {
      start: number;
      end: number;
      term: Term;
      d: number;
    }
    const cands: Cand[] = [];
    for (let i = 0; i < heard.length; i++) {
      for (let n = 1; n <= 3 && i + n <= heard.length; n++) {
        const win = heard.slice(i, i + n);
        // Windows made only of known words were heard right (or are another term).
        if (win.every((w) => this.known.has(w))) continue;
        const ph = phones.slice(i, i + n);
        if (ph.some((p) => p === undefined)) continue;
        const wp = ph.flat() as string[];
        for (const t of this.terms) {
          if (t.phones.length < this.opts.minPhones) continue;
          if (Math.abs(t.phones.length - wp.length) > t.phones.length * this.opts.maxDistance + 1) continue;
          const d = phoneDistance(wp, t.phones) / t.phones.length;
          if (d <= this.opts.maxDistance) cands.push({ start: i, end: i + n, term: t, d });
        }
      }
    }
    // Best (lowest distance, then longest) non-overlapping windows.
    cands.sort((a, b) => a.d - b.d || b.end - b.start - (a.end - a.start));
    const taken = new Array<boolean>(heard.length).fill(false);
    const chosen: Cand[] = [];
    for (const c of cands) {
      let free = true;
      for (let k = c.start; k < c.end; k++) if (taken[k]) free = false;
      if (!free) continue;
      for (let k = c.start; k < c.end; k++) taken[k] = true;
      chosen.push(c);
    }
    chosen.sort((a, b) => a.start - b.start);
    const out: string[] = [];
    const replacements: { heard: string; term: string; distance: number }[] = [];
    let i = 0;
    for (const c of chosen) {
      out.push(...heard.slice(i, c.start), ...c.term.words);
      replacements.push({
        heard: heard.slice(c.start, c.end).join(' '),
        term: c.term.words.join(' '),
        distance: Number(c.d.toFixed(3)),
      });
      i = c.end;
    }
    out.push(...heard.slice(i));
    return { text: out.join(' '), replacements };
  }
}
