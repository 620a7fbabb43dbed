/**
 * PCM helpers: resampling, float conversion, WAV parse/encode. Pure functions, no I/O.
 */
import { ModelError } from '../types.js';

/** Int16 -> float32 in [-1, 1). */
export function int16ToFloat32(pcm: Int16Array): Float32Array {
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = (pcm[i] ?? 0) / 32768;
  return out;
}

export function float32ToInt16(x: Float32Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.round((x[i] ?? 0) * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/**
 * Band-limited resampling by windowed-sinc interpolation (16 taps each side).
 * Good enough for speech between 8/16/22.05/48 kHz; downsampling low-passes at the new Nyquist.
 */
export function resample(pcm: Int16Array, fromHz: number, toHz: number): Int16Array {
  if (fromHz === toHz) return pcm;
  if (fromHz <= 0 || toHz <= 0) throw new ModelError('sample rates must be positive', 'bad-input');
  const ratio = toHz / fromHz;
  const outLen = Math.floor(pcm.length * ratio);
  const out = new Int16Array(outLen);
  const cutoff = Math.min(1, ratio); // fraction of the input Nyquist kept
  const halfTaps = 16;
  const radius = halfTaps / cutoff;
  for (let n = 0; n < outLen; n++) {
    const t = n / ratio;
    let acc = 0;
    let wsum = 0;
    const lo = Math.max(0, Math.ceil(t - radius));
    const hi = Math.min(pcm.length - 1, Math.floor(t + radius));
    for (let k = lo; k <= hi; k++) {
      const x = (t - k) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const win = 0.5 + 0.5 * Math.cos((Math.PI * (t - k)) / radius); // Hann
      const w = sinc * win;
      acc += (pcm[k] ?? 0) * w;
      wsum += w;
    }
    const v = Math.round(wsum !== 0 ? acc / wsum : 0);
    out[n] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Int16Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Parse a RIFF WAV holding 16-bit PCM (mono, or stereo downmixed). Throws ModelError on anything else. */
export function parseWav(buf: Uint8Array): { pcm: Int16Array; sampleRateHz: number } {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (o: number): string =>
    String.fromCharCode(buf[o] ?? 0, buf[o + 1] ?? 0, buf[o + 2] ?? 0, buf[o + 3] ?? 0);
  if (buf.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new ModelError('not a RIFF/WAVE file', 'bad-input');
  let off = 12;
  let fmt: { channels: number; rate: number; bits: number; format: number } | undefined;
  while (off + 8 <= buf.length) {
    const id = tag(off);
    const size = dv.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ' && size >= 16 && body + 16 <= buf.length) {
      fmt = {
        format: dv.getUint16(body, true),
        channels: dv.getUint16(body + 2, true),
        rate: dv.getUint32(body + 4, true),
        bits: dv.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new ModelError('WAV data chunk before fmt chunk', 'bad-input');
      if (
        (fmt.format !== 1 && fmt.format !== 0xfffe) ||
        fmt.bits !== 16 ||
        fmt.channels < 1 ||
        fmt.channels > 2
      ) {
        throw new ModelError(
          `unsupported WAV format ${fmt.format}/${fmt.bits} bit/${fmt.channels} ch`,
          'bad-input',
        );
      }
      // Some streaming writers put 0 or 0xffffffff as size: take what is there.
      const end = Math.min(buf.length, size === 0 || size === 0xffffffff ? buf.length : body + size);
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      const pcm = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        if (fmt.channels === 1) pcm[i] = dv.getInt16(body + i * 2, true);
        else pcm[i] = (dv.getInt16(body + i * 4, true) + dv.getInt16(body + i * 4 + 2, true)) >> 1;
      }
      return { pcm, sampleRateHz: fmt.rate };
    }
    off = body + size + (size & 1);
  }
  throw new ModelError('WAV has no data chunk', 'bad-input');
}

export function encodeWav(pcm: Int16Array, sampleRateHz: number): Buffer {
  const buf = Buffer.alloc(44 + pcm.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + pcm.length * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRateHz, 24);
  buf.writeUInt32LE(sampleRateHz * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(pcm.length * 2, 40);
  for (let i = 0; i < pcm.length; i++) buf.writeInt16LE(pcm[i] ?? 0, 44 + i * 2);
  return buf;
}

/** Little-endian bytes of an Int16Array without copying when possible. */
export function pcmToBuffer(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

export function rmsDbfs(pcm: Int16Array): number {
  if (pcm.length === 0) return -120;
  let acc = 0;
  for (let i = 0; i < pcm.length; i++) {
    const v = (pcm[i] ?? 0) / 32768;
    acc += v * v;
  }
  const rms = Math.sqrt(acc / pcm.length);
  return rms > 0 ? Math.max(-120, 20 * Math.log10(rms)) : -120;
}
