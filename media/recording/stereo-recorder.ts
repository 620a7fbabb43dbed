/**
 * Two-channel call recorder: caller on the left, agent on the right, both at the call's codec rate
 * (8 kHz for G.711, 16 kHz for G.722). Each side is placed by its sample position relative to the
 * session start (the session derives positions from its monotonic clock), gaps are filled with
 * silence, and interleaved audio is streamed to disk in ~200 ms blocks, so memory stays bounded to
 * the skew between the two sides (capped at `maxSkewMs`, default 2000 ms; beyond it the lagging side
 * is padded with silence).
 */
import { WavWriter } from './wav.js';

export type RecorderChannel = 'caller' | 'agent';

export class StereoRecorder {
  private readonly writer: WavWriter;
  readonly sampleRateHz: number;
  private readonly pending: [number[], number[]] = [[], []];
  /** Absolute sample index (since session start) of pending[0][0] == pending[1][0]. */
  private flushedFrames = 0;
  private readonly maxSkewFrames: number;
  private readonly blockFrames: number;

  constructor(path: string, sampleRateHz: number, maxSkewMs = 2000) {
    this.sampleRateHz = sampleRateHz;
    this.writer = new WavWriter(path, sampleRateHz, 2);
    this.maxSkewFrames = Math.round((sampleRateHz * maxSkewMs) / 1000);
    this.blockFrames = Math.round(sampleRateHz / 5);
  }

  /**
   * Place `pcm` of one channel starting at absolute sample `startSample`. Samples before what was
   * already flushed are dropped; a gap before `startSample` is silence; overlapping samples overwrite.
   */
  write(channel: RecorderChannel, startSample: number, pcm: Int16Array): void {
    const buf = this.pending[channel === 'caller' ? 0 : 1];
    let rel = Math.round(startSample) - this.flushedFrames;
    let src = 0;
    if (rel < 0) {
      src = -rel;
      rel = 0;
    }
    while (buf.length < rel) buf.push(0);
    for (let i = src; i < pcm.length; i++) {
      const at = rel + i - src;
      if (at < buf.length) buf[at] = pcm[i] ?? 0;
      else buf.push(pcm[i] ?? 0);
    }
    this.drain(false);
  }

  private drain(final: boolean): void {
    const [l, r] = this.pending;
    // A side that lags too far behind is padded with silence so memory stays bounded.
    if (l.length - r.length > this.maxSkewFrames) while (r.length < l.length - this.maxSkewFrames) r.push(0);
    if (r.length - l.length > this.maxSkewFrames) while (l.length < r.length - this.maxSkewFrames) l.push(0);
    let frames = Math.min(l.length, r.length);
    if (final) frames = Math.max(l.length, r.length);
    if (frames === 0 || (!final && frames < this.blockFrames)) return;
    const out = new Int16Array(frames * 2);
    for (let i = 0; i < frames; i++) {
      out[2 * i] = l[i] ?? 0;
      out[2 * i + 1] = r[i] ?? 0;
    }
    l.splice(0, frames);
    r.splice(0, frames);
    this.flushedFrames += frames;
    this.writer.write(out);
  }

  async close(): Promise<{ path: string; durationMs: number; sampleRateHz: number }> {
    this.drain(true);
    const r = await this.writer.close();
    // The rate the WAV header was written with, so what callers store agrees with the file.
    return { path: r.path, durationMs: r.durationMs, sampleRateHz: this.writer.sampleRateHz };
  }
}
