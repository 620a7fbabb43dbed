/**
 * Frame-probability -> utterance state machine (pure, synchronous).
 * Start: `minSpeechMs` of frames >= startThreshold (onset back-dated, pre-roll prepended) and,
 * with `onsetGateDb`, those frames that much louder than the line's noise between utterances.
 * End: `minSilenceMs` of frames < endThreshold (hangover), or maxUtteranceMs.
 */
import { concatPcm } from '../audio/pcm.js';
import { frameDb, meanDb, NoiseLevel } from './noise-level.js';
import type { VadEvent, VadOptions } from './types.js';

const RATE_HZ = 16000;
/**
 * An onset the gate holds back keeps this much of its run pending, ms: when the caller's voice
 * rises out of babble the utterance still starts where the detector's run began (up to this).
 */
const GATED_PENDING_MS = 1000;

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
  private readonly gateDb: number | undefined;
  private readonly noise: NoiseLevel;
  /** Levels (dB) of the pending frames, in order. */
  private pendingDb: number[] = [];
  /** Most frames an onset held back by the gate keeps pending (the rest become pre-roll). */
  private readonly maxPendingFrames: number;

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
    this.gateDb = opts.onsetGateDb;
    this.noise = new NoiseLevel(this.frameMs);
    this.maxPendingFrames = Math.max(this.minSpeechFrames, frames(GATED_PENDING_MS));
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
      const db = frameDb(frame);
      if (prob >= this.startThr) {
        this.pending.push(frame);
        this.pendingDb.push(db);
        if (this.pending.length >= this.minSpeechFrames && this.loudEnough()) {
          this.inSpeech = true;
          this.silentRun = 0;
          this.utteranceStartFrame = idx - this.pending.length + 1;
          const pre = concatPcm([...this.history, ...this.pending]);
          this.utterance = [pre];
          this.history = [];
          this.pending = [];
          this.pendingDb = [];
          events.push({ kind: 'speech-start', atMs: this.utteranceStartFrame * this.frameMs, pcm: pre });
          return events;
        }
        // Held back by the gate: a long run keeps its latest frames pending, the rest pre-roll.
        while (this.pending.length > this.maxPendingFrames) {
          this.remember(this.pending.shift() as Int16Array);
          this.pendingDb.shift();
        }
      } else {
        // Onset not confirmed: the pending frames become history (pre-roll candidates).
        for (const f of this.pending) this.remember(f);
        this.pending = [];
        this.pendingDb = [];
        this.remember(frame);
      }
      this.noise.update(db);
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
    this.pendingDb = [];
    this.history = [];
    this.utterance = [];
    this.silentRun = 0;
  }

  /** The gate: the last `minSpeechMs` of pending frames stand out from the noise by gateDb. */
  private loudEnough(): boolean {
    if (this.gateDb === undefined) return true;
    const recent = this.pendingDb.slice(-this.minSpeechFrames);
    return meanDb(recent) - this.noise.levelDb >= this.gateDb;
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
