import type { Block } from './blocks.js';
import type { ChunkKind } from './types.js';

export interface Chunk {
  kind: ChunkKind;
  text: string;
}

export interface ChunkOptions {
  /** A prose chunk is closed once it reaches this many words (default 180; hard max 250). */
  targetWords?: number;
  maxWords?: number;
  /** Words of trailing sentences repeated at the start of the next prose chunk (default 40). */
  overlapWords?: number;
}

const wordCount = (s: string): number => (s.match(/\S+/g) ?? []).length;

const qLineRe = /^(?:q|question)\s*[:.)-]\s*/i;
const aLineRe = /^(?:a|answer)\s*[:.)-]\s*/i;
const isQuestion = (s: string): boolean => /\?\s*$/.test(s) && wordCount(s) <= 40;

/**
 * Sentences of one chunk, joined. A piece without end punctuation that the next one does not
 * continue (a list item "Yoga: Tuesday 7pm" before "Spin: Monday 6:30pm") keeps its line end:
 * joined with a space it would run into the next item, and an answer cut from the chunk would
 * read the whole list. A wrapped line ("birds" / "and reptiles ...", "with" / "Dr. Okafor")
 * continues: the next piece starts in lower case or the piece ends on a comma, a hyphen or a
 * short function word.
 */
const continues = (piece: string, next: string): boolean =>
  /[.!?;:]["')\]]?$/.test(piece) ||
  /^[\p{Ll}(]/u.test(next) ||
  /[,\-\u2013\u2014&/]$/.test(piece) ||
  /\b(?:a|an|the|and|or|of|to|in|on|at|for|with|by|from|our|your|is|are|per|plus)$/i.test(piece);

/** A sentence and whether it opens a line of the document (a paragraph, a list item). */
interface Piece {
  s: string;
  opens: boolean;
}

/**
 * A finished sentence that opens a new paragraph keeps its line end too: a paragraph's closing
 * "Difficulty: easy." run into the next one's "Station Zero: ..." read as one sentence, a fact
 * of one room said of another (the book reads a line as a paragraph).
 */
const joinSentences = (parts: Piece[]): string =>
  parts.reduce(
    (acc, p, i) =>
      i === 0
        ? p.s
        : `${acc}${continues(parts[i - 1]!.s, p.s) && !(p.opens && /[.!?]["')\]]?$/.test(parts[i - 1]!.s)) ? ' ' : '\n'}${p.s}`,
    '',
  );

/** Sentence split on . ! ? ; and line ends, keeping prices (9.50), codes (XR-2.1) and abbreviations short. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split(/(?<=[.!?;])\s+(?=["'([]?[\p{Lu}\p{N}])/u);
    for (const p of parts) if (p.trim()) out.push(p.trim());
  }
  return out;
}

/**
 * Turns blocks into retrieval units: FAQ pairs (`Q:`/`A:` lines, a question line or paragraph
 * ending in `?` followed by its answer, a heading ending in `?` with the text under it), tables,
 * and prose per section. Then sizes them: an FAQ pair is one chunk; a table is one chunk when it
 * fits in maxWords, otherwise row groups that each repeat the header (a row is never split);
 * prose is packed sentence by sentence to ~targetWords with overlap. Every chunk of a section
 * starts with its heading so a passage read alone still says what it is about.
 */
export function chunkBlocks(blocks: Block[], opts: ChunkOptions = {}): Chunk[] {
  const target = opts.targetWords ?? 180;
  const max = Math.max(target, opts.maxWords ?? 250);
  const overlap = opts.overlapWords ?? 40;
  const chunks: Chunk[] = [];
  let heading = '';
  let pendingQ: string | undefined; // a question waiting for its answer
  let answer: string[] = [];
  let prose: string[] = [];

  const closeFaq = (): void => {
    if (pendingQ !== undefined && answer.length) emitFaq(`Q: ${pendingQ}\nA: ${answer.join(' ')}`);
    else if (pendingQ !== undefined) prose.push(pendingQ);
    pendingQ = undefined;
    answer = [];
  };
  const emitFaq = (text: string): void => {
    if (wordCount(text) <= max * 1.6) chunks.push({ kind: 'faq', text });
    else packProse([text]);
  };
  const flushProse = (): void => {
    if (prose.length) packProse(prose);
    prose = [];
  };
  const withHeading = (t: string): string => (heading && t !== heading ? `${heading}\n${t}` : t);
  const packProse = (paras: string[]): void => {
    let cur: Piece[] = [];
    let words = 0;
    const emit = (): void => {
      if (cur.length) chunks.push({ kind: 'text', text: withHeading(joinSentences(cur)) });
    };
    for (const { s, opens } of paras.flatMap((p) => sentences(p).map((x, i) => ({ s: x, opens: i === 0 })))) {
      const w = wordCount(s);
      if (w > max) {
        // A run-on "sentence" (PDF without punctuation): fixed word windows with overlap.
        emit();
        cur = [];
        words = 0;
        const ws = s.split(/\s+/);
        for (let i = 0; i < ws.length; i += target - overlap) {
          chunks.push({ kind: 'text', text: withHeading(ws.slice(i, i + target).join(' ')) });
          if (i + target >= ws.length) break;
        }
        continue;
      }
      if (words + w > max || (words >= target && cur.length)) {
        emit();
        // Overlap: carry trailing sentences worth <= overlapWords into the next chunk.
        const carry: Piece[] = [];
        let cw = 0;
        for (let i = cur.length - 1; i > 0; i--) {
          const sw = wordCount(cur[i]!.s);
          if (cw + sw > overlap) break;
          carry.unshift(cur[i]!);
          cw += sw;
        }
        cur = carry;
        words = cw;
      }
      cur.push({ s, opens });
      words += w;
    }
    emit();
  };
  const emitTable = (rows: string[][]): void => {
    const [header, ...body] = rows;
    if (!header) return;
    // A header names columns ("Service", "Price"); a first row with figures ("8:00 am – 7:00 pm")
    // is data, and reading it as keys would pair every later row with the wrong values.
    // The first header cell may be empty: it heads the row labels ("", "Lunch", "Dinner").
    // A code mixing letters and digits ("4x4 or MPV", "A4", "X5") is a word, not a figure; digits
    // then letters alone ("6am", "10kg", "1st") are a time, a quantity or an order.
    const withoutCodes = (c: string): string => c.replace(/\b(?:[a-z]+\d\w*|\d+[a-z]+\d\w*)\b/gi, 'w');
    const wordHeader = header.every(
      (c, i) => (c !== '' || (i === 0 && header.length > 2)) && !/\d/.test(withoutCodes(c)),
    );
    // A header may carry figures in its labels ("Full day 7.30 am - 6.00 pm") when each of its
    // cells opens with a word and no amount, over columns whose rows open with figures ("£72").
    const figureCell = (c: string): boolean => /^(?:[$€£]|\d)/.test(c);
    const moneyColumn = (k: number): boolean => {
      const column = body.map((r) => r[k] ?? '').filter(Boolean);
      return column.filter((c) => /^[$€£]\s?\d/.test(c)).length * 2 > column.length;
    };
    // A label may be a quantity ("30 minutes", "1 hour", "2 people", "1-2 bedrooms") over a
    // column of amounts ("£18"): the lengths of a lesson priced side by side. A clock time
    // ("6 am") or a column of plain figures is a row of data.
    const quantityLabel = (c: string, i: number): boolean =>
      i > 0 && /^\d+(?:\.\d+)?(?:\s?[-–]\s?\d+)?\s+[a-z]{3,}\b/i.test(c) && moneyColumn(i);
    const labelHeader =
      header.length >= 2 &&
      header.every((c, i) =>
        c === ''
          ? i === 0
          : (/^[A-Za-z]/.test(withoutCodes(c)) || quantityLabel(c, i)) && !/[$€£]\s?\d/.test(c),
      ) &&
      // Every column after the first holds figures, or (a wider sheet, "Size | Roughly holds |
      // Per week | Per month") most of them do, which a row of words never does.
      header.slice(1).filter((_c, k) => {
        const column = body.map((r) => r[k + 1] ?? '');
        return column.filter(figureCell).length * 2 > column.length;
      }).length *
        (header.length > 3 ? 2 : 1) >=
        header.length - (header.length > 3 ? 0 : 1);
    const hasHeader = body.length > 0 && (wordHeader || labelHeader);
    const dataRows = (hasHeader ? body : rows).flatMap(splitAlternatives);
    const line = (r: string[]): string =>
      hasHeader
        ? r
            .map((c, i) => (c ? (header[i] === '' ? c : `${header[i] ?? `col${i + 1}`}: ${c}`) : ''))
            .filter(Boolean)
            .join('; ')
        : r.filter(Boolean).join(' | ');
    const head = heading ? `${heading}\n` : '';
    let group: string[] = [];
    let words = wordCount(head);
    for (const r of dataRows) {
      const l = line(r);
      const w = wordCount(l);
      if (group.length && words + w > max) {
        chunks.push({ kind: 'table', text: head + group.join('\n') });
        group = [];
        words = wordCount(head);
      }
      group.push(l);
      words += w;
    }
    if (group.length) chunks.push({ kind: 'table', text: head + group.join('\n') });
  };

  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    if (b.kind === 'heading') {
      closeFaq();
      flushProse();
      if (isQuestion(b.text)) pendingQ = b.text;
      else heading = b.text;
      continue;
    }
    if (b.kind === 'table') {
      closeFaq();
      flushProse();
      emitTable(b.rows);
      continue;
    }
    const lines = b.text.split('\n');
    // Paragraph-level pairs: explicit Q:/A: lines or question lines followed by answer lines.
    for (const line of lines) {
      if (qLineRe.test(line)) {
        closeFaq();
        flushProse();
        pendingQ = line.replace(qLineRe, '');
      } else if (aLineRe.test(line) && pendingQ !== undefined) {
        answer.push(line.replace(aLineRe, ''));
      } else if (isQuestion(line) && !(pendingQ !== undefined && answer.length === 0 && lines.length === 1)) {
        closeFaq();
        flushProse();
        pendingQ = line;
      } else if (pendingQ !== undefined) {
        answer.push(line);
      } else {
        prose.push(line);
      }
    }
    // A question's answer ends at the paragraph end unless the question was a heading.
    const next = blocks[bi + 1];
    if (
      pendingQ !== undefined &&
      answer.length &&
      !(next?.kind === 'para' && !startsQuestion(next.text) && isHeadingQ(blocks, bi))
    ) {
      closeFaq();
    }
  }
  closeFaq();
  flushProse();
  return chunks.filter((c) => c.text.trim() !== '');
}

const startsQuestion = (t: string): boolean => {
  const first = t.split('\n', 1)[0] ?? '';
  return qLineRe.test(first) || isQuestion(first);
};

/** True when the paragraph at bi belongs to an answer under a question heading (keep collecting). */
function isHeadingQ(blocks: Block[], bi: number): boolean {
  for (let i = bi; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === 'heading') return isQuestion(b.text);
    if (b.kind === 'table') return false;
  }
  return false;
}

/** A price cell of alternatives in order: "£14.00 / £18.00". */
const pricePair = /^([$€£]\s?\d[\d,.]*)\s*\/\s*([$€£]\s?\d[\d,.]*)$/;
/** Alternatives in a label: "unlined / lined" (the words either side of the slash, up to a comma). */
const labelPair = /([^,;:()/]+?)\s*\/\s*([^,;:()/]+)/;

/**
 * A row that prices two alternatives in one ("Skirt shortened, unlined / lined | £14.00 /
 * £18.00") as two rows, one per alternative, so each price is its own item's: a caller asking
 * for the lined one gets £18, not both figures.
 */
function splitAlternatives(row: string[]): string[][] {
  const at = row.findIndex((c) => pricePair.test(c));
  if (at < 1 || row.filter((c) => pricePair.test(c)).length > 1) return [row];
  const label = row.findIndex((c, i) => i < at && labelPair.test(c) && !/\d/.test(c));
  if (label < 0) return [row];
  const prices = pricePair.exec(row[at]!)!;
  const words = labelPair.exec(row[label]!)!;
  return [1, 2].map((k) =>
    row.map((c, i) =>
      i === at
        ? prices[k]!
        : i === label
          ? c.replace(labelPair, (m) => m.replace(m.trim(), words[k]!.trim()))
          : c,
    ),
  );
}
