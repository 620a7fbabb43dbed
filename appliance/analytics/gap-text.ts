/**
 * How near-duplicate caller questions are told apart: a question's key is its content words
 * (lower case, stop words out, a light suffix stemmer), and two questions are the same gap when
 * the Jaccard similarity of their keys reaches `sameGapJaccard`.
 */

/** Words that carry no topic in a caller's question ("can you tell me what ..."). */
const stopWords: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with about from as is are was were be been being am do does did ' +
    'have has had i me my we our ours you your yours he him his she her hers it its they them their this that these ' +
    'those there here what which who whom whose when where why how can could would should will shall may might must ' +
    'please just so very really also any some much many more most not no yes hi hello hey ok okay um uh er like get ' +
    'got tell know want wanted need wonder wondering let us im id thing things one sorry thanks thank there s'
  ).split(' '),
);

/** Suffix stripping, enough to put "prices"/"price"/"priced" and "parking"/"park" together. */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** The question's key: distinct stemmed content words, sorted. */
export function gapTokens(question: string): string[] {
  const words = question
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'(s|re|ve|ll|d|m|t)\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !stopWords.has(w))
    .map(stemWord);
  return [...new Set(words)].sort();
}

/** |a ∩ b| / |a ∪ b| of two keys (0 when both are empty). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (!a.length && !b.length) return 0;
  const sa = new Set(a);
  let both = 0;
  for (const w of new Set(b)) if (sa.has(w)) both += 1;
  return both / (sa.size + new Set(b).size - both);
}

/**
 * Two questions of one gap share at least half their content words: "do you do gift vouchers"
 * and "can I buy a gift voucher" (gift, voucher / buy, gift, voucher: 2 of 3) are one gap, "do
 * you sell gift cards" and "do you do wedding cakes" (nothing shared) are two.
 */
export const sameGapJaccard = 0.5;

/** The open gap a question belongs to, or undefined: the most similar one at or over the threshold. */
export function closestGap<T extends { tokens: readonly string[] }>(
  key: readonly string[],
  gaps: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestScore = sameGapJaccard;
  for (const g of gaps) {
    const s = jaccard(key, g.tokens);
    if (s >= bestScore && (!best || s > bestScore)) {
      best = g;
      bestScore = s;
    }
  }
  return best;
}
