import type { NumberEntry } from './types.js';

/** Rows one list may hold (header excluded); more is a 413 naming the limit. */
export const maxNumbersPerList = 100_000;
/** Bytes of one CSV upload: 100k rows of number and name fit in ~6 MiB; refuse more early. */
export const maxCsvBytes = 8 * 1024 * 1024;

/** E.164 allows 15 digits; plain digit strings (extensions, national numbers) need at least 3. */
const maxDigits = 15;
const minPlainDigits = 3;
/** With a `+` (or 00 prefix): country code and subscriber number, at least 7 digits. */
const minE164Digits = 7;

/** `sip:user@host[:port]` with no parameters, headers or spaces (what a campaign list may name). */
const sipAddress = /^sips?:[A-Za-z0-9._~+-]{1,64}@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/i;

/**
 * A phone number as stored and dialed: `+` and digits (E.164; `00` read as `+`) or plain digits,
 * or a SIP address (`sip:user@host[:port]`).
 * Spaces, dots, dashes, slashes and parentheses are dropped; anything else (letters,
 * extensions written as `x12`) makes it invalid: undefined.
 */
export function normalizeNumber(raw: string): string | undefined {
  const t = raw.trim();
  // A SIP address (an extension on a SIP PBX, a softphone): dialed as written, lower-case scheme;
  // the outbound policy (outbound.allowNetworks) decides at dial time whether it may be reached.
  if (/^sips?:/i.test(t))
    return sipAddress.test(t) ? t.replace(/^sips?/i, (m) => m.toLowerCase()) : undefined;
  let s = t.replace(/[\s.\-/()]/g, '');
  let plus = false;
  if (s.startsWith('+')) {
    plus = true;
    s = s.slice(1);
  } else if (s.startsWith('00') && s.length > 2) {
    plus = true;
    s = s.slice(2);
  }
  if (!/^\d+$/.test(s) || s.length > maxDigits) return undefined;
  if (plus) return s.length >= minE164Digits && !s.startsWith('0') ? `+${s}` : undefined;
  return s.length >= minPlainDigits ? s : undefined;
}

export interface InvalidRow {
  /** 1-based line of the file (or index of a JSON list). */
  line: number;
  value: string;
  reason: 'invalid-number' | 'empty';
}

export interface ParsedNumbers {
  entries: NumberEntry[];
  invalid: InvalidRow[];
  /** Rows dropped because their number came earlier in the same list. */
  duplicates: number;
}

/** Fields per physical line start: RFC 4180 with quotes, `,` `;` or tab, CRLF or LF. */
function* csvRows(text: string, delimiter: string): Generator<{ line: number; fields: string[] }> {
  let line = 1;
  let startLine = 1;
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      inQuotes = true;
      field = '';
    } else if (ch === delimiter) {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field.trim());
      yield { line: startLine, fields: row };
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row = [];
      field = '';
      line++;
      startLine = line;
    } else field += ch;
  }
  row.push(field.trim());
  if (row.length > 1 || row[0] !== '') yield { line: startLine, fields: row };
}

const numberHeaders = [
  'number',
  'phone',
  'phone_number',
  'phonenumber',
  'phone number',
  'telephone',
  'mobile',
  'tel',
];
const nameHeaders = ['name', 'contact', 'contact_name', 'contact name', 'full name', 'full_name'];

function delimiterOf(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/**
 * A number list from CSV text. The number is the column headed `number`/`phone` (and similar),
 * else the first column; a `name` column is kept as the contact's name. A first row whose
 * number cell is not a number is a header. Invalid rows are reported with their line, repeats
 * of a number are dropped (first kept), blank lines skipped. Throws RangeError past `maxRows`.
 */
export function parseNumberCsv(text: string, maxRows = maxNumbersPerList): ParsedNumbers {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = delimiterOf(body.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '');
  let numberCol = 0;
  let nameCol = -1;
  let first = true;
  const out: ParsedNumbers = { entries: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  let rows = 0;
  for (const { line, fields } of csvRows(body, delimiter)) {
    if (fields.every((f) => f === '')) continue;
    if (first) {
      first = false;
      const lower = fields.map((f) => f.toLowerCase());
      const n = lower.findIndex((f) => numberHeaders.includes(f));
      const isHeader = n >= 0 || normalizeNumber(fields[0] ?? '') === undefined;
      if (isHeader && (n >= 0 || /[a-z]/i.test(fields[0] ?? ''))) {
        numberCol = Math.max(n, 0);
        nameCol = lower.findIndex((f) => nameHeaders.includes(f));
        continue;
      }
    }
    if (++rows > maxRows) throw new RangeError(`a list holds at most ${maxRows} numbers`);
    const raw = fields[numberCol] ?? '';
    const name = nameCol >= 0 ? (fields[nameCol] ?? '').slice(0, 200) || null : null;
    addEntry(out, seen, raw, name, line);
  }
  return out;
}

/** The same checks for a JSON list: each item a number or `{ number, name }`; line = index + 1. */
export function parseNumberList(
  items: readonly (string | { number: string; name?: string | null })[],
): ParsedNumbers {
  const out: ParsedNumbers = { entries: [], invalid: [], duplicates: 0 };
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const raw = typeof item === 'string' ? item : item.number;
    const name = typeof item === 'string' ? null : (item.name ?? null);
    addEntry(out, seen, raw, name, i + 1);
  });
  return out;
}

function addEntry(
  out: ParsedNumbers,
  seen: Set<string>,
  raw: string,
  name: string | null,
  line: number,
): void {
  if (raw.trim() === '') {
    out.invalid.push({ line, value: '', reason: 'empty' });
    return;
  }
  const number = normalizeNumber(raw);
  if (!number) {
    out.invalid.push({ line, value: raw.slice(0, 64), reason: 'invalid-number' });
    return;
  }
  if (seen.has(number)) {
    out.duplicates++;
    return;
  }
  seen.add(number);
  out.entries.push({ number, name, line });
}
