/**
 * Sentence splitting for streamed TTS: sentence ends are [.!?] followed by space and a capital /
 * digit / quote, except after abbreviations (Dr., e.g., a.m. before a lower-case word) and
 * initials; "3.5" never splits. Pieces longer than `maxChars` are cut at , ; : then at spaces.
 * The first piece may be cut shorter (`firstMaxChars`) so audio starts sooner.
 */

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'sr',
  'jr',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'nr',
  'approx',
  'ave',
  'blvd',
  'rd',
  'mt',
  'ft',
  'dept',
  'est',
  'fig',
  'gen',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'u.s',
  'ph.d',
  'tel',
  'ext',
  'min',
  'max',
]);
/** Abbreviations that often end a sentence: split after them only before a capitalised word. */
const SOFT_END = new Set(['etc', 'a.m', 'p.m', 'inc', 'ltd', 'co', 'corp']);

export interface SplitOptions {
  /** Default 180 characters. */
  maxChars?: number;
  /** Default 80 characters; set equal to maxChars to disable. */
  firstMaxChars?: number;
}

export function splitSentences(text: string, opts: SplitOptions = {}): string[] {
  const maxChars = Math.max(20, opts.maxChars ?? 180);
  const firstMax = Math.max(20, Math.min(maxChars, opts.firstMaxChars ?? 80));
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) return [];
  const sentences: string[] = [];
  let start = 0;
  const re = /[.!?]+["')\]]*(?=\s)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean)) !== null) {
    const end = m.index + m[0].length;
    const before = clean.slice(start, m.index);
    const lastToken = (/(\S+)$/.exec(before)?.[1] ?? '').toLowerCase().replace(/^["'(]+/, '');
    const next = clean.slice(end + 1, end + 2);
    const nextIsStart = /[A-Z0-9"'(]/.test(next);
    if (!nextIsStart) continue;
    if (m[0].startsWith('.') && m[0].length === 1) {
      const bare = lastToken.replace(/\.$/, '');
      if (/^[a-z]$/i.test(bare) && !/^[ai]$/i.test(bare)) continue; // initial: "J. Smith"
      if (
        ABBREVIATIONS.has(bare) &&
        !(SOFT_END.has(bare) && /[A-Z]/.test(next) && !isLikelyName(clean, end + 1))
      )
        continue;
    }
    sentences.push(clean.slice(start, end).trim());
    start = end + 1;
  }
  if (start < clean.length) sentences.push(clean.slice(start).trim());
  const out: string[] = [];
  for (const s of sentences.filter((x) => x.length > 0)) {
    out.push(...cutLong(s, out.length === 0 ? firstMax : maxChars, maxChars));
  }
  return out;
}

/** "9 a.m. Monday": a weekday/month after a.m./p.m. continues the sentence. */
function isLikelyName(text: string, at: number): boolean {
  const word = (/^\w+/.exec(text.slice(at))?.[0] ?? '').toLowerCase();
  return /^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(word);
}

function cutLong(s: string, firstLimit: number, limit: number): string[] {
  const pieces: string[] = [];
  let rest = s;
  let cap = firstLimit;
  while (rest.length > cap) {
    const window = rest.slice(0, cap + 1);
    // Prefer the last clause boundary in the window, but not absurdly early.
    let cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(': '));
    if (cut < cap * 0.3) cut = -1;
    if (cut >= 0) cut += 1;
    else {
      cut = window.lastIndexOf(' ');
      if (cut <= 0) cut = cap;
    }
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
    cap = limit;
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
