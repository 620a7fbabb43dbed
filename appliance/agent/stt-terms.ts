/**
 * Hook between speech recognition and retrieval: before a phone transcript is looked up in the
 * knowledge, words that SOUND like one of the agent's key terms but are not one ("vacation" for
 * "vaccination", "dental clean in" for "dental cleaning") are replaced by that term. Key terms are
 * the content words (and adjacent content-word pairs) of the agent's STT phrases, i.e. its
 * intents, FAQs and documents (see stt-phrases.ts). Typed chat text does not go through this.
 *
 * Use: `const fix = await heardTermMapper(phrases); const q = fix(transcript).text;`
 * Without the pronunciation dictionary (pocketsphinx-en-us not installed) the mapper is the
 * identity.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  CALLER_PATTERNS,
  DEFAULT_PS_MODEL_DIR,
  FUNCTION_WORDS,
  PhoneticMatcher,
  PronunciationDictionary,
  corpusSentences,
  keyTerms,
  normalizeWords,
  type TermMapping,
} from '../../models/index.js';

let dict: Promise<PronunciationDictionary | undefined> | undefined;
const cache = new Map<string, Promise<(transcript: string) => TermMapping>>();
const CACHE_MAX = 32; // agents whose mappers stay built (each ~ a few hundred terms)

function dictionary(): Promise<PronunciationDictionary | undefined> {
  dict ??= PronunciationDictionary.load(path.join(DEFAULT_PS_MODEL_DIR, 'cmudict-en-us.dict')).catch(
    () => undefined,
  );
  return dict;
}

/** Key terms of the phrases: content words and pairs of adjacent content words. */
export function sttKeyTerms(phrases: readonly string[]): string[] {
  const single = keyTerms(phrases);
  const out = new Set<string>(single);
  for (const w of corpusSentences(phrases))
    for (let i = 0; i + 1 < w.length; i++)
      if (single.has(w[i] ?? '') && single.has(w[i + 1] ?? '')) out.add(`${w[i]} ${w[i + 1]}`);
  return [...out];
}

/** A transcript -> corrected transcript function for one agent's phrases (cached by content). */
export function heardTermMapper(phrases: readonly string[]): Promise<(transcript: string) => TermMapping> {
  const key = createHash('sha1').update(phrases.join('\n')).digest('hex');
  let m = cache.get(key);
  if (!m) {
    m = (async () => {
      const d = await dictionary();
      if (!d) return (t: string) => ({ text: t, replacements: [] });
      // Every word the agent or a caller would plausibly say is taken as heard right.
      const vocabulary = [
        ...phrases.flatMap((p) => normalizeWords(p)),
        ...CALLER_PATTERNS.flatMap((p) => normalizeWords(p)),
        ...FUNCTION_WORDS,
      ];
      const matcher = await PhoneticMatcher.build(sttKeyTerms(phrases), d, { vocabulary });
      return (t: string) => matcher.map(t);
    })();
    m.catch(() => cache.delete(key));
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, m);
  }
  return m;
}
