/**
 * G.711 mu-law (PCMU) and A-law (PCMA). The quantizer is Sun's g711.c (the ITU-T G.711 decision
 * levels, as used by sox and most PBXs). G.711 codes 14-bit (mu) / 13-bit (A) linear values; a 16-bit
 * sample is first rounded to the nearest such value (as sox does) instead of truncated, which keeps the
 * full 16-bit input symmetric and makes encode/decode bit-exact with sox for all 65536 inputs and
 * identical to plain g711.c for every input that is already 14/13-bit. Encoding goes through 64 KiB
 * lookup tables built once at module load, so the per-sample cost is one table read.
 */

const ULAW_BIAS = 0x84;
const ULAW_CLIP = 8159;
const SEG_UEND = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff] as const;
const SEG_AEND = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff] as const;

function segment(value: number, table: readonly number[]): number {
  for (let i = 0; i < table.length; i++) if (value <= (table[i] ?? 0)) return i;
  return table.length;
}

/** One linear sample to a mu-law byte, g711.c reference (truncates the 2 LSBs; tables round first). */
export function linearToUlaw(sample: number): number {
  let pcm = sample >> 2;
  let mask: number;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7f;
  } else {
    mask = 0xff;
  }
  if (pcm > ULAW_CLIP) pcm = ULAW_CLIP;
  pcm += ULAW_BIAS >> 2;
  const seg = segment(pcm, SEG_UEND);
  if (seg >= 8) return 0x7f ^ mask;
  return ((seg << 4) | ((pcm >> (seg + 1)) & 0xf)) ^ mask;
}

/** One mu-law byte to a 16-bit linear sample. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  let t = ((u & 0x0f) << 3) + ULAW_BIAS;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? ULAW_BIAS - t : t - ULAW_BIAS;
}

/** One linear sample to an A-law byte, g711.c reference (truncates the 3 LSBs; tables round first). */
export function linearToAlaw(sample: number): number {
  let pcm = sample >> 3;
  let mask: number;
  if (pcm >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  const seg = segment(pcm, SEG_AEND);
  if (seg >= 8) return 0x7f ^ mask;
  let aval = seg << 4;
  aval |= seg < 2 ? (pcm >> 1) & 0xf : (pcm >> seg) & 0xf;
  return aval ^ mask;
}

/** One A-law byte to a 16-bit linear sample. */
export function alawToLinear(byte: number): number {
  const a = (byte ^ 0x55) & 0xff;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

const ENC_ULAW = new Uint8Array(65536);
const ENC_ALAW = new Uint8Array(65536);
const DEC_ULAW = new Int16Array(256);
const DEC_ALAW = new Int16Array(256);
for (let i = 0; i < 65536; i++) {
  const s = i - 32768;
  ENC_ULAW[i] = linearToUlaw(Math.min(32767, Math.round(s / 4) * 4));
  ENC_ALAW[i] = linearToAlaw(Math.min(32767, Math.round(s / 8) * 8));
}
for (let i = 0; i < 256; i++) {
  DEC_ULAW[i] = ulawToLinear(i);
  DEC_ALAW[i] = alawToLinear(i);
}

function encodeWith(table: Uint8Array, pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = table[(pcm[i] ?? 0) + 32768] ?? 0;
  return out;
}

function decodeWith(table: Int16Array, bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i] ?? 0] ?? 0;
  return out;
}

export const encodePcmu = (pcm: Int16Array): Uint8Array => encodeWith(ENC_ULAW, pcm);
export const decodePcmu = (bytes: Uint8Array): Int16Array => decodeWith(DEC_ULAW, bytes);
export const encodePcma = (pcm: Int16Array): Uint8Array => encodeWith(ENC_ALAW, pcm);
export const decodePcma = (bytes: Uint8Array): Int16Array => decodeWith(DEC_ALAW, bytes);
