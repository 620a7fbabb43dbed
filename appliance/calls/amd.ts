/**
 * Answering-machine detection for outbound calls: from the callee's first audio, decide whether a
 * person or a machine answered and, for a machine, when to start the voicemail message.
 *
 * What it uses, per frame: the VAD's speech probability (Silero in calls) and the beep detector
 * (tone.ts) on the PCM. Time is the audio fed (ms since answer), never the wall clock; the class is
 * pure (no I/O, no timers), so the call session feeds it frames and acts on the events.
 *
 * Rules (the thresholds are AmdOptions, tuned on the benchmark's tune part, `npm run bench:amd`):
 *   - a beep before any verdict (some machines beep at once): `machine`, then `leave-message`;
 *   - nothing said within `initialSilenceMs` of answer: `human` ('silence'), so the agent greets;
 *   - a greeting, i.e. speech whose pauses are all shorter than `humanSilenceMs`, that lasts
 *     longer than `machineSpeechMs`: `machine` ('long-greeting'): people answer with a word or
 *     two ("Hello?") and wait, recorded greetings go on for several seconds;
 *   - a greeting that stops for `humanSilenceMs` while shorter than that: `human`
 *     ('short-greeting'), about a second after their words end;
 *   - after `machine`: `leave-message` once, at the end of the beep ('beep'), or after
 *     `endSilenceMs` of quiet once the greeting ended and no tone is sounding ('silence'), or at
 *     `maxWaitMs` after answer ('timeout').
 * After `human`, or after `leave-message`, the detector is done and returns no more events.
 */
import { DEFAULT_TONE_OPTIONS, ToneDetector, type ToneOptions } from './tone.js';

export interface AmdOptions {
  /** VAD probability at or above which a frame is speech. Default 0.5 (Silero's usual cut). */
  speechThreshold: number;
  /** VAD probability under which a frame is silence (hysteresis between the two). Default 0.35. */
  silenceThreshold: number;
  /** Speech must last this long to count (clicks, breaths, line pops), ms. Default 120. */
  minSpeechMs: number;
  /** No speech this long after answer: a person waiting for us to speak, ms. Default 4000. */
  initialSilenceMs: number;
  /** A pause this long ends a greeting; a short greeting then is a person, ms. Default 800. */
  humanSilenceMs: number;
  /** A greeting (pauses < humanSilenceMs) longer than this is a machine, ms. Default 2500. */
  machineSpeechMs: number;
  /** After a machine's greeting, quiet this long without a beep: leave the message, ms. Default 1800. */
  endSilenceMs: number;
  /** Leave the message at the latest this long after answer, ms. Default 30000. */
  maxWaitMs: number;
  /** Beep detector settings (tone.ts); defaults there. */
  tone: Partial<ToneOptions>;
}

export const DEFAULT_AMD_OPTIONS: AmdOptions = {
  speechThreshold: 0.5,
  silenceThreshold: 0.35,
  minSpeechMs: 120,
  initialSilenceMs: 4000,
  humanSilenceMs: 800,
  machineSpeechMs: 2500,
  endSilenceMs: 1800,
  maxWaitMs: 30000,
  tone: {},
};

/**
 * `atMs`: audio time (ms since answer) at which the detector knew, i.e. the end of the frame that
 * caused the event; for `beep`, the beep's end (at most one 20 ms block earlier).
 */
export type AmdEvent =
  | { kind: 'human'; atMs: number; reason: string } // a person answered: the agent should speak now
  | { kind: 'machine'; atMs: number; reason: string } // a machine's greeting: wait for the beep
  | { kind: 'beep'; atMs: number; frequencyHz: number; durationMs: number }
  | { kind: 'leave-message'; atMs: number; reason: 'beep' | 'silence' | 'timeout' }; // start the voicemail message now

export type AmdVerdict = 'pending' | 'human' | 'machine';

export class AnsweringMachineDetector {
  readonly options: AmdOptions;
  private readonly tone: ToneDetector;
  private state: AmdVerdict = 'pending';
  private finished = false;
  /** Audio fed, ms since answer. */
  private nowMs = 0;
  private speaking = false;
  /** Start of the current run of speech-ish frames (not yet confirmed), ms. */
  private runStartMs = -1;
  /** First confirmed speech onset of the greeting, ms (-1: none yet). */
  private greetingStartMs = -1;
  /** End of the last confirmed speech, ms (-1: speech still going or none). */
  private lastSpeechEndMs = -1;
  /** When the last tone activity was seen, ms (quiet after a greeting does not count a tone). */
  private lastToneMs = -1;

  constructor(options: Partial<AmdOptions> = {}) {
    this.options = { ...DEFAULT_AMD_OPTIONS, ...options };
    this.tone = new ToneDetector({ ...DEFAULT_TONE_OPTIONS, ...this.options.tone });
  }

  get verdict(): AmdVerdict {
    return this.state;
  }

  /** True once nothing more will come: after `human`, or after `leave-message`. */
  get done(): boolean {
    return this.finished;
  }

  /** Audio time fed so far, ms since answer. */
  get audioMs(): number {
    return this.nowMs;
  }

  /**
   * One frame of the callee's audio (8 or 16 kHz, typically 20 ms) and the VAD's speech
   * probability (0..1) for it. Returns the events it caused, in order.
   */
  push(pcm: Int16Array, sampleRateHz: number, speechProbability: number): AmdEvent[] {
    if (this.finished || pcm.length === 0) return [];
    const o = this.options;
    const startMs = this.nowMs;
    const frameMs = (1000 * pcm.length) / sampleRateHz;
    this.nowMs += frameMs;
    const now = this.nowMs;
    const events: AmdEvent[] = [];

    const beeps = this.tone.push(pcm, sampleRateHz);
    if (this.tone.active || beeps.length > 0) this.lastToneMs = now;
    for (const b of beeps) {
      events.push({ kind: 'beep', atMs: b.endMs, frequencyHz: b.frequencyHz, durationMs: b.durationMs });
      if (this.state === 'pending') {
        this.state = 'machine';
        events.push({ kind: 'machine', atMs: now, reason: 'beep' });
      }
      return this.finish(events, now, 'beep');
    }

    this.track(speechProbability, startMs, now);
    if (this.state === 'pending') {
      const v = this.decide(now);
      if (v) {
        this.state = v.kind;
        events.push(v);
        if (v.kind === 'human') {
          this.finished = true;
          return events;
        }
      }
    }
    if (this.state === 'machine') {
      const quietSince = Math.max(this.lastSpeechEndMs, this.lastToneMs);
      if (!this.speaking && this.lastSpeechEndMs >= 0 && now - quietSince >= o.endSilenceMs) {
        return this.finish(events, now, 'silence');
      }
    }
    if (this.state !== 'human' && now >= o.maxWaitMs) {
      if (this.state === 'pending') {
        this.state = 'machine';
        events.push({ kind: 'machine', atMs: now, reason: 'timeout' });
      }
      return this.finish(events, now, 'timeout');
    }
    return events;
  }

  /** Speech onset/offset with hysteresis and the minimum speech length. */
  private track(p: number, startMs: number, now: number): void {
    const o = this.options;
    if (this.speaking) {
      if (p < o.silenceThreshold) {
        this.speaking = false;
        this.lastSpeechEndMs = startMs;
        this.runStartMs = -1;
      }
      return;
    }
    if (p >= o.speechThreshold) {
      if (this.runStartMs < 0) this.runStartMs = startMs;
      if (now - this.runStartMs >= o.minSpeechMs) {
        this.speaking = true;
        this.lastSpeechEndMs = -1;
        if (this.greetingStartMs < 0) this.greetingStartMs = this.runStartMs;
      }
    } else if (p < o.silenceThreshold) {
      this.runStartMs = -1;
    }
  }

  private decide(now: number): { kind: 'human' | 'machine'; atMs: number; reason: string } | undefined {
    const o = this.options;
    if (this.greetingStartMs < 0) {
      return now >= o.initialSilenceMs ? { kind: 'human', atMs: now, reason: 'silence' } : undefined;
    }
    const spokenEnd = this.speaking ? now : this.lastSpeechEndMs;
    if (spokenEnd - this.greetingStartMs > o.machineSpeechMs) {
      return { kind: 'machine', atMs: now, reason: 'long-greeting' };
    }
    if (!this.speaking && now - this.lastSpeechEndMs >= o.humanSilenceMs) {
      return { kind: 'human', atMs: now, reason: 'short-greeting' };
    }
    return undefined;
  }

  private finish(events: AmdEvent[], atMs: number, reason: 'beep' | 'silence' | 'timeout'): AmdEvent[] {
    events.push({ kind: 'leave-message', atMs, reason });
    this.finished = true;
    return events;
  }
}
