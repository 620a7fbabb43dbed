import { cleanText, textBlocks, type Block } from './blocks.js';

/**
 * A PDF page's layout rebuilt from pdf.js text items: a PDF has no paragraphs, headings or
 * tables, only strings drawn at positions. Read in drawing order, a price list's three columns
 * ("Service  Price  Time") come out as one run of words, a section title as the first words of
 * its first sentence, and a sentence wrapped over two lines as two "sentences". Here items are
 * grouped into lines by baseline, lines into cells by horizontal gaps; then
 * - a line in a larger font than the body text (or alone in another font, short, unpunctuated)
 *   is a heading;
 * - consecutive lines of two or more cells are a table, each cell put in the column whose left
 *   edge is nearest (a header row of words names the columns, see chunk.ts);
 * - other lines are paragraphs, a new one after a vertical gap; a line that ends without
 *   sentence punctuation is joined to a next line that starts in lower case (a wrapped sentence).
 */

export interface PdfItem {
  str: string;
  /** Left edge and baseline, in PDF points (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  font: string;
}

interface Cell {
  x: number;
  text: string;
}

interface Line {
  y: number;
  size: number;
  font: string;
  cells: Cell[];
  /** Page number (1-based): a page break ends a paragraph. */
  page: number;
}

/** Horizontal gap, in font sizes (ems), that separates table cells; a word space is ~0.25 em. */
const CELL_GAP_EM = 1.5;
/** Vertical gap between baselines, in font sizes, above which a new paragraph starts (~1.4 is a line). */
const PARA_GAP_EM = 1.8;
/** A heading's font is at least this much larger than the body's. */
const HEADING_SCALE = 1.1;
/** Page numbers and running footers ("Page 2 of 3", "2"): not content. */
const pageNumber = /^(?:page\s*)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i;

/** Items of one page -> lines (top to bottom), each with its cells (left to right). */
export function pageLines(items: readonly PdfItem[], page = 1): Line[] {
  const visible = items.filter((i) => i.str.trim() !== '' && i.size > 0);
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const it of sorted) {
    const row = rows.at(-1);
    // Items on one baseline (within 40 % of the font size: superscripts, mixed fonts) are a line.
    if (row && Math.abs(row[0]!.y - it.y) <= 0.4 * Math.max(row[0]!.size, it.size)) row.push(it);
    else rows.push([it]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const cells: Cell[] = [];
    let end = -Infinity;
    let size = 0;
    const chars = new Map<string, number>();
    for (const it of row) {
      const gap = it.x - end;
      const cell = cells.at(-1);
      if (!cell || gap > CELL_GAP_EM * it.size) cells.push({ x: it.x, text: it.str.trim() });
      else {
        // Items of one cell: a space between words drawn apart, none inside a word split in two.
        const glue = gap > 0.1 * it.size && !/\s$/.test(cell.text) && !/^\s/.test(it.str) ? ' ' : '';
        cell.text = `${cell.text}${glue}${it.str}`.replace(/\s+/g, ' ').trim();
      }
      end = Math.max(end, it.x + it.width);
      size = Math.max(size, it.size);
      chars.set(it.font, (chars.get(it.font) ?? 0) + it.str.length);
    }
    const font = [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const text = cells.map((c) => c.text).join(' ');
    if (pageNumber.test(text.trim())) continue;
    lines.push({ y: row[0]!.y, size, font, cells, page });
  }
  return lines;
}

/** The value of a property carrying the most characters (the body text's font size or font). */
function dominant<T>(lines: readonly Line[], key: (l: Line) => T): T | undefined {
  const n = new Map<T, number>();
  for (const l of lines) n.set(key(l), (n.get(key(l)) ?? 0) + l.cells.reduce((s, c) => s + c.text.length, 0));
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const words = (s: string): number => (s.match(/\S+/g) ?? []).length;
/** A line that goes on a wrapped sentence: a figure, or a UK-style postcode ("AV1 4RS"). */
const continuesWithFigure = /^(?:\d|[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b)/;

/** Lines of every page -> blocks: headings, tables and paragraphs, in reading order. */
export function layoutBlocks(pages: readonly (readonly PdfItem[])[]): Block[] {
  const lines = pages.flatMap((items, i) => pageLines(items, i + 1));
  const bodySize = dominant(lines, (l) => l.size) ?? 0;
  const bodyFont = dominant(lines, (l) => l.font) ?? '';
  const isHeading = (l: Line): boolean => {
    if (l.cells.length !== 1) return false;
    const t = l.cells[0]!.text;
    if (words(t) > 12 || /[.,;]$/.test(t)) return false;
    if (l.size >= bodySize * HEADING_SCALE) return true;
    // Bold titles at body size: another font, short, no sentence punctuation.
    return l.font !== bodyFont && l.size >= bodySize * 0.95 && words(t) <= 8 && !/[:]$/.test(t);
  };
  const blocks: Block[] = [];
  let para: string[] = [];
  let prev: Line | undefined;
  const flushPara = (): void => {
    const text = para.join('');
    para = [];
    if (text.trim()) blocks.push(...textBlocks(text));
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (isHeading(l)) {
      flushPara();
      blocks.push({
        kind: 'heading',
        level: l.size >= bodySize * 1.4 ? 1 : 2,
        text: cleanText(l.cells[0]!.text),
      });
      prev = l;
      continue;
    }
    if (l.cells.length >= 2) {
      // A table: this and the following lines of several cells, on one page.
      let j = i;
      while (lines[j + 1]?.cells.length && lines[j + 1]!.cells.length >= 2 && lines[j + 1]!.page === l.page)
        j++;
      flushPara();
      const rows = tableRows(lines.slice(i, j + 1));
      // A table the page break cut: its rows go on at the top of the next page, without the
      // header row and with as many columns. Nothing came between, so they are the same table.
      const last = blocks.at(-1);
      if (
        last?.kind === 'table' &&
        prev &&
        prev.page === l.page - 1 &&
        last.rows[0]?.length === rows[0]?.length
      )
        last.rows.push(...rows);
      else blocks.push({ kind: 'table', rows });
      i = j;
      prev = lines[j];
      continue;
    }
    const text = cleanText(l.cells[0]!.text);
    if (prev && para.length) {
      const gap = prev.y - l.y;
      const newPara = prev.page !== l.page || gap > PARA_GAP_EM * Math.max(prev.size, l.size) || gap < 0;
      const last = para.at(-1) ?? '';
      // A sentence wrapped onto the next line goes on in lower case after no end punctuation,
      // or, after a long line (a wrapped line is near full width: >= 6 words), with a figure
      // ("everyone aged / 60 and over") or a postcode ("Westgate Road, Ashford Vale / AV1 4RS").
      const wrapped =
        !/[.!?:;]$/.test(last) &&
        (/^[a-z(]/.test(text) ||
          (words(last.split('\n').at(-1) ?? '') >= 6 && continuesWithFigure.test(text)));
      if (newPara && !wrapped) {
        flushPara();
        para.push(text);
      } else para.push(wrapped ? ` ${text}` : `\n${text}`);
    } else {
      if (para.length) flushPara();
      para.push(text);
    }
    prev = l;
  }
  flushPara();
  return blocks;
}

/**
 * The rows of a table: columns are the left edges of the line with the most cells; every cell
 * goes to the column whose edge is nearest (cells of one column sharing a row are joined).
 */
function tableRows(lines: readonly Line[]): string[][] {
  const widest = lines.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
  const edges = widest.cells.map((c) => c.x);
  return lines.map((l) => {
    const row = edges.map(() => '');
    for (const c of l.cells) {
      let k = 0;
      for (let e = 1; e < edges.length; e++) if (Math.abs(edges[e]! - c.x) < Math.abs(edges[k]! - c.x)) k = e;
      row[k] = row[k] ? `${row[k]} ${c.text}` : c.text;
    }
    return row.map((c) => cleanText(c));
  });
}
