/**
 * N-best rescoring against the agent's knowledge: among the decoder's distinct alternatives,
 * prefer the one that uses more of the agent's key terms (its documents' content words), as long
 * as its decoder score is close. The bonus is in the decoder's own score units (log base 1.0001
 * as pocketsphinx reports path scores), per key-term word; tuned by `npm run bench:stt`.
 */
import { CALLER_PATTERNS } from './agent-lm.js';
import { normalizeWords } from './text.js';

export interface Scored {
  readonly hyp: string;
  readonly score: number;
}

/** Function words, fillers and number words: never key terms, whatever the documents say. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at for from by with about as into over under is are was ' +
    'were be been being am do does did done have has had having i you he she it we they me him her ' +
    'us them my your his its our their this that these those there here what which who whom whose ' +
    'when where why how can could would should will shall may might must not no yes so than then ' +
    'too very just also only all any some each every more most other such own same one two three ' +
    'four five six seven eight nine ten up out off again once please thank thanks okay hello hi ' +
    "we're you're it's i'm don't can't isn't aren't zero eleven twelve thirteen fourteen fifteen " +
    'sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety ' +
    'hundred thousand'
  ).split(' '),
);

/** Content words of the agent's phrases that are not generic caller phrasing. */
export function keyTerms(phrases: readonly string[]): Set<string> {
  const generic = new Set(CALLER_PATTERNS.flatMap((p) => normalizeWords(p)));
  const out = new Set<string>();
  for (const p of phrases)
    for (const w of normalizeWords(p))
      if (w.length > 2 && !FUNCTION_WORDS.has(w) && !generic.has(w)) out.add(w);
  return out;
}

/** Decoder alternatives re-ranked: score + bonus per key-term word (distinct per hypothesis). */
export function rescoreNbest(nbest: readonly Scored[], terms: ReadonlySet<string>, bonus: number): Scored[] {
  return nbest
    .map((n, i) => {
      const words = new Set(normalizeWords(n.hyp));
      let hits = 0;
      for (const w of words) if (terms.has(w)) hits++;
      return { hyp: n.hyp, score: n.score + bonus * hits, i };
    })
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ hyp, score }) => ({ hyp, score }));
}
