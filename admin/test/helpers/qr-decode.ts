/**
 * A QR decoder for tests: reads a module matrix (true = dark, no quiet zone) back to its text, so
 * a test can check what a page drew without trusting the encoder that drew it. It shares no code
 * with admin/src/ui/qr.ts: alignment positions come from the spec's formula, not a table, the
 * format word is found by nearest Hamming distance, and every block's Reed-Solomon syndromes must
 * be zero (a wrong EC codeword fails). Byte mode only; error correction levels L/M/Q/H read, block
 * tables for level M (versions 1–10) only, which is what the appliance draws.
 */

export interface DecodedQr {
  version: number;
  level: 'L' | 'M' | 'Q' | 'H';
  mask: number;
  text: string;
}

const LEVELS = ['M', 'L', 'H', 'Q'] as const; // by the 2-bit indicator 00, 01, 10, 11

/** Level M: number of blocks and EC codewords per block, versions 1..10. */
const M_BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const M_EC = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26];

function polyRemainder(value: number, poly: number, polyDegree: number): number {
  let v = value;
  for (let bit = 31; bit >= polyDegree; bit--) if (v & (1 << bit)) v ^= poly << (bit - polyDegree);
  return v;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** Alignment pattern centres by the spec's rule: evenly spaced from the far side, even steps. */
function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const size = 17 + 4 * version;
  const count = Math.floor(version / 7) + 2;
  const step = Math.ceil((size - 13) / (count - 1) / 2) * 2;
  const out = [6];
  for (let k = count - 2; k >= 0; k--) out.push(size - 7 - k * step);
  return out;
}

function isFunctionModule(version: number, r: number, c: number): boolean {
  const n = 17 + 4 * version;
  if (r === 6 || c === 6) return true;
  if ((r < 9 && c < 9) || (r < 9 && c >= n - 8) || (r >= n - 8 && c < 9)) return true;
  if (version >= 7 && ((r < 6 && c >= n - 11 && c < n - 8) || (c < 6 && r >= n - 11 && r < n - 8)))
    return true;
  const centres = alignmentCentres(version);
  for (const ar of centres)
    for (const ac of centres) {
      const onFinder = (ar === 6 && ac === 6) || (ar === 6 && ac === n - 7) || (ar === n - 7 && ac === 6);
      if (!onFinder && Math.abs(r - ar) <= 2 && Math.abs(c - ac) <= 2) return true;
    }
  return false;
}

const MASK_FNS: Array<(r: number, c: number) => boolean> = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** GF(256) multiply (0x11d), bit by bit: slow and obviously right. */
function gmul(a: number, b: number): number {
  let p = 0;
  let x = a;
  for (let y = b; y; y >>= 1) {
    if (y & 1) p ^= x;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  return p;
}

export function decodeQr(m: readonly (readonly boolean[])[]): DecodedQr {
  const n = m.length;
  const version = (n - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 10 || m.some((row) => row.length !== n))
    throw new Error(`not a QR matrix of version 1-10: ${n} rows`);
  const at = (r: number, c: number): number => (m[r]?.[c] ? 1 : 0);

  // Format word, first copy (around the top-left finder), bit 14 first.
  const coords: Array<[number, number]> = [
    [8, 0],
    [8, 1],
    [8, 2],
    [8, 3],
    [8, 4],
    [8, 5],
    [8, 7],
    [8, 8],
    [7, 8],
    [5, 8],
    [4, 8],
    [3, 8],
    [2, 8],
    [1, 8],
    [0, 8],
  ];
  const read1 = coords.reduce((v, [r, c]) => (v << 1) | at(r, c), 0);
  let best = { dist: 99, info: 0 };
  for (let info = 0; info < 32; info++) {
    const word = ((info << 10) | polyRemainder(info << 10, 0x537, 10)) ^ 0x5412;
    const dist = popcount(word ^ read1);
    if (dist < best.dist) best = { dist, info };
  }
  if (best.dist > 3) throw new Error('format information unreadable');
  const level = LEVELS[best.info >> 3] ?? 'M';
  const mask = best.info & 7;
  if (level !== 'M') throw new Error(`level ${level}: this test decoder reads level M blocks only`);

  // Data bits: two-column zigzag from the bottom right, skipping column 6 and function modules.
  const maskFn = MASK_FNS[mask] ?? (() => false);
  const bits: number[] = [];
  let upward = true;
  for (let right = n - 1; right > 0; right -= 2) {
    if (right === 6) right--;
    for (let i = 0; i < n; i++) {
      const r = upward ? n - 1 - i : i;
      for (const c of [right, right - 1])
        if (!isFunctionModule(version, r, c)) bits.push(at(r, c) ^ (maskFn(r, c) ? 1 : 0));
    }
    upward = !upward;
  }
  const total = Math.floor(bits.length / 8);
  const codewords: number[] = [];
  for (let i = 0; i < total; i++)
    codewords.push(bits.slice(i * 8, i * 8 + 8).reduce((v, b) => (v << 1) | b, 0));

  // De-interleave: short blocks first, the long ones one data codeword longer.
  const nb = M_BLOCKS[version - 1] ?? 1;
  const ec = M_EC[version - 1] ?? 0;
  const shortTotal = Math.floor(total / nb);
  const longCount = total % nb;
  const dataLens = Array.from({ length: nb }, (_, b) => shortTotal - ec + (b >= nb - longCount ? 1 : 0));
  const blocks: number[][] = dataLens.map(() => []);
  let k = 0;
  for (let i = 0; i < Math.max(...dataLens); i++)
    for (let b = 0; b < nb; b++) if (i < (dataLens[b] ?? 0)) blocks[b]?.push(codewords[k++] ?? 0);
  for (let i = 0; i < ec; i++) for (let b = 0; b < nb; b++) blocks[b]?.push(codewords[k++] ?? 0);

  // Every block a valid RS codeword: c(α^i) = 0 for i = 0..ec-1.
  let alpha = 1;
  for (let i = 0; i < ec; i++) {
    for (const [b, block] of blocks.entries()) {
      const s = block.reduce((acc, cw) => gmul(acc, alpha) ^ cw, 0);
      if (s !== 0) throw new Error(`block ${b}: Reed-Solomon syndrome ${i} is ${s}, not 0`);
    }
    alpha = gmul(alpha, 2);
  }

  // Byte-mode segment.
  const data = blocks.flatMap((b, i) => b.slice(0, dataLens[i]));
  const dataBits = data.flatMap((byte) => Array.from({ length: 8 }, (_, j) => (byte >> (7 - j)) & 1));
  let p = 0;
  const take = (count: number): number => {
    let v = 0;
    for (let j = 0; j < count; j++) v = (v << 1) | (dataBits[p++] ?? 0);
    return v;
  };
  const mode = take(4);
  if (mode !== 0b0100) throw new Error(`mode ${mode.toString(2)}: only byte mode is read here`);
  const length = take(version < 10 ? 8 : 16);
  if (p + length * 8 > dataBits.length) throw new Error('length past the data');
  const bytes = Uint8Array.from({ length }, () => take(8));
  return { version, level, mask, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}
