/**
 * A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1–10
 * (up to 213 bytes, enough for an otpauth:// link). Written here so the MFA set-up page draws its
 * code locally, with no outside library or service (the box may be air-gapped, and the TOTP
 * secret must not leave the browser). Checked module for module against libqrencode's output in
 * admin/test/qr.test.ts.
 */

/** Error correction level M: data codewords per block and EC codewords per block, by version. */
const BLOCKS_M: ReadonlyArray<{ ec: number; groups: ReadonlyArray<readonly [count: number, data: number]> }> =
  [
    { ec: 10, groups: [[1, 16]] },
    { ec: 16, groups: [[1, 28]] },
    { ec: 26, groups: [[1, 44]] },
    { ec: 18, groups: [[2, 32]] },
    { ec: 24, groups: [[2, 43]] },
    { ec: 16, groups: [[4, 27]] },
    { ec: 18, groups: [[4, 31]] },
    {
      ec: 22,
      groups: [
        [2, 38],
        [2, 39],
      ],
    },
    {
      ec: 22,
      groups: [
        [3, 36],
        [2, 37],
      ],
    },
    {
      ec: 26,
      groups: [
        [4, 43],
        [1, 44],
      ],
    },
  ];

/** Centre coordinates of the alignment patterns (rows and columns alike), by version. */
const ALIGNMENT: ReadonlyArray<readonly number[]> = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
];

export const QR_MAX_VERSION = BLOCKS_M.length;

/** A QR symbol: `modules[row][col]` is true for a dark module. No quiet zone included. */
export interface QrCode {
  version: number;
  size: number;
  mask: number;
  modules: boolean[][];
}

// --- Reed-Solomon over GF(256), primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) -------

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255] ?? 0;
}

function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : (EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0);
}

/** Generator polynomial (x - α^0)(x - α^1)…(x - α^(n-1)), highest power first, leading 1 dropped. */
function generator(n: number): number[] {
  let g = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array<number>(g.length + 1).fill(0);
    for (let j = 0; j < g.length; j++) {
      next[j] = (next[j] ?? 0) ^ (g[j] ?? 0);
      next[j + 1] = (next[j + 1] ?? 0) ^ gfMul(g[j] ?? 0, EXP[i] ?? 0);
    }
    g = next;
  }
  return g.slice(1);
}

/** The n error correction codewords of `data`: the remainder of data(x)·x^n divided by g(x). */
export function reedSolomon(data: readonly number[], n: number): number[] {
  const g = generator(n);
  const rem = new Array<number>(n).fill(0);
  for (const byte of data) {
    const factor = byte ^ (rem[0] ?? 0);
    rem.shift();
    rem.push(0);
    for (let i = 0; i < n; i++) rem[i] = (rem[i] ?? 0) ^ gfMul(g[i] ?? 0, factor);
  }
  return rem;
}

// --- Data codewords ---------------------------------------------------------------------------

function dataCapacity(version: number): number {
  const b = BLOCKS_M[version - 1];
  return b ? b.groups.reduce((n, [count, data]) => n + count * data, 0) : 0;
}

const countBits = (version: number): number => (version < 10 ? 8 : 16);

/** Mode 0100 (byte), the length, the bytes, a terminator, then 0xEC/0x11 padding. */
function dataCodewords(bytes: Uint8Array, version: number): number[] {
  const capacityBits = dataCapacity(version) * 8;
  const bits: number[] = [];
  const put = (value: number, n: number): void => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, countBits(version));
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, capacityBits - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const out: number[] = [];
  for (let i = 0; i < bits.length; i += 8)
    out.push(bits.slice(i, i + 8).reduce((v, bit) => (v << 1) | bit, 0));
  for (let pad = 0xec; out.length < capacityBits / 8; pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

/** Split into blocks, add each block's EC codewords, then interleave column by column. */
function finalCodewords(data: readonly number[], version: number): number[] {
  const spec = BLOCKS_M[version - 1];
  if (!spec) throw new Error(`no QR version ${version}`);
  const blocks: number[][] = [];
  let at = 0;
  for (const [count, len] of spec.groups)
    for (let i = 0; i < count; i++) {
      blocks.push(data.slice(at, at + len));
      at += len;
    }
  const ecBlocks = blocks.map((b) => reedSolomon(b, spec.ec));
  const out: number[] = [];
  const longest = Math.max(...blocks.map((b) => b.length));
  for (let i = 0; i < longest; i++) for (const b of blocks) if (i < b.length) out.push(b[i] ?? 0);
  for (let i = 0; i < spec.ec; i++) for (const e of ecBlocks) out.push(e[i] ?? 0);
  return out;
}

// --- The matrix -------------------------------------------------------------------------------

class Matrix {
  readonly dark: boolean[][];
  readonly fixed: boolean[][];
  constructor(readonly size: number) {
    this.dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.fixed = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }
  set(row: number, col: number, dark: boolean): void {
    const r = this.dark[row];
    const f = this.fixed[row];
    if (!r || !f || col < 0 || col >= this.size) return;
    r[col] = dark;
    f[col] = true;
  }
  isFixed(row: number, col: number): boolean {
    return this.fixed[row]?.[col] ?? true;
  }
  get(row: number, col: number): boolean {
    return this.dark[row]?.[col] ?? false;
  }
}

/** A 7×7 finder pattern centred at (row, col), with its light separator ring. */
function finder(m: Matrix, row: number, col: number): void {
  for (let dr = -4; dr <= 4; dr++)
    for (let dc = -4; dc <= 4; dc++) {
      const d = Math.max(Math.abs(dr), Math.abs(dc));
      const r = row + dr;
      const c = col + dc;
      if (r >= 0 && r < m.size && c >= 0 && c < m.size) m.set(r, c, d !== 2 && d !== 4);
    }
}

function functionPatterns(m: Matrix, version: number): void {
  const n = m.size;
  for (let i = 0; i < n; i++) {
    m.set(6, i, i % 2 === 0);
    m.set(i, 6, i % 2 === 0);
  }
  finder(m, 3, 3);
  finder(m, 3, n - 4);
  finder(m, n - 4, 3);
  const centres = ALIGNMENT[version - 1] ?? [];
  for (const r of centres)
    for (const c of centres) {
      // Not over the finders (the three corners where a finder sits).
      if ((r === 6 && c === 6) || (r === 6 && c === n - 7) || (r === n - 7 && c === 6)) continue;
      for (let dr = -2; dr <= 2; dr++)
        for (let dc = -2; dc <= 2; dc++) m.set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  // Reserve the format areas now (written for real per mask) and the dark module.
  formatInfo(m, 0);
  if (version >= 7) versionInfo(m, version);
}

/** BCH remainder of `value << (degree of poly)` divided by `poly`. */
function bch(value: number, poly: number): number {
  const deg = Math.floor(Math.log2(poly));
  let v = value << deg;
  for (let i = Math.floor(Math.log2(v || 1)); i >= deg; i--) if ((v >>> i) & 1) v ^= poly << (i - deg);
  return (value << deg) | v;
}

/** The 15 format bits for level M (indicator 00) and `mask`, masked with 101010000010010. */
export function formatBits(mask: number): number {
  return bch((0b00 << 3) | mask, 0x537) ^ 0x5412;
}

function formatInfo(m: Matrix, mask: number): void {
  const bits = formatBits(mask);
  const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
  const n = m.size;
  // First copy, around the top-left finder.
  for (let i = 0; i <= 5; i++) m.set(i, 8, bit(i));
  m.set(7, 8, bit(6));
  m.set(8, 8, bit(7));
  m.set(8, 7, bit(8));
  for (let i = 9; i < 15; i++) m.set(8, 14 - i, bit(i));
  // Second copy, split between the top-right and bottom-left finders.
  for (let i = 0; i < 8; i++) m.set(8, n - 1 - i, bit(i));
  for (let i = 8; i < 15; i++) m.set(n - 15 + i, 8, bit(i));
  m.set(n - 8, 8, true);
}

function versionInfo(m: Matrix, version: number): void {
  const bits = bch(version, 0x1f25);
  for (let i = 0; i < 18; i++) {
    const dark = ((bits >>> i) & 1) === 1;
    const a = m.size - 11 + (i % 3);
    const b = Math.floor(i / 3);
    m.set(b, a, dark);
    m.set(a, b, dark);
  }
}

/** Codeword bits into the non-function modules: two-column zigzag from the bottom right. */
function placeData(m: Matrix, codewords: readonly number[]): void {
  let bit = 0;
  const total = codewords.length * 8;
  let upward = true;
  for (let right = m.size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern takes column 6 whole
    for (let k = 0; k < m.size; k++) {
      const row = upward ? m.size - 1 - k : k;
      for (const col of [right, right - 1]) {
        if (m.isFixed(row, col)) continue;
        // Remainder bits past the last codeword stay light (0) before masking.
        const dark = bit < total && (((codewords[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1) === 1;
        (m.dark[row] as boolean[])[col] = dark;
        bit++;
      }
    }
    upward = !upward;
  }
}

const MASKS: ReadonlyArray<(r: number, c: number) => boolean> = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function applyMask(m: Matrix, mask: number): boolean[][] {
  const f = MASKS[mask] ?? (() => false);
  return m.dark.map((row, r) => row.map((dark, c) => (m.isFixed(r, c) ? dark : dark !== f(r, c))));
}

/**
 * Penalty of one line (row or column) for rules N1 (runs of 5 or more: 3 + excess) and N3 (a
 * 1:1:3:1:1 dark-light-dark-light-dark run, at any scale, with 4 light units on at least one
 * side, the quiet zone outside the symbol counting as light; 40 each).
 */
function linePenalty(line: readonly boolean[]): number {
  // Run lengths starting with a light run (possibly empty), so odd indices are dark runs.
  const runs: number[] = [0];
  let current = false;
  for (const dark of line) {
    if (dark === current) runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
    else {
      runs.push(1);
      current = dark;
    }
  }
  let penalty = 0;
  for (let i = 0; i < runs.length; i++) {
    const len = runs[i] ?? 0;
    if (len >= 5) penalty += 3 + (len - 5);
    if (i % 2 === 1 && i >= 3 && i + 2 < runs.length && len % 3 === 0) {
      const f = len / 3;
      const around = [runs[i - 2], runs[i - 1], runs[i + 1], runs[i + 2]];
      if (around.every((x) => x === f)) {
        // A light run that touches the edge goes on into the quiet zone: long enough.
        const lightBefore = i === 3 ? Infinity : (runs[i - 3] ?? 0);
        const lightAfter = i + 4 >= runs.length ? Infinity : (runs[i + 3] ?? 0);
        if (lightBefore >= 4 * f || lightAfter >= 4 * f) penalty += 40;
      }
    }
  }
  return penalty;
}

export function penalty(modules: readonly (readonly boolean[])[]): number {
  const n = modules.length;
  let total = 0;
  let dark = 0;
  for (let r = 0; r < n; r++) {
    const row = modules[r] ?? [];
    total += linePenalty(row);
    total += linePenalty(modules.map((x) => x[r] ?? false));
    for (let c = 0; c < n; c++) {
      if (row[c]) dark++;
      // N2: every 2×2 block of one colour, 3 each.
      if (r + 1 < n && c + 1 < n) {
        const v = row[c];
        if (row[c + 1] === v && modules[r + 1]?.[c] === v && modules[r + 1]?.[c + 1] === v) total += 3;
      }
    }
  }
  // N4: 10 for every full 5 % the dark share is away from 50 %.
  total += 10 * Math.floor(Math.abs(20 * dark - 10 * n * n) / (n * n));
  return total;
}

/** Encodes `text` (as UTF-8) in the smallest version that holds it, with the best-scoring mask. */
export function encodeQr(text: string): QrCode {
  const bytes = new TextEncoder().encode(text);
  let version = 1;
  while (version <= QR_MAX_VERSION && dataCapacity(version) * 8 < 4 + countBits(version) + bytes.length * 8)
    version++;
  if (version > QR_MAX_VERSION)
    throw new Error(`too long for a QR code up to version ${QR_MAX_VERSION}: ${bytes.length} bytes`);
  const size = 17 + 4 * version;
  const m = new Matrix(size);
  functionPatterns(m, version);
  placeData(m, finalCodewords(dataCodewords(bytes, version), version));
  let best: QrCode | undefined;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    formatInfo(m, mask);
    const modules = applyMask(m, mask);
    const score = penalty(modules);
    if (score < bestScore) {
      bestScore = score;
      best = { version, size, mask, modules };
    }
  }
  return best as QrCode;
}
