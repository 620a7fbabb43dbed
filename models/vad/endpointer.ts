/**
 * Frame-probability -> utterance state machine (pure, synchronous).
 * Start: `minSpeechMs` of frames >= startThreshold (onset back-dated, pre-roll prepended).
 * End: `minSilenceMs` of frames < endThreshold (hangover), or maxUtteranceMs.
 */
import { concatPcm } from '../audio/pcm.js';
import type { VadEvent, VadOptions } from './types.js';

const RATE_HZ = 16000;

export class Endpointer {
  private readonly startThr: number;
  private readonly endThr: number;
  private readonly minSpeechFrames: number;
  private readonly minSilenceFrames: number;
  private readonly preRollFrames: number;
  private readonly maxFrames: number;
  private readonly frameMs: number;
  private frameIndex = 0;
  private inSpeech = false;
  /** Frames since onset while speech is not yet confirmed. */
  private pending: Int16Array[] = [];
  private history: Int16Array[] = [];
  private utterance: Int16Array[] = [];
  private utteranceStartFrame = 0;
  private silentRun = 0;

  constructor(
    readonly frameSamples: number,
    opts: VadOptions = {},
  ) {
    this.frameMs = (frameSamples / RATE_HZ) * 1000;
    this.startThr = opts.startThreshold ?? 0.5;
    this.endThr = Math.min(this.startThr, opts.endThreshold ?? Math.max(0.05, this.startThr - 0.15));
    const frames = (ms: number): number => Math.max(1, Math.round(ms / this.frameMs));
    this.minSpeechFrames = frames(opts.minSpeechMs ?? 200);
    this.minSilenceFrames = frames(opts.minSilenceMs ?? 600);
    this.preRollFrames = Math.max(0, Math.round((opts.preRollMs ?? 300) / this.frameMs));
    this.maxFrames = frames(opts.maxUtteranceMs ?? 30000);
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  /** Feed one frame (16 kHz) with its probability; returns the events it caused. */
  push(frame: Int16Array, prob: number): VadEvent[] {
    const events: VadEvent[] = [];
    const idx = this.frameIndex++;
    const atMs = idx * this.frameMs;
    if (!this.inSpeech) {
      if (prob >= this.startThr) {
        this.pending.push(frame);
        if (this.pending.length >= this.minSpeechFrames) {
          this.inSpeech = true;
          this.silentRun = 0;
          this.utteranceStartFrame = idx - this.pending.length + 1;
          const pre = concatPcm([...this.history, ...this.pending]);
          this.utterance = [pre];
          this.history = [];
          this.pending = [];
          events.push({ kind: 'speech-start', atMs: this.utteranceStartFrame * this.frameMs, pcm: pre });
        }
      } else {
        // Onset not confirmed: the pending frames become history (pre-roll candidates).
        for (const f of this.pending) this.remember(f);
        this.pending = [];
        this.remember(frame);
      }
      return events;
    }
    this.utterance.push(frame);
    events.push({ kind: 'speech-audio', atMs, pcm: frame });
    this.silentRun = prob < this.endThr ? this.silentRun + 1 : 0;
    const length = idx - this.utteranceStartFrame + 1;
    if (this.silentRun >= this.minSilenceFrames) events.push(this.finish(atMs, 'silence'));
    else if (length >= this.maxFrames) events.push(this.finish(atMs, 'max-length'));
    return events;
  }

  /** End of stream: close an open utterance. */
  flush(): VadEvent[] {
    if (!this.inSpeech) return [];
    return [this.finish(this.frameIndex * this.frameMs, 'flush')];
  }

  reset(): void {
    this.inSpeech = false;
    this.pending = [];
    this.history = [];
    this.utterance = [];
    this.silentRun = 0;
  }

  private remember(frame: Int16Array): void {
    if (this.preRollFrames === 0) return;
    this.history.push(frame);
    if (this.history.length > this.preRollFrames) this.history.shift();
  }

  private finish(atMs: number, reason: 'silence' | 'max-length' | 'flush'): VadEvent {
    // Trim most of the trailing silence but keep ~200 ms so word endings survive.
    const keepTail = Math.max(0, this.silentRun - Math.round(200 / this.frameMs));
    const frames = keepTail > 0 ? this.utterance.slice(0, this.utterance.length - keepTail) : this.utterance;
    const pcm = concatPcm(frames);
    this.inSpeech = false;
    this.utterance = [];
    this.silentRun = 0;
    return {
      kind: 'speech-end',
      atMs,
      durationMs: (pcm.length / RATE_HZ) * 1000,
      pcm,
      reason,
    };
  }
}
