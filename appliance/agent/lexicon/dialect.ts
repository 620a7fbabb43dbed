/**
 * Words of one meaning that WordNet 3.0 does not link, added to its relations (wordnet.ts
 * `related`, as synonyms, both ways). British and American trade vocabulary: a UK caller asks
 * for a battery "fitted" where a US page says "installed", a "fitter" is an "installer", a
 * "cooker" is a "stove" and a "hob" a "cooktop". Most such pairs are already synonyms there
 * ("petrol"/"gasoline", "nappy"/"diaper", "lift"/"elevator", "postcode"/"zip", "hoover"/"vacuum"),
 * so this list holds only what `related` was checked to lack, in the sense a caller means (verb
 * "fit", not "a fit" or "fitness"). Left out on purpose: "mobile" (a mobile valeter comes to
 * you), "trainers" (the gym's personal trainers), "pants" (British underwear) and
 * "valeting"/"detailing" ("details" is any page's information).
 */
import type { WordnetPos } from './wordnet.js';

interface Equivalence {
  pos: WordnetPos;
  /** WordNet lemmas (lower case, base form) that mean the same in this sense. */
  lemmas: readonly string[];
}

const equivalences: readonly Equivalence[] = [
  { pos: 'verb', lemmas: ['fit', 'install'] },
  { pos: 'noun', lemmas: ['fitting', 'installation'] },
  { pos: 'noun', lemmas: ['fitter', 'installer'] },
  { pos: 'noun', lemmas: ['cooker', 'stove'] },
  { pos: 'noun', lemmas: ['hob', 'stovetop', 'cooktop'] },
  // A photographer's "20 edited images" are the caller's photos (WordNet's image is a picture,
  // beside the photograph, not one with it).
  { pos: 'noun', lemmas: ['photograph', 'photo', 'image'] },
  // A British pub is often named an inn ("The Ship Inn"); WordNet's inn is a lodging house.
  { pos: 'noun', lemmas: ['pub', 'inn'] },
];

const byLemma = new Map<string, string[]>();
for (const e of equivalences)
  for (const l of e.lemmas) {
    const key = `${e.pos}:${l}`;
    byLemma.set(key, [...(byLemma.get(key) ?? []), ...e.lemmas.filter((o) => o !== l)]);
  }

/** The lemmas that mean what `lemma` (a base form, as a `pos`) means, beyond WordNet's own. */
export function equivalents(lemma: string, pos: WordnetPos): readonly string[] {
  return byLemma.get(`${pos}:${lemma}`) ?? [];
}
