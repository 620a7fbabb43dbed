import { parse as parseHtml, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { cleanText, markdownBlocks, textBlocks, type Block, type Extracted } from './blocks.js';
import { parseCsv } from './csv.js';
import { layoutBlocks, type PdfItem } from './extract-pdf.js';
import { decodeText } from './sniff.js';
import type { DocumentKind } from './types.js';

/** Raised for a file the parser cannot read (corrupt PDF, broken zip): the document fails with it. */
export class ExtractError extends Error {
  override name = 'ExtractError';
}

export interface ExtractOptions {
  /** PDFs with more pages fail (default: no limit; the worker passes config.knowledge.maxPages). */
  maxPages?: number;
}

/**
 * Bytes -> structured text, by the sniffed kind. Never trusts the bytes: parsers' errors become
 * ExtractError. Runs on whatever thread calls it: the appliance calls it only inside the
 * extraction worker (sandbox.ts), after the decompression checks.
 */
export async function extract(
  kind: DocumentKind,
  bytes: Buffer,
  opts: ExtractOptions = {},
): Promise<Extracted> {
  try {
    switch (kind) {
      case 'pdf':
        return { blocks: layoutBlocks(await pdfItems(bytes, opts.maxPages ?? Infinity)) };
      case 'docx':
        return htmlBlocks(await docxHtml(bytes));
      case 'html':
        return htmlBlocks(text(bytes));
      case 'md':
        return markdownBlocks(text(bytes));
      case 'csv': {
        const rows = parseCsv(cleanText(text(bytes)).replace(/\n{2,}/g, '\n'));
        return { blocks: rows.length ? [{ kind: 'table', rows }] : [] };
      }
      case 'txt':
        return { blocks: textBlocks(text(bytes)) };
    }
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw new ExtractError(
      `cannot read the ${kind} file: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

function text(bytes: Buffer): string {
  const t = decodeText(bytes);
  if (t === undefined) throw new ExtractError('the file is not text');
  return t;
}

/** Every page's text items with their positions and font sizes (extract-pdf.ts rebuilds the layout). */
async function pdfItems(bytes: Buffer, maxPages: number): Promise<PdfItem[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    if (doc.numPages > maxPages)
      throw new ExtractError(`the PDF has ${doc.numPages} pages; at most ${maxPages} are accepted`);
    const pages: PdfItem[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        // The font size is the text matrix's vertical scale (rotated text included).
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0) || item.height;
        items.push({ str: item.str, x: x ?? 0, y: y ?? 0, width: item.width, size, font: item.fontName });
      }
      pages.push(items);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

async function docxHtml(bytes: Buffer): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  // Images are never read (no data URIs): text is all that is indexed, and media entries stay
  // compressed.
  const result = await mammoth.convertToHtml(
    { buffer: bytes },
    { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
  );
  return result.value;
}

const skipTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'head',
  'iframe',
  'canvas',
]);
const blockTags = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'address',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'details',
  'summary',
  'body',
  'html',
  'hr',
  'caption',
]);

/** Containers a div-laid-out row is (a card, a line of a list), and the tags its cells may be. */
const rowTags = new Set(['div', 'li', 'section', 'article']);
const cellTags = new Set([
  'div',
  'span',
  'p',
  'strong',
  'b',
  'em',
  'i',
  'small',
  'time',
  'label',
  'a',
  'dt',
  'dd',
]);
/** Longest text of one cell of a div-laid-out row, characters: more is a paragraph, not a cell. */
const MAX_CELL = 120;

/**
 * The cells of a row laid out in elements ("<div><span>Saturday</span><span>8.30am - 4pm</span>
 * </div>", a card's title, text and price): two or more leaf elements with short text and no
 * text between them; undefined for anything else.
 */
function divRow(node: Node): string[] | undefined {
  if (node.nodeType !== NodeType.ELEMENT_NODE) return undefined;
  const el = node as HTMLElement;
  if (!rowTags.has(el.rawTagName?.toLowerCase() ?? '')) return undefined;
  const kids = el.childNodes.filter((n) => n.nodeType !== NodeType.TEXT_NODE || n.text.trim() !== '');
  if (kids.length < 2) return undefined;
  const cells: string[] = [];
  for (const k of kids) {
    if (k.nodeType !== NodeType.ELEMENT_NODE) return undefined;
    const kid = k as HTMLElement;
    if (!cellTags.has(kid.rawTagName?.toLowerCase() ?? '')) return undefined;
    if (kid.querySelector('div,span,p,li,ul,ol,dl,table,h1,h2,h3,h4,h5,h6,br')) return undefined;
    const t = cleanText(kid.text).replace(/\n/g, ' ');
    if (t.length > MAX_CELL) return undefined;
    cells.push(t);
  }
  // A bar of links is a menu, not a row of facts.
  if (kids.every((k) => (k as HTMLElement).rawTagName?.toLowerCase() === 'a')) return undefined;
  return cells.filter(Boolean).length >= 2 ? cells : undefined;
}

/** HTML (and DOCX via mammoth's HTML): headings, tables by rows, block-level text as paragraphs. */
export function htmlBlocks(html: string): Extracted {
  const root = parseHtml(html.replace(/<!doctype[^>]*>/gi, '').replace(/<\?xml[^>]*>/gi, ''), {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
  });
  const titleEl = root.querySelector('title');
  const blocks: Block[] = [];
  let inline = '';
  const flush = (): void => {
    const t = cleanText(inline);
    if (t) blocks.push({ kind: 'para', text: t });
    inline = '';
  };
  // Source line breaks are plain white space in HTML (only <br> and blocks break a line), except
  // in <pre>: a wrapped <li> or <p> is one line of text, as a browser shows it.
  let inPre = 0;
  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      const t = (node as unknown as { text: string }).text;
      inline += inPre ? t : t.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (skipTags.has(tag)) return;
    const h = /^h([1-6])$/.exec(tag);
    if (h) {
      flush();
      const t = cleanText(el.text);
      if (t) blocks.push({ kind: 'heading', level: Number(h[1]), text: t });
      return;
    }
    if (tag === 'table') {
      flush();
      const rows: string[][] = [];
      for (const tr of el.querySelectorAll('tr')) {
        const cells = tr.querySelectorAll('th,td').map((c) => cleanText(c.text).replace(/\n/g, ' '));
        if (cells.some((c) => c)) rows.push(cells);
      }
      if (rows.length) blocks.push({ kind: 'table', rows });
      return;
    }
    const isBlock = blockTags.has(tag);
    if (isBlock) flush();
    if (tag === 'br') {
      inline += '\n';
      return;
    }
    if (tag === 'pre') inPre++;
    // Site builders lay tables out in divs ("<div class=row><span>Sunday</span><span>Closed</span>"):
    // consecutive such rows are one table, each cell apart ("SundayClosed" otherwise).
    let rows: string[][] = [];
    const endRows = (): void => {
      if (rows.length) blocks.push({ kind: 'table', rows });
      rows = [];
    };
    for (const child of el.childNodes) {
      const cells = inPre ? undefined : divRow(child);
      if (cells) {
        flush();
        rows.push(cells);
        continue;
      }
      if (rows.length && child.nodeType === NodeType.TEXT_NODE && !child.text.trim()) continue;
      endRows();
      walk(child);
    }
    endRows();
    if (tag === 'pre') inPre--;
    if (isBlock) flush();
    else if (tag === 'td' || tag === 'th') inline += ' ';
  };
  walk(root);
  flush();
  const title = titleEl ? cleanText(titleEl.text) : blocks.find((b) => b.kind === 'heading')?.text;
  return { ...(title ? { title } : {}), blocks };
}
