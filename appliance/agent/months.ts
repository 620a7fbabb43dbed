/**
 * Months and seasons as documents and callers say them: "a night in October", "from November to
 * February", "over the summer". Prices by season (price-condition.ts) and the knowledge book's
 * terms (book.ts: a sentence dated by a range is found by any month inside it) read them here.
 */

export const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Months of the northern-hemisphere seasons and of the holidays priced as seasons (0 = January). */
const seasonMonths: Readonly<Record<string, readonly number[]>> = {
  spring: [2, 3, 4],
  summer: [5, 6, 7],
  autumn: [8, 9, 10],
  fall: [8, 9, 10],
  winter: [11, 0, 1],
  christmas: [11],
  easter: [2, 3],
};

/**
 * A month as a document or caller writes it: the full name, a document's capitalised short form
 * ("Nov", "Sept"); "may" only where it is a month ("in May", "May to September"), not the verb.
 */
const monthRe =
  /\b(january|february|march|april|june|july|august|september|october|november|december)\b|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|\b(?:(?:in|during|for|over|until|till|from|to|of|early|late|mid)\s+(may)|(May)(?=\s*(?:to|-|–|through|until|and)\s))\b/gi;

function monthAt(word: string): number {
  const w = word.toLowerCase().slice(0, 3);
  return monthNames.findIndex((m) => m.startsWith(w));
}

/** Months a text names, ranges ("November to March", "Apr–Oct") and seasons ("summer") included. */
export function monthsIn(text: string): Set<number> {
  const out = new Set<number>();
  const found = [...text.matchAll(monthRe)].map((m) => {
    const word = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
    // "to May": the month starts at its own word, so "January to May" reads as a range.
    const at = m.index + m[0].lastIndexOf(word);
    return { at, end: at + word.length, month: monthAt(word) };
  });
  // "From Easter until the end of October": a holiday opens a range at its first month.
  for (const m of text.matchAll(/\b(?:from|between)\s+(easter|christmas)\b/gi)) {
    const at = m.index + m[0].length - m[1]!.length;
    found.push({ at, end: at + m[1]!.length, month: seasonMonths[m[1]!.toLowerCase()]![0]! });
  }
  found.sort((a, b) => a.at - b.at);
  for (const f of found) if (f.month >= 0) out.add(f.month);
  // "November to March": every month between, across the year's end.
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1]!;
    if (a.month < 0 || b.month < 0) continue;
    const joined = text.slice(a.end, b.at);
    // "between October and March" is a range too; "October and March" alone names two months.
    const between =
      /\bbetween\s+$/i.test(text.slice(Math.max(0, a.at - 12), a.at)) && /^\s*and\s*$/i.test(joined);
    // "until the end of October" ends the range with October.
    // "1 March to 31 October": a day of the month before the second month.
    const to =
      /^\s*(?:to|-|–|through|thru|until|till)(?:\s+the\s+(?:end|middle|start|beginning)\s+of)?(?:\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?)?\s*$/i;
    if (!between && !to.test(joined)) continue;
    for (let m = a.month; m !== b.month; m = (m + 1) % 12) out.add(m);
  }
  for (const w of text.toLowerCase().match(/\b[a-z]+\b/g) ?? [])
    for (const m of seasonMonths[w] ?? []) out.add(m);
  return out;
}

/** Words of a price question that say when, not what: months and seasons. */
export const whenWords: ReadonlySet<string> = new Set([
  ...monthNames.filter((m) => m !== 'may'),
  ...Object.keys(seasonMonths).filter((w) => w !== 'christmas' && w !== 'easter'),
]);

/** Whether a text names one of the `asked` months (a range or a season by the months it covers). */
export function namesMonthOf(text: string, asked: ReadonlySet<number>): boolean {
  return [...monthsIn(text)].some((m) => asked.has(m));
}

/** Whether what a text says holds in the `asked` months: it names no month, or one of them. */
export function holdsAt(text: string, asked: ReadonlySet<number>): boolean {
  return monthsIn(text).size === 0 || namesMonthOf(text, asked);
}

/** "The middle of winter", "the end of March": a part of a time of year, itself a when. */
const partOfWhen = new RegExp(
  `\\b(middle|start|beginning|end|height|depths|dead) of (?:the )?(?:${[...whenWords].join('|')})\\b`,
  'gi',
);

/**
 * Whether a word of `text` says when rather than what: a month or season, or the part of one it
 * names ("middle" in "in the middle of winter").
 */
export function isWhenWord(word: string, text: string): boolean {
  if (whenWords.has(word)) return true;
  return [...text.toLowerCase().matchAll(partOfWhen)].some((m) => m[1] === word);
}

/** Season names a set of months covers: at least two of the season's three months. */
function seasonsOf(months: ReadonlySet<number>): string[] {
  return ['spring', 'summer', 'autumn', 'winter'].filter(
    (s) => (seasonMonths[s] ?? []).filter((m) => months.has(m)).length >= 2,
  );
}

/**
 * The months and seasons a text dates by a range of months ("From November to February we
 * finish at 4.00 pm") or by a season ("closed for two weeks in the summer"), as words: every month
 * inside it that the text does not name, and each season the months cover (at least two of its
 * three): "december", "january", "winter". A caller who asks "in January?" or "in the middle of
 * winter?" is asking about that sentence, though it names neither. Nothing for a text that only
 * names months: those are already its own words.
 */
export function monthRangeWords(text: string): string[] {
  const named = new Set<number>();
  for (const m of text.matchAll(monthRe)) named.add(monthAt((m[1] ?? m[2] ?? m[3] ?? m[4])!));
  const all = monthsIn(text);
  const inside = [...all].filter((m) => !named.has(m));
  if (!inside.length) return [];
  return [...inside.map((m) => monthNames[m]!), ...seasonsOf(all)];
}
