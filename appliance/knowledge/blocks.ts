import { alignedParts } from './aligned-table.js';

/**
 * The structure extraction hands to chunking: headings give context (and become FAQ questions
 * when they end in `?`), tables are kept whole by rows, paragraphs keep their line breaks so
 * `Q:`/`A:` lines can be recognised.
 */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'table'; rows: string[][] };

export interface Extracted {
  /** Title found in the document (HTML <title>, first heading), if any. */
  title?: string;
  blocks: Block[];
}

/** Collapses runs of spaces, strips control characters; keeps single newlines. */
export function cleanText(s: string): string {
  return (
    s
      .normalize('NFKC')
      // Control characters (except tab, newline, form feed, CR), soft hyphen, zero-width marks, BOM.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b-\u200d\ufeff]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\f\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim()
  );
}

/**
 * A plain-text heading line: short (at most 8 words), no sentence punctuation at its end, not a
 * list item, no price. Web pages pasted as text and FAQ sheets put section titles this way.
 */
const headingLine = (line: string): boolean =>
  /^[\p{Lu}\p{N}]/u.test(line) &&
  (line.match(/\S+/g) ?? []).length <= (capitals(line) ? 14 : 8) &&
  !/[.!?,;]$/.test(line) &&
  !/^[-*+•]\s|^\d+[.)]\s/.test(line) &&
  !/[$€£]\s?\d/.test(line);

/** A document's title line: a heading line of up to 14 words. */
const titleLine = (line: string): boolean =>
  /^[\p{Lu}\p{N}]/u.test(line) &&
  (line.match(/\S+/g) ?? []).length <= 14 &&
  !/[.!?,;:]$/.test(line) &&
  !/^[-*+•]\s|^\d+[.)]\s/.test(line) &&
  !/[$€£]\s?\d/.test(line);

/**
 * A title in capitals before any note in brackets ("ACCESS HOURS (with your own PIN at the
 * gate)"): a sheet's section heading, however long its note.
 */
const capitals = (line: string): boolean => {
  const title = line.replace(/\s*\(.*$/, '');
  return /\p{L}{2}/u.test(title) && title === title.toUpperCase();
};

/** A row of a price list with leaders between item and value: "1 hour ............ £38". */
const leaderRow = /^(.*?[^\s.…_])\s*(\.{3,}|…+|_{3,})\s*([^\s.…_].*)$/;
/**
 * Leaders, not an ellipsis in prose ("Call us... or write."): four or more marks, or a value with
 * a figure in it; a value of a few words at most.
 */
const isLeaderRow = (m: RegExpExecArray): boolean =>
  (m[2]!.length >= 4 || /[\d$€£]/.test(m[3]!)) && m[3]!.split(/\s+/).length <= 6;
/** A line introducing a list: "Manual lessons (Ford Fiesta):" (one phrase, no sentence in it). */
const listLabel = /^([^.!?:]{2,80}):$/;

/**
 * A plain-text price list's rows as lines that stand alone: the leaders become a colon and the
 * list's label, when a line ending in a colon introduces the rows, is said with each row
 * ("Manual lessons (Ford Fiesta), 1 hour: £38"). Without it a row reads "1 hour" in every list,
 * and the dots read as sentence ends. The label line itself is then dropped: every row says it.
 */
export function listRows(lines: readonly string[]): string[] {
  const out: string[] = [];
  let label: string | undefined;
  let pending: string | undefined;
  for (const line of lines) {
    const row = leaderRow.exec(line);
    if (row && isLeaderRow(row)) {
      pending = undefined;
      out.push(`${label ? `${label}, ` : ''}${row[1]}: ${row[3]}`);
      continue;
    }
    if (pending !== undefined) out.push(pending);
    label = listLabel.exec(line)?.[1];
    pending = label === undefined ? undefined : line;
    if (label === undefined) out.push(line);
  }
  if (pending !== undefined) out.push(pending);
  return out;
}

/**
 * Plain text: paragraphs are separated by blank lines; lines inside are kept. A paragraph's first
 * line that reads as a heading (see headingLine) becomes a heading block, so its section's chunks
 * start with it and answers can tell the title from the sentences under it. Lines whose columns
 * are lined up with spaces are a table (aligned-table.ts), read before the spaces are collapsed.
 */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const raw = text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ');
  for (const para of raw.split(/\n[ \t\f]*\n/))
    for (const part of alignedParts(para)) {
      if (part.kind === 'table') blocks.push({ kind: 'table', rows: part.rows.map((r) => r.map(cleanText)) });
      else proseBlocks(cleanText(part.lines.join('\n')), blocks);
    }
  return blocks;
}

/** One paragraph of plain prose (and leader rows) as a heading and/or a paragraph block. */
function proseBlocks(para: string, blocks: Block[]): void {
  const t = listRows(para.split('\n')).join('\n');
  if (!t) return;
  const nl = t.indexOf('\n');
  const first = nl < 0 ? t : t.slice(0, nl);
  const rest = nl < 0 ? '' : t.slice(nl + 1).trim();
  // The document's opening line alone, a title ("Dalton Car & Van Hire - Frequently asked
  // questions"): longer than a section's heading may be, and no sentence to answer with.
  if (!blocks.length && !rest && !headingLine(first) && titleLine(first)) {
    blocks.push({ kind: 'heading', level: 1, text: first });
    return;
  }
  if (headingLine(first) && (rest || !/\s/.test(first) || !/[.!?:]/.test(t))) {
    blocks.push({ kind: 'heading', level: 2, text: first.replace(/:$/, '') });
    if (rest) blocks.push({ kind: 'para', text: rest });
  } else blocks.push({ kind: 'para', text: t });
}

const inlineMd = (s: string): string =>
  s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](.+?)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .trim();

const splitRow = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => inlineMd(c.replace(/\\\|/g, '|')));

/** Markdown: ATX headings, pipe tables, list runs and paragraphs. */
export function markdownBlocks(md: string): Extracted {
  const lines = cleanText(md).split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: string[] = [];
  let table: string[][] = [];
  let inFence = false;
  const flush = (): void => {
    if (para.length) blocks.push({ kind: 'para', text: para.join('\n') });
    if (list.length) blocks.push({ kind: 'para', text: list.join('\n') });
    if (table.length) blocks.push({ kind: 'table', rows: table });
    para = [];
    list = [];
    table = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (/^```/.test(line.trim())) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      para.push(line);
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1]!.length, text: inlineMd(h[2]!) });
      continue;
    }
    if (/^\s*\|.*\|?\s*$/.test(line) && line.includes('|', line.indexOf('|') + 1)) {
      if (para.length || list.length) {
        const t = table;
        table = [];
        flush();
        table = t;
      }
      if (/^\s*\|?\s*:?-{3,}/.test(line) && /^[\s|:-]+$/.test(line)) continue; // separator row
      table.push(splitRow(line));
      continue;
    }
    if (table.length) flush();
    const li = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (li) {
      if (para.length) {
        blocks.push({ kind: 'para', text: para.join('\n') });
        para = [];
      }
      list.push(inlineMd(li[1]!));
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (list.length) flush();
    para.push(inlineMd(line.replace(/^>\s?/, '')));
  }
  flush();
  const first = blocks.find((b) => b.kind === 'heading');
  return { ...(first?.kind === 'heading' ? { title: first.text } : {}), blocks };
}
