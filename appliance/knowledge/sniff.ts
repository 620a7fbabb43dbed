import { looksLikeCsv } from './csv.js';
import type { DocumentKind } from './types.js';

export type SniffResult = { ok: true; kind: DocumentKind } | { ok: false; reason: string };

const htmlRe =
  /<(?:!doctype\s+html|html|head|body|p|div|table|h[1-6]|ul|ol|li|br|span|article|section)\b[^>]*>/i;
const mdRe = /^(?:#{1,6}\s+\S|\s*\|.*\|\s*$|\s*[-*+]\s+\S|\s*\d+\.\s+\S|```|>\s)/m;
const mdTableSepRe = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/m;

/**
 * Decides a file's type from its bytes: magic numbers for PDF and DOCX, then a text check (valid
 * UTF-8/UTF-16, no control bytes), then HTML tags, CSV shape and Markdown markers. The extension
 * only breaks ties between text types (a `.md` of plain prose is still Markdown); it never makes
 * binary bytes acceptable.
 */
export function sniff(bytes: Buffer, filename?: string): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (head.trimStart().startsWith('%PDF-')) return { ok: true, kind: 'pdf' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // A docx is a zip whose entries include word/document.xml (names are stored uncompressed).
    if (bytes.includes('word/document.xml', 0, 'latin1')) return { ok: true, kind: 'docx' };
    return { ok: false, reason: 'a zip archive that is not a Word (.docx) document' };
  }
  const text = decodeText(bytes);
  if (text === undefined) return { ok: false, reason: 'binary content of an unsupported type' };
  const ext = (filename ?? '').toLowerCase().split('.').pop() ?? '';
  const start = text.slice(0, 8192);
  if (htmlRe.test(start) && /<\/[a-z0-9]+>/i.test(start)) return { ok: true, kind: 'html' };
  if (ext === 'md' || ext === 'markdown') return { ok: true, kind: 'md' };
  if (mdTableSepRe.test(start) || /^#{1,6}\s+\S/m.test(start)) return { ok: true, kind: 'md' };
  if ((ext === 'csv' || ext === 'tsv' || !mdRe.test(start)) && looksLikeCsv(text))
    return { ok: true, kind: 'csv' };
  return { ok: true, kind: 'txt' };
}

/**
 * Text decoding with a binary guard: BOM-aware UTF-8/UTF-16; undefined when the bytes hold NULs
 * or control characters (other than tab/CR/LF/FF) or more than 1% invalid UTF-8 sequences.
 */
export function decodeText(bytes: Buffer): string | undefined {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
  } else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    text = bytes.subarray(start).toString('utf8');
  }
  const sample = text.slice(0, 64 * 1024);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) return undefined;
  }
  if (bad > sample.length / 100) return undefined;
  return text;
}
