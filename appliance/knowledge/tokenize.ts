/**
 * Tokenisation shared by BM25 and the embedder. Product codes (`XR-200`, `A4.5`) and numbers
 * (`9.50`, `08:30`) stay intact as one token; for a compound token its parts and the joined form
 * (`xr`, `200`, `xr200`) are indexed too, so "XR 200" and "XR200" from a caller still match.
 */
const tokenRe = /[\p{L}\p{N}]+(?:[-./:'][\p{L}\p{N}]+)*/gu;

export const stopwords: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our so than that the their them then there these they this to us was we were what ' +
    'when where which who whom why will with would you your yours do does can may might shall should am ' +
    "i'm it's you're we're what's don't"
  ).split(' '),
);

/** Lower-cased word tokens in order (no stopword removal), for embedding. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(tokenRe) ?? [];
}

/** Index terms for BM25: stopwords dropped, compound tokens expanded. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const bare = w.replace(/'s$/, '');
    if (stopwords.has(bare)) continue;
    out.push(bare);
    if (/[-./:']/.test(bare)) {
      const parts = bare.split(/[-./:']/).filter((p) => p && !stopwords.has(p));
      for (const p of parts) out.push(p);
      out.push(parts.join(''));
    }
  }
  return out;
}
