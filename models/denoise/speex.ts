/**
 * speexdsp's preprocessor (spectral noise suppression with its own noise estimate) as the
 * caller-audio denoiser 'speex': one helper process (models/native/dsp_helper.c) for every call of
 * the box, each call a stream with its own state. It works on our 16 kHz, 20 ms frames directly,
 * so unlike RNNoise (rnnoise.ts: 48 kHz, 10 ms frames) there is no resampling; added delay: under
 * one 20 ms frame of carry.
 *
 * A helper that dies (crash, bad reply) fails what is in flight; the next request starts a new one,
 * whose streams start fresh.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelError } from '../types.js';

/** The helper binary beside the other native helpers (built by models/native/build.sh). */
export const speexHelperPath = (): string =>
  fileURLToPath(new URL('./native/build/dsp_helper', new URL('..', import.meta.url)));

/** Whether the helper is built (libspeexdsp-dev was there at build time). */
export const speexAvailable = (): boolean => existsSync(speexHelperPath());

/** One request: at most 1 s of 16 kHz audio (the helper's limit). */
const MAX_SAMPLES = 16_000;
/**
 * Noise suppression, dB (speexdsp's own default is 15). 6 dB: on bench:noise's tune part (real
 * recordings, per-agent model) 15 dB cost more than it gave (clean 32.4 %, street 10 dB 39.6 %,
 * quiet caller 66.7 % WER against 30.6 / 33.3 / 52.3 % at 6 dB).
 */
export const SPEEX_SUPPRESS_DB = 6;

interface Pending {
  stream: number;
  resolve: (pcm: Int16Array) => void;
  reject: (e: Error) => void;
}

export class SpeexDenoiser {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: Pending[] = [];
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly binary = speexHelperPath(),
    private readonly suppressDb = SPEEX_SUPPRESS_DB,
  ) {}

  /** The helper's process id (for CPU figures), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Denoises one stream's samples; resolves with its whole 20 ms frames so far. */
  process(stream: number, pcm: Int16Array): Promise<Int16Array> {
    const parts: Promise<Int16Array>[] = [];
    // One request per second of audio at most (an empty chunk is one empty request).
    for (let i = 0; i === 0 || i < pcm.length; i += MAX_SAMPLES) {
      const part = pcm.subarray(i, i + MAX_SAMPLES);
      const head = Buffer.alloc(8);
      head.writeUInt32LE(stream >>> 0, 0);
      head.writeUInt8(1, 4);
      head.writeUInt8(this.suppressDb, 5);
      head.writeUInt16LE(part.length, 6);
      parts.push(
        this.send(stream, Buffer.concat([head, Buffer.from(part.buffer, part.byteOffset, part.byteLength)])),
      );
    }
    if (parts.length === 1) return parts[0]!;
    return Promise.all(parts).then((outs) => {
      const all = new Int16Array(outs.reduce((n, o) => n + o.length, 0));
      let at = 0;
      for (const o of outs) {
        all.set(o, at);
        at += o.length;
      }
      return all;
    });
  }

  /** Forgets a stream's state. */
  close(stream: number): Promise<void> {
    if (!this.child) return Promise.resolve();
    const head = Buffer.alloc(8);
    head.writeUInt32LE(stream >>> 0, 0);
    head.writeUInt8(2, 4);
    return this.send(stream, head).then(() => undefined);
  }

  /** Stops the helper; what is in flight fails. */
  destroy(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
    this.failAll(new ModelError('speex denoiser closed', 'engine-failed'));
  }

  private send(stream: number, bytes: Buffer): Promise<Int16Array> {
    const child = this.start();
    return new Promise<Int16Array>((resolve, reject) => {
      this.pending.push({ stream, resolve, reject });
      child.stdin.write(bytes);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn(this.binary, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.buf = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', () => undefined);
    child.stdin.on('error', () => undefined); // EPIPE after a crash: handled by 'exit'
    const gone = (why: string): void => {
      if (this.child !== child) return;
      this.child = undefined;
      this.failAll(new ModelError(`speex denoiser helper ${why}`, 'engine-failed'));
    };
    child.on('error', (err) => gone(`failed: ${err.message}`));
    child.on('exit', (code, signal) => gone(`exited (${signal ?? code})`));
    return child;
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      if (this.buf.length < 6) return;
      const stream = this.buf.readUInt32LE(0);
      const m = this.buf.readUInt16LE(4);
      const size = 6 + m * 2;
      if (this.buf.length < size) return;
      const out = new Int16Array(m);
      for (let i = 0; i < m; i++) out[i] = this.buf.readInt16LE(6 + i * 2);
      this.buf = this.buf.subarray(size);
      const p = this.pending.shift();
      if (!p || p.stream !== stream >>> 0) {
        // Out of step with the helper: nothing after this can be trusted.
        this.child?.kill();
        this.child = undefined;
        this.failAll(new ModelError('speex denoiser helper answered out of order', 'engine-failed'));
        p?.reject(new ModelError('speex denoiser helper answered out of order', 'engine-failed'));
        return;
      }
      p.resolve(out);
    }
  }

  private failAll(err: Error): void {
    const all = this.pending;
    this.pending = [];
    for (const p of all) p.reject(err);
  }
}
