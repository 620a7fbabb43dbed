/**
 * Text normalisation for recognition vocabularies and WER scoring.
 */

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

/** Spells 0..999999 in words; longer digit runs are read digit by digit. */
export function numberToWords(n: number): string {
  if (!Number.isFinite(n) || n < 0 || n > 999999 || !Number.isInteger(n)) {
    return String(n)
      .split('')
      .filter((c) => c >= '0' && c <= '9')
      .map((d) => ONES[Number(d)])
      .join(' ');
  }
  if (n < 20) return ONES[n] ?? '';
  if (n < 100) return `${TENS[Math.floor(n / 10)] ?? ''}${n % 10 ? ' ' + (ONES[n % 10] ?? '') : ''}`;
  if (n < 1000)
    return `${ONES[Math.floor(n / 100)] ?? ''} hundred${n % 100 ? ' ' + numberToWords(n % 100) : ''}`;
  return `${numberToWords(Math.floor(n / 1000))} thousand${n % 1000 ? ' ' + numberToWords(n % 1000) : ''}`;
}

/** Lower-case words: digits spelled out, punctuation dropped, apostrophes kept inside words. */
export function normalizeWords(text: string): string[] {
  const spelled = text.replace(/\d+/g, (d) =>
    d.length <= 6
      ? ` ${numberToWords(Number(d))} `
      : ` ${d
          .split('')
          .map((c) => ONES[Number(c)] ?? '')
          .join(' ')} `,
  );
  return spelled
    .toLowerCase()
    .replace(/[^a-z'\s-]/g, ' ')
    .replace(/-/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Word error rate (substitutions + deletions + insertions) / reference words. */
export function wordErrorRate(
  reference: string,
  hypothesis: string,
): { wer: number; errors: number; words: number } {
  const r = normalizeWords(reference);
  const h = normalizeWords(hypothesis);
  const prev = new Array<number>(h.length + 1);
  for (let j = 0; j <= h.length; j++) prev[j] = j;
  for (let i = 1; i <= r.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= h.length; j++) {
      const up = prev[j] ?? 0;
      const cost = r[i - 1] === h[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  const errors = prev[h.length] ?? 0;
  return { wer: r.length === 0 ? (h.length === 0 ? 0 : 1) : errors / r.length, errors, words: r.length };
}
