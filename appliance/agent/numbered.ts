/**
 * Numbered names: "Stage 6", "Level 2", "Zone 3", "Unit 4", "iPhone 15". A small number after a
 * noun names one of a series; alone it is no index term (single digits are dropped as words),
 * so "who teaches Stage 3?" could not tell "Stages 3 and 4" from "Stages 5 to 7". Both sides
 * get one term per numbered name, "stage3", and a range or list in the documents ("Stages 5 to
 * 7", "Stages 1, 2 and 3") gets one per number it covers.
 */
import { stem, stopWords, tokens } from './text.js';

/** Largest number of a series read as a name (ages, years and prices are larger or have units). */
const MAX_NUMBER = 99;
/** Longest range expanded ("Stages 1 to 7"); a wider one ("from 1 to 500") is no series. */
const MAX_RANGE = 12;

/** A number followed by one of these is a quantity ("6 swimmers", "30 min"), not a name. */
const units = new Set(
  (
    'am pm min mins minute minutes hour hours hr hrs day days night nights week weeks month months year years ' +
    'yr yrs mile miles m km metre metres meter meters ft feet foot inch inches cm mm kg g lb lbs litre litres ' +
    'percent per x people person swimmers children adults kids dogs cats seats rooms bedrooms times pence p'
  ).split(' '),
);
/** Words before a number that say how many or when, never which one ("under 16", "Saturday 10"). */
const notNames = new Set(
  (
    'aged age ages under over from until till up about around approx approximately only least most ' +
    'than plus minus call ring text tel phone number no nos monday tuesday wednesday thursday friday ' +
    'saturday sunday january february march april may june july august september october november ' +
    'december jan feb mar apr jun jul aug sep sept oct nov dec every each first last next within ' +
    'after before between by for to of on in at and or the a an price cost costs fee fees'
  ).split(' '),
);

/** The numbered-name terms of a text ("stage3", "stage4" for "Stages 3 and 4"). */
export function numberedTerms(text: string): string[] {
  const w = tokens(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    const noun = w[i]!;
    if (noun.length < 3 || !/^[a-z]+$/.test(noun) || stopWords.has(noun) || notNames.has(noun)) continue;
    const numbers = series(w, i + 1);
    if (numbers.length) for (const n of numbers) out.push(`${stem(noun)}${n}`);
  }
  // A home's size names it the other way round: "a 4-bed detached", "a four bedroom house"
  // ("bed4"), so that "4 bedroom detached" tells "4-bed detached" from "3-bed semi-detached".
  for (let i = 0; i + 1 < w.length; i++)
    if (/^\d{1,2}$/.test(w[i]!) && /^(?:bed|beds|bedroom|bedrooms|bedroomed)$/.test(w[i + 1]!))
      out.push(`bed${Number(w[i])}`);
  // A count joined to its noun names a kind: "a 2-piece suit" (said "two-piece", digitize()
  // makes it "2-piece") is told from a "3-piece" one by "piece2"; not a length ("2-week").
  for (const m of text.toLowerCase().matchAll(/\b(\d{1,2})-([a-z]{3,})\b/g))
    if (!units.has(m[2]!) && !units.has(`${m[2]!}s`) && !/^bed/.test(m[2]!))
      out.push(`${stem(m[2]!)}${Number(m[1])}`);
  return out;
}

/** The numbers of a series from `at`: "3", "3 and 4", "5 to 7", "1 2 and 3"; none if a unit follows. */
function series(w: readonly string[], at: number): number[] {
  const num = (s: string | undefined): number | undefined =>
    s !== undefined && /^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_NUMBER
      ? Number(s)
      : undefined;
  const first = num(w[at]);
  if (first === undefined) return [];
  const out = [first];
  let i = at + 1;
  for (;;) {
    const joiner = w[i];
    const next = joiner === 'to' || joiner === 'and' || joiner === 'or' ? num(w[i + 1]) : num(joiner);
    if (next === undefined) break;
    const step = joiner === 'to' || joiner === 'and' || joiner === 'or' ? 2 : 1;
    if (joiner === 'to') {
      const from = out.at(-1)!;
      if (next <= from || next - from > MAX_RANGE) break;
      for (let n = from + 1; n <= next; n++) out.push(n);
    } else out.push(next);
    i += step;
  }
  return units.has(w[i] ?? '') ? [] : out;
}
