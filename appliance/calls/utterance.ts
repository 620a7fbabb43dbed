/**
 * One caller utterance as the STT sees it, finalized early at pauses.
 *
 * The endpointer waits `minSilenceMs` (500 ms by default) of quiet before it declares the
 * utterance over. Waiting for that decision before finishing STT would put the whole final decode
 * after it. Instead, once the caller has been quiet for `pauseFinalizeMs` (default 200 ms) the
 * current STT stream is ended, so its decode runs while the endpointer is still waiting. If the
 * caller speaks again, a new stream takes the next part (fed a short pre-roll of the quiet audio
 * before it, default 160 ms, so word onsets are not clipped). The transcript is the parts joined
 * in order. A pause is a word boundary, so splitting there costs the recognizer little context.
 */
import { concatPcm } from '../../models/index.js';
import type { SpeechToText, SpeechToTextStream } from './ports.js';

export interface UtteranceOptions {
  /** Quiet after the last voiced frame before the current part is finalized, ms (default 200). */
  pauseFinalizeMs?: number;
  /** Quiet audio kept to lead into a resumed part, ms (default 160). */
  preRollMs?: number;
  /** A part shorter than this is not finalized early (tiny parts decode badly), ms (default 250). */
  minPartMs?: number;
}

const SAMPLE_RATE_HZ = 16000;

export class Utterance {
  private readonly parts: Array<Promise<string>> = [];
  private stream: SpeechToTextStream | undefined;
  private streamSamples = 0;
  private quiet: Int16Array[] = [];
  private quietSamples = 0;
  private readonly pauseFinalizeMs: number;
  private readonly preRollSamples: number;
  private readonly minPartSamples: number;
  private aborted = false;

  constructor(
    private readonly stt: SpeechToText,
    private readonly phrases: readonly string[],
    first: Int16Array,
    opts: UtteranceOptions = {},
  ) {
    this.pauseFinalizeMs = opts.pauseFinalizeMs ?? 200;
    this.preRollSamples = Math.round(((opts.preRollMs ?? 160) * SAMPLE_RATE_HZ) / 1000);
    this.minPartSamples = Math.round(((opts.minPartMs ?? 250) * SAMPLE_RATE_HZ) / 1000);
    this.open(first);
  }

  /** Parts ended early so far (for tests and logs). */
  get earlyParts(): number {
    return this.parts.length;
  }

  /**
   * One chunk of the utterance's 16 kHz audio. `voiced`: the detector scored it as speech;
   * `quietMs`: time since the last voiced frame.
   */
  write(pcm: Int16Array, voiced: boolean, quietMs: number): void {
    if (this.aborted) return;
    if (this.stream) {
      this.stream.write(pcm, SAMPLE_RATE_HZ);
      this.streamSamples += pcm.length;
      if (!voiced && quietMs >= this.pauseFinalizeMs && this.streamSamples >= this.minPartSamples)
        this.finalizePart();
      return;
    }
    if (voiced) {
      // The caller resumed: a new part, led in by the quiet audio just before it.
      const lead = this.quiet;
      this.quiet = [];
      this.quietSamples = 0;
      this.open(concatPcm([...lead, pcm]));
      return;
    }
    this.quiet.push(pcm);
    this.quietSamples += pcm.length;
    while (this.quiet.length > 1 && this.quietSamples - (this.quiet[0]?.length ?? 0) >= this.preRollSamples)
      this.quietSamples -= this.quiet.shift()?.length ?? 0;
  }

  /**
   * The utterance is over: the parts' transcripts joined in order. A part that failed is left out;
   * if every part failed, the first failure is thrown.
   */
  async end(): Promise<string> {
    if (this.stream) this.finalizePart();
    return joinParts(this.parts);
  }

  /**
   * What the caller said up to the last early-finalized part (the end-of-turn judge reads it at a
   * pause, turn-end.ts); the utterance goes on.
   */
  textSoFar(): Promise<string> {
    return joinParts(this.parts.slice());
  }

  abort(): void {
    this.aborted = true;
    this.stream?.abort();
    this.stream = undefined;
  }

  private open(pcm: Int16Array): void {
    this.stream = this.stt.startStream({ phrases: this.phrases });
    this.streamSamples = 0;
    this.stream.write(pcm, SAMPLE_RATE_HZ);
    this.streamSamples += pcm.length;
  }

  private finalizePart(): void {
    const s = this.stream;
    this.stream = undefined;
    if (!s) return;
    const text = s.end().then(
      (r) => r.text,
      (err: unknown) => {
        if (this.aborted) return '';
        throw err;
      },
    );
    text.catch(() => undefined);
    this.parts.push(text);
  }
}

/** Parts' transcripts joined in order; a failed part is left out; all failing throws the first failure. */
async function joinParts(parts: ReadonlyArray<Promise<string>>): Promise<string> {
  const results = await Promise.allSettled(parts);
  const texts = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.trim()] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (texts.length === 0 && failed) throw failed.reason;
  return texts.filter(Boolean).join(' ');
}
