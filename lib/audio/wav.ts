/**
 * 16-bit PCM RIFF/WAVE in memory: the one parser and header writer of the code base (media's
 * recordings, the models' audio helpers and every layer's tests use it). Pure, no I/O.
 */
export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

export interface WavData {
  sampleRateHz: number;
  channels: number;
  /** Interleaved samples (frames x channels). */
  samples: Int16Array;
  /** Per-channel views (copies), convenient for stereo recordings. */
  channelData: Int16Array[];
  durationMs: number;
}

const HEADER_BYTES = 44;

export function wavHeader(sampleRateHz: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRateHz, 24);
  h.writeUInt32LE(sampleRateHz * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return h;
}

/** Parse a WAV held in memory (PCM 16-bit only; skips unknown chunks such as LIST). */
export function parseWav(bytes: Uint8Array): WavData {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw new WavFormatError('fmt chunk truncated');
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        rate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new WavFormatError('data chunk before fmt chunk');
      // WAVE_FORMAT_EXTENSIBLE (0xfffe) with 16-bit PCM is accepted as well.
      if ((fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16) {
        throw new WavFormatError(`unsupported WAV encoding (format ${fmt.format}, ${fmt.bits} bits)`);
      }
      if (fmt.channels < 1 || fmt.channels > 8 || fmt.rate <= 0)
        throw new WavFormatError('bad WAV fmt values');
      // Streaming writers may leave 0 or 0xffffffff as size: use what is present.
      if (size === 0 || size === 0xffffffff || body + size > buf.length) size = buf.length - body;
      const frames = Math.floor(size / (2 * fmt.channels));
      const samples = new Int16Array(frames * fmt.channels);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * 2);
      const channelData: Int16Array[] = [];
      for (let c = 0; c < fmt.channels; c++) {
        const ch = new Int16Array(frames);
        for (let i = 0; i < frames; i++) ch[i] = samples[i * fmt.channels + c] ?? 0;
        channelData.push(ch);
      }
      return {
        sampleRateHz: fmt.rate,
        channels: fmt.channels,
        samples,
        channelData,
        durationMs: (frames / fmt.rate) * 1000,
      };
    }
    offset = body + size + (size & 1);
  }
  throw new WavFormatError('no data chunk');
}

/** A mono 16-bit WAV file's bytes. */
export function encodeWav(pcm: Int16Array, sampleRateHz: number): Buffer {
  const body = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) body.writeInt16LE(pcm[i] ?? 0, i * 2);
  return Buffer.concat([wavHeader(sampleRateHz, 1, body.length), body]);
}

/** Mono samples: the only channel, or the average of all channels. */
export function monoOf(wav: WavData): Int16Array {
  if (wav.channels === 1) return wav.channelData[0] ?? new Int16Array(0);
  const frames = wav.channelData[0]?.length ?? 0;
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    for (const ch of wav.channelData) acc += ch[i] ?? 0;
    out[i] = Math.round(acc / wav.channels);
  }
  return out;
}
