/**
 * Decompression-bomb checks run before a parser sees the bytes (inside the extraction worker).
 * A DOCX is a zip: its central directory is read here, each entry is inflated with an output
 * cap (so a size the directory understates cannot expand past the cap), and the total and the
 * compression ratio are bounded. A PDF's Flate streams (content and object streams; images are
 * not decoded by text extraction) are inflated the same way. Both throw InflateLimitError with a
 * reason a person can act on.
 */
import { inflateRawSync, inflateSync, constants as z } from 'node:zlib';

export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
}

export interface InflateLimits {
  /** Decompressed bytes allowed in all (default 64 MiB). */
  maxInflatedBytes: number;
}

/**
 * A single entry or stream that inflates beyond 2 MiB at more than 100:1 is a bomb: text and
 * XML compress ~5-20:1, a page of repeated markup ~50:1; bombs are 1000:1.
 */
const RATIO_MIN_BYTES = 2 * 1024 * 1024;
const MAX_RATIO = 100;
/** More entries than any real document has (a DOCX has tens). */
const MAX_ZIP_ENTRIES = 10_000;

const mib = (n: number): string => `${Math.round((n / 1048576) * 10) / 10} MiB`;

function inflateCapped(data: Buffer, raw: boolean, cap: number): Buffer | 'over' {
  try {
    const opts = { maxOutputLength: Math.max(1, cap + 1), finishFlush: z.Z_SYNC_FLUSH };
    const out = raw ? inflateRawSync(data, opts) : inflateSync(data, opts);
    return out.length > cap ? 'over' : out;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'over';
    throw err;
  }
}

function checkRatio(what: string, inflated: number, compressed: number): void {
  if (inflated > RATIO_MIN_BYTES && inflated > compressed * MAX_RATIO)
    throw new InflateLimitError(
      `${what} expands from ${compressed} bytes to more than ${mib(inflated)} (a decompression bomb)`,
    );
}

/** Throws InflateLimitError when the zip's entries inflate past the limits; returns the total. */
export function checkZip(buf: Buffer, limits: InflateLimits): number {
  // End of central directory: last 22+ bytes, the comment may follow it (up to 64 KiB).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new InflateLimitError('not a zip file (no central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new InflateLimitError('ZIP64 archives are not accepted as documents');
  if (count > MAX_ZIP_ENTRIES) throw new InflateLimitError(`the archive has ${count} entries`);
  if (cdOffset + cdSize > buf.length) throw new InflateLimitError('the zip central directory is truncated');
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new InflateLimitError('the zip central directory is corrupt');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new InflateLimitError(`zip entry ${name} is encrypted`);
    const left = limits.maxInflatedBytes - total;
    // Checked before inflating: what the directory admits to already exceeds the limit.
    if (declared > left)
      throw new InflateLimitError(
        `the document expands to more than ${mib(limits.maxInflatedBytes)} (entry ${name}: ${mib(declared)})`,
      );
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      throw new InflateLimitError(`zip entry ${name} is corrupt`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      // The directory may understate: inflate with a cap of what is left, never more.
      let out: Buffer | 'over';
      try {
        out = inflateCapped(data, true, left);
      } catch {
        throw new InflateLimitError(`zip entry ${name} is corrupt`);
      }
      if (out === 'over')
        throw new InflateLimitError(
          `the document expands to more than ${mib(limits.maxInflatedBytes)} (entry ${name})`,
        );
      size = out.length;
    } else
      throw new InflateLimitError(`zip entry ${name} uses an unsupported compression method (${method})`);
    checkRatio(`zip entry ${name}`, Math.max(size, declared), compressed);
    total += size;
  }
  return total;
}

/**
 * Inflates every FlateDecode stream of a PDF that text extraction would decode (not images),
 * each capped by what is left of the budget. Unreadable streams are left to pdf.js.
 */
export function checkPdfStreams(buf: Buffer, limits: InflateLimits): number {
  let total = 0;
  let from = 0;
  for (;;) {
    const kw = buf.indexOf('stream', from, 'latin1');
    if (kw < 0) break;
    from = kw + 6;
    // `endstream` contains `stream`; a real stream keyword ends its dictionary (`>>`).
    if (buf.subarray(Math.max(0, kw - 3), kw).toString('latin1') === 'end') continue;
    const before = buf.subarray(Math.max(0, kw - 2048), kw).toString('latin1');
    const objAt = before.lastIndexOf(' obj');
    const dict = objAt >= 0 ? before.slice(objAt) : before;
    if (!/>>\s*$/.test(dict)) continue;
    let start = kw + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) break;
    from = end + 9;
    if (!/\/FlateDecode|\/Fl\b/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    const left = limits.maxInflatedBytes - total;
    let out: Buffer | 'over';
    try {
      out = inflateCapped(buf.subarray(start, end), false, left);
    } catch {
      continue; // corrupt or encrypted: pdf.js decides
    }
    if (out === 'over')
      throw new InflateLimitError(`the PDF's content expands to more than ${mib(limits.maxInflatedBytes)}`);
    checkRatio('a PDF content stream', out.length, end - start);
    total += out.length;
  }
  return total;
}
