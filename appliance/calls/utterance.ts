/**
 * One caller utterance as the STT sees it, finalized early at pauses.
 *
 * The endpointer waits `minSilenceMs` (500 ms by default) of quiet before it declares the
 * utterance over. Waiting for that decision before finishing STT would put the whole final decode
 * after it. Instead, once the caller has been quiet for `pauseFinalizeMs` (default 200 ms) the
 * current STT stream is ended, so its decode runs while the endpointer is still waiting. If the
 * caller speaks again, a new stream takes the next part (fed a short pre-roll of the quiet audio
 * before it, default 160 ms, so word onsets are not clipped). The transcript is the parts joined
 * in order.
 *
 * A part decoded on its own loses its left context and gets a sentence start and end in the
 * language model where the caller only paused ("how much is" + "a standard consultation"). So
 * when the caller resumes within `redecodeMaxMs` of the utterance's start, the new stream is fed
 * the whole utterance so far (the earlier parts' audio, the pause, then the new speech) and its
 * transcript replaces the earlier parts'; the early finalization still hides the final decode
 * behind the endpointer's wait, and the re-fed audio is decoded while the caller is speaking
 * again. A longer utterance goes on in parts as before (re-decoding it all would cost more CPU
 * than the caller's speech leaves time for). Measured (festival "How much is" + 0.4 s + "a
 * standard consultation for a small dog?", paced in real time, pocketsphinx with an agent model,
 * 2 cores at load 16): parts "how much is the standard ...", re-decode "how much is a standard
 * ..."; end of segment -> transcript median 1268 ms in parts, 936 ms re-decoded (3 runs each;
 * at this load the spread, 0-2100 ms, is the box's, not the mode's).
 */
import { concatPcm } from '../../models/index.js';
import type { SttChannel } from '../../models/index.js';
import type { SpeechToText, SpeechToTextStream } from './ports.js';

export interface UtteranceOptions {
  /**
   * Quiet after the last voiced frame before the current part is finalized, ms (default 200).
   * 150 with a 250 ms content window (turn-end.ts) was tried on 2026-12-06: one caller's content
   * decision came about 30 ms sooner (bench:turns `--finalize-ms 150`), but with 4-10 callers
   * asking at once the answers came later than with the defaults (bench:calls, 10 calls p50
   * 5.1 s against 3.4 s; single runs on a loaded 2-core box), so the defaults stay.
   */
  pauseFinalizeMs?: number;
  /** Quiet audio kept to lead into a resumed part, ms (default 160). */
  preRollMs?: number;
  /** A part shorter than this is not finalized early (tiny parts decode badly), ms (default 250). */
  minPartMs?: number;
  /**
   * A resumed part re-decodes the utterance from its start while the audio so far is at most this
   * long, ms (default 2500; 0: never, each part decoded alone).
   */
  redecodeMaxMs?: number;
  /** The call's recogniser state (models' SttChannel): one per call, shared by its utterances. */
  channel?: SttChannel;
}

/** One finalized part: its transcript, and whether it covers the utterance from its start. */
interface Part {
  text: Promise<string>;
  fromStart: boolean;
}

const SAMPLE_RATE_HZ = 16000;

/** See UtteranceOptions.pauseFinalizeMs, ms. */
export const DEFAULT_PAUSE_FINALIZE_MS = 200;

export class Utterance {
  private readonly parts: Part[] = [];
  private stream: SpeechToTextStream | undefined;
  private streamSamples = 0;
  /** The current stream was fed the utterance from its start. */
  private streamFromStart = true;
  /** The utterance's audio so far, while it may still be re-decoded (then dropped). */
  private heard: Int16Array[] | undefined = [];
  private heardSamples = 0;
  private readonly redecodeMaxSamples: number;
  private quiet: Int16Array[] = [];
  private quietSamples = 0;
  private readonly pauseFinalizeMs: number;
  private readonly preRollSamples: number;
  private readonly minPartSamples: number;
  private aborted = false;
  private readonly channel: SttChannel | undefined;

  constructor(
    private readonly stt: SpeechToText,
    private readonly phrases: readonly string[],
    first: Int16Array,
    opts: UtteranceOptions = {},
  ) {
    this.channel = opts.channel;
    this.pauseFinalizeMs = opts.pauseFinalizeMs ?? DEFAULT_PAUSE_FINALIZE_MS;
    this.preRollSamples = Math.round(((opts.preRollMs ?? 160) * SAMPLE_RATE_HZ) / 1000);
    this.minPartSamples = Math.round(((opts.minPartMs ?? 250) * SAMPLE_RATE_HZ) / 1000);
    this.redecodeMaxSamples = Math.round(((opts.redecodeMaxMs ?? 2500) * SAMPLE_RATE_HZ) / 1000);
    this.keep(first);
    this.open(first, true);
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
    this.keep(pcm);
    if (this.stream) {
      this.stream.write(pcm, SAMPLE_RATE_HZ);
      this.streamSamples += pcm.length;
      if (!voiced && quietMs >= this.pauseFinalizeMs && this.streamSamples >= this.minPartSamples)
        this.finalizePart();
      return;
    }
    if (voiced) {
      const lead = this.quiet;
      this.quiet = [];
      this.quietSamples = 0;
      // The caller resumed: the whole utterance again while short enough, else a new part led in
      // by the quiet audio just before it.
      if (this.heard) this.open(concatPcm(this.heard), true);
      else this.open(concatPcm([...lead, pcm]), false);
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

  /** Keeps the audio for a re-decode while the utterance is short enough for one. */
  private keep(pcm: Int16Array): void {
    if (!this.heard) return;
    this.heard.push(pcm);
    this.heardSamples += pcm.length;
    if (this.heardSamples > this.redecodeMaxSamples) this.heard = undefined;
  }

  private open(pcm: Int16Array, fromStart: boolean): void {
    this.stream = this.stt.startStream({
      phrases: this.phrases,
      ...(this.channel ? { channel: this.channel } : {}),
    });
    this.streamFromStart = fromStart;
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
    this.parts.push({ text, fromStart: this.streamFromStart });
  }
}

/**
 * Parts' transcripts joined in order, from the last part that re-decoded the utterance from its
 * start (if it failed, the parts before it stand in); a failed part is left out; all failing
 * throws the first failure.
 */
async function joinParts(parts: readonly Part[]): Promise<string> {
  const results = await Promise.allSettled(parts.map((p) => p.text));
  let from = 0;
  for (let i = parts.length - 1; i > 0; i--)
    if (parts[i]?.fromStart && results[i]?.status === 'fulfilled') {
      from = i;
      break;
    }
  const used = results.slice(from);
  const texts = used.flatMap((r) => (r.status === 'fulfilled' ? [r.value.trim()] : []));
  const failed = used.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (texts.length === 0 && failed) throw failed.reason;
  return texts.filter(Boolean).join(' ');
}
