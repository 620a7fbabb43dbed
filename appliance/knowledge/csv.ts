/**
 * RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, embedded newlines in
 * quotes. The delimiter (`,`, `;` or tab) is detected from the first line outside quotes.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const first = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQ = false;
  for (const ch of first) {
    if (ch === '"') inQ = !inQ;
    else if (!inQ && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows.map((r) => r.map((f) => f.trim()));
}

/** True when text looks like a table: >= 2 rows, most with the same field count > 1. */
export function looksLikeCsv(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  const rows = parseCsv(sample).slice(0, 50);
  if (rows.length < 2) return false;
  const width = rows[0]!.length;
  if (width < 2) return false;
  const same = rows.filter((r) => r.length === width).length;
  return same / rows.length >= 0.8;
}
