/**
 * 16-bit PCM WAV files: a streaming writer (data appended through an fs.WriteStream, RIFF sizes
 * patched on close) and a file reader; the in-memory format lives in lib/audio/wav.ts.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { parseWav, wavHeader, type WavData } from '../../lib/index.js';

export { parseWav, wavHeader, WavFormatError, type WavData } from '../../lib/index.js';

/** Read a 16-bit PCM WAV file (mono or stereo). */
export async function readWav(path: string): Promise<WavData> {
  return parseWav(await readFile(path));
}

/**
 * Streams interleaved 16-bit samples to disk. The header is written first with zero sizes and patched
 * on close(), so a crash leaves a file readers can still recover (parseWav tolerates size 0).
 */
export class WavWriter {
  readonly path: string;
  readonly sampleRateHz: number;
  readonly channels: number;
  private readonly stream: WriteStream;
  private dataBytes = 0;
  private closed = false;
  private error: Error | undefined;

  constructor(path: string, sampleRateHz: number, channels: number) {
    this.path = path;
    this.sampleRateHz = sampleRateHz;
    this.channels = channels;
    this.stream = createWriteStream(path);
    this.stream.on('error', (e) => {
      this.error = e;
    });
    this.stream.write(wavHeader(sampleRateHz, channels, 0));
  }

  /** Append interleaved samples (length a multiple of `channels`). Non-blocking. */
  write(samples: Int16Array): void {
    if (this.closed || this.error) return;
    const bytes = Buffer.alloc(samples.length * 2);
    for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i] ?? 0, i * 2);
    this.dataBytes += bytes.length;
    this.stream.write(bytes);
  }

  get bytesWritten(): number {
    return this.dataBytes;
  }

  /** Flush, close and patch RIFF/data sizes. Rejects if any write failed. */
  async close(): Promise<{ path: string; dataBytes: number; durationMs: number }> {
    if (!this.closed) {
      this.closed = true;
      await new Promise<void>((resolve) => this.stream.end(() => resolve()));
      if (this.error) throw this.error;
      const fh = await open(this.path, 'r+');
      try {
        const h = wavHeader(this.sampleRateHz, this.channels, this.dataBytes);
        await fh.write(h, 4, 4, 4);
        await fh.write(h, 40, 4, 40);
      } finally {
        await fh.close();
      }
    }
    if (this.error) throw this.error;
    return {
      path: this.path,
      dataBytes: this.dataBytes,
      durationMs: (this.dataBytes / 2 / this.channels / this.sampleRateHz) * 1000,
    };
  }
}
