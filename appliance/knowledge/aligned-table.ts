/**
 * Tables in plain text, their columns lined up with spaces or tabs as an e-mailed price sheet
 * does:
 *
 *   Size              Per week   Per month
 *   Locker, 10 sq ft  £5.50      £22
 *
 * Collapsing the spaces would make each row one run of words ("Locker, 10 sq ft £5.50 £22"), in
 * which no figure says which column it is. A run of lines is a table when some character columns
 * are blank in every one of its lines, two or more wide: those are the gaps between the table's
 * columns, and a cell left empty in one row still falls under its own heading. Prose with two
 * spaces after a full stop rarely has them at the same place in consecutive lines, and then no
 * gap is common to all of them.
 */

/** Tab stops every 8 characters, as an editor shows them (a tab-aligned sheet lines up so). */
const TAB = 8;
/** Blank characters in every line that make a gap between columns. */
const MIN_GAP = 2;

/** A paragraph's lines cut into what is prose and what is a table. */
export type AlignedPart = { kind: 'lines'; lines: string[] } | { kind: 'table'; rows: string[][] };

function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

/** A line with two words apart by a gap: a row of some table, if its neighbours agree. */
const gapped = (line: string): boolean => /\S {2,}\S/.test(line.trimStart());

/**
 * The cells of `lines` cut at the gaps every line shares, or undefined when they share none
 * (or a line would have fewer than two cells, or nothing in its first).
 */
function cut(lines: readonly string[]): string[][] | undefined {
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  const body = lines.map((l) => l.slice(indent).trimEnd());
  const width = Math.max(...body.map((l) => l.length));
  const blank = (p: number): boolean => body.every((l) => p >= l.length || l[p] === ' ');
  const gaps: [number, number][] = [];
  for (let p = 1; p < width; p++) {
    if (!blank(p)) continue;
    let q = p;
    while (q < width && blank(q)) q++;
    if (q - p >= MIN_GAP && q < width) gaps.push([p, q]);
    p = q;
  }
  if (!gaps.length) return undefined;
  const rows = body.map((l) => {
    const cells: string[] = [];
    let from = 0;
    for (const [a, b] of gaps) {
      cells.push(l.slice(from, a).trim());
      from = b;
    }
    cells.push(l.slice(from).trim());
    return cells;
  });
  const ok = rows.every((r) => r[0] !== '' && r.filter(Boolean).length >= 2);
  return ok ? rows : undefined;
}

/**
 * Splits a paragraph's lines (as written, spaces kept) into prose and tables. A table is two or
 * more consecutive lines with a gap that share their gaps; any other line is prose.
 */
export function alignedParts(paragraph: string): AlignedPart[] {
  const lines = paragraph.split('\n').map(expandTabs);
  const parts: AlignedPart[] = [];
  const prose = (line: string): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'lines') last.lines.push(line);
    else parts.push({ kind: 'lines', lines: [line] });
  };
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && gapped(lines[j]!)) j++;
    const rows = j - i >= 2 ? cut(lines.slice(i, j)) : undefined;
    if (rows) {
      parts.push({ kind: 'table', rows });
      i = j;
    } else {
      prose(lines[i]!);
      i++;
    }
  }
  return parts;
}
