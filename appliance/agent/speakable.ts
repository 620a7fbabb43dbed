/**
 * Turns display text into what a TTS engine should say: 24 h times to "5:30 PM", prices to
 * "12 dollars 50", phone numbers digit by digit, street abbreviations expanded. The text channel
 * shows the display form; the voice channel speaks this one.
 */

/** "09:00" -> "9 AM", "17:30" -> "5:30 PM", "12:00" -> "12 PM", "00:15" -> "12:15 AM". */
export function spokenTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return hhmm;
  const suffix = h < 12 ? 'AM' : 'PM';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return min === 0 ? `${h12} ${suffix}` : `${h12}:${m[2]} ${suffix}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

const currencies: Record<string, [string, string, string, string]> = {
  $: ['dollar', 'dollars', 'cent', 'cents'],
  '€': ['euro', 'euros', 'cent', 'cents'],
  '£': ['pound', 'pounds', 'penny', 'pence'],
};

function spokenPrice(symbol: string, whole: string, cents: string | undefined): string {
  const [one, many, centOne, centMany] = currencies[symbol] ?? currencies.$!;
  const w = Number(whole.replace(/,/g, ''));
  const c = cents ? Number(cents.padEnd(2, '0')) : 0;
  if (w === 0 && c > 0) return `${c} ${c === 1 ? centOne : centMany}`;
  const main = `${whole.replace(/,/g, '')} ${w === 1 ? one : many}`;
  return c > 0 ? `${main} ${c}` : main;
}

const digitsSpoken = (s: string): string =>
  s
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map((group) => group.split('').join(' '))
    .join(', ');

const streetWords: Record<string, string> = {
  St: 'Street',
  Ave: 'Avenue',
  Rd: 'Road',
  Blvd: 'Boulevard',
  Ln: 'Lane',
  Hwy: 'Highway',
  Pkwy: 'Parkway',
  Ct: 'Court',
  Pl: 'Place',
  Sq: 'Square',
  Dr: 'Drive',
  Ste: 'Suite',
  Apt: 'Apartment',
};

export function speakable(text: string): string {
  let s = text;
  // Phone numbers first, before their digit groups look like anything else: 7+ digits with
  // separators, or a leading +.
  s = s.replace(/(?<![\w$€£.:])(\+?\(?\d[\d\s().-]{5,}\d)(?![\w:])/g, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) return m;
    if (/^\d{1,3}(,\d{3})+$/.test(m) || /^\d+\.\d+$/.test(m)) return m;
    return (m.startsWith('+') ? 'plus ' : '') + digitsSpoken(m);
  });
  s = s.replace(
    /([$€£])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\b/g,
    (_m, sym: string, w: string, c?: string) => spokenPrice(sym, w, c),
  );
  s = s.replace(/\b([01]?\d|2[0-3]):([0-5]\d)\b(?!\s?(?:[AaPp]\.?[Mm]\b))/g, (_m, h: string, mm: string) =>
    spokenTime(`${h.padStart(2, '0')}:${mm}`),
  );
  s = s.replace(
    /\b(\d{1,2}):00\s?([AaPp])\.?[Mm]\.?/g,
    (_m, h: string, ap: string) => `${h} ${ap.toUpperCase()}M`,
  );
  s = s.replace(
    /\b(\d{1,2}(?::\d{2})?)\s?([ap])\.?m\.?(?=\W|$)/g,
    (_m, t: string, ap: string) => `${t} ${ap.toUpperCase()}M`,
  );
  // "Dr. Smith" is a doctor, "Oak Dr." a drive; "St. Mary" a saint, "Main St." a street.
  s = s.replace(/\bDr\.\s+(?=[A-Z][a-z])/g, (m, offset: number) =>
    /[A-Z][a-z]+\s$/.test(s.slice(Math.max(0, offset - 20), offset)) ? m : 'Doctor ',
  );
  s = s.replace(/(^|[^A-Za-z])St\.\s+(?=[A-Z][a-z])/g, (m, pre: string, offset: number) =>
    /(?:\b[A-Z][a-z]*|\d+(?:st|nd|rd|th)?)\s$/.test(s.slice(Math.max(0, offset - 20), offset + pre.length))
      ? m
      : `${pre}Saint `,
  );
  s = s.replace(
    /(?<=[A-Za-z0-9]\s)(St|Ave|Rd|Blvd|Ln|Hwy|Pkwy|Ct|Pl|Sq|Dr|Ste|Apt)\b\.?/g,
    (_m, ab: string) => streetWords[ab] ?? ab,
  );
  s = s.replace(/\s&\s/g, ' and ').replace(/(\d)\s?%/g, '$1 percent');
  s = s.replace(/\b(?:e\.g\.|eg\.)/gi, 'for example').replace(/\betc\./gi, 'and so on');
  return s.replace(/\s{2,}/g, ' ').trim();
}
