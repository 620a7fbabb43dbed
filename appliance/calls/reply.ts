/**
 * One agent reply (a turn's answer, the greeting, a reprompt, a goodbye): it owns its abort, the
 * audio it has queued, the audio held back while a barge-in is being decided, whether it was
 * interrupted, the actions it carries, and its latency timings. The session decides *when* a
 * reply starts and what happens after it; the reply only turns sentences into ordered audio.
 *
 * Each sentence is synthesized as soon as the agent yields it and played in order (sentence 1
 * plays while 2.. synthesize).
 *
 * Timings (wall clock, ms, see call-session.ts): agent = reply start -> first sentence;
 * tts_first_audio = first sentence -> its audio queued; processing = end-of-utterance decision ->
 * first audio queued; voice_to_voice = caller's last voiced frame -> first audio queued.
 */
import type { Logger } from 'pino';
import type { ReplyEvent } from '../agent/index.js';
import type { Clock } from './clock.js';
import type { LatencyStage } from './metrics.js';
import type { Playout } from './playout.js';
import type { TextToSpeech } from './ports.js';

export interface TurnTimings {
  /** What ended the caller's turn (turn-end.ts): a complete question at a pause, or the silence window. */
  endedBy?: 'content' | 'silence';
  /**
   * The answer prepared at a pause (speculation.ts): `hit`, it was played; `miss`, one was
   * prepared for this turn and dropped (the caller went on, or the turn ended on other words).
   */
  speculation?: 'hit' | 'miss';
  /**
   * Answers prepared at earlier pauses of this turn and dropped because the caller went on; a
   * turn can have both (dropped at a mid-sentence pause, then a hit at the final one).
   */
  speculationsDropped?: number;
  endpointingMs?: number;
  sttMs?: number;
  agentMs?: number;
  ttsFirstAudioMs?: number;
  processingMs?: number;
  voiceToVoiceMs?: number;
}

export type ActionEvent = Extract<ReplyEvent, { kind: 'action' }>;

/** The caller's turn this reply answers (absent for greeting, reprompts, DTMF answers). */
export interface TurnOrigin {
  timings: TurnTimings;
  /** clock.now() of the caller's last voiced frame. */
  voicedAt: number;
  /** clock.now() of the end-of-utterance decision. */
  decidedAt: number;
}

export interface ReplyDeps {
  tts: TextToSpeech;
  playout: Pick<Playout, 'play'>;
  clock: Pick<Clock, 'now'>;
  /** False once the call no longer plays agent audio (bridged, ending). */
  canPlay: () => boolean;
  observe?: (stage: LatencyStage, ms: number) => void;
  log?: Logger | undefined;
}

export class Reply {
  readonly actions: ActionEvent[] = [];
  private readonly startedAt: number;
  private firstSentenceAt: number | undefined;
  private firstAudioAt: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Set while a barge-in is being decided: audio ready to play waits here. */
  private held: Array<() => void> | undefined;
  private interruptedFlag = false;
  private generatedFlag = false;

  constructor(
    readonly id: number,
    private readonly d: ReplyDeps,
    private readonly origin?: TurnOrigin,
    private readonly ctl: AbortController = new AbortController(),
  ) {
    this.startedAt = d.clock.now();
  }

  /** Aborts the agent's generation and every synthesis of this reply. */
  get signal(): AbortSignal {
    return this.ctl.signal;
  }

  get aborted(): boolean {
    return this.ctl.signal.aborted;
  }

  /** The caller took the turn while this reply was audible. */
  get interrupted(): boolean {
    return this.interruptedFlag;
  }

  /** The turn's timings so far (undefined for replies that answer no caller turn). */
  get timings(): TurnTimings | undefined {
    return this.origin?.timings;
  }

  /** Some of its audio has been queued to RTP (the caller may have heard it). */
  get audible(): boolean {
    return this.firstAudioAt !== undefined;
  }

  /** The agent has finished yielding and every sentence has been queued (or dropped). */
  get generated(): boolean {
    return this.generatedFlag;
  }

  /** Stops the reply: nothing more is generated, synthesized or queued; held audio is dropped. */
  cancel(): void {
    this.ctl.abort();
    this.held = undefined;
  }

  /** A real interruption by the caller (cancel, and remember why). */
  interrupt(): void {
    this.interruptedFlag = true;
    this.cancel();
  }

  /** A barge-in is being decided: audio that becomes ready waits instead of playing. */
  hold(): void {
    this.held ??= [];
  }

  /** It was a backchannel: the held audio plays now, in order. */
  release(): void {
    const h = this.held ?? [];
    this.held = undefined;
    for (const f of h) f();
  }

  /**
   * Plays the agent's events: sentences are synthesized and queued in order, actions collected
   * (`onAction` sees each as it arrives, e.g. to commit the call). Resolves when every sentence has
   * been queued (or dropped); the audio may still be playing.
   */
  async run(events: AsyncIterable<ReplyEvent>, onAction?: (a: ActionEvent) => void): Promise<void> {
    try {
      for await (const ev of events) {
        if (this.aborted || !this.d.canPlay()) break;
        if (ev.kind === 'sentence') this.say(ev.text);
        else if (ev.kind === 'action') {
          this.actions.push(ev);
          onAction?.(ev);
        }
      }
    } finally {
      await this.chain;
      this.generatedFlag = true;
    }
  }

  private say(text: string): void {
    this.firstSentenceAt ??= this.d.clock.now();
    const synth = this.d.tts.synthesize(text, this.signal);
    synth.catch(() => undefined);
    this.chain = this.chain.then(async () => {
      const audio = await synth.catch((err: unknown) => {
        if (!this.aborted) this.d.log?.warn({ err }, 'tts failed for a sentence');
        return undefined;
      });
      if (!audio || audio.pcm.length === 0 || this.aborted || !this.d.canPlay()) return;
      const play = (): void => {
        if (this.aborted || !this.d.canPlay()) return;
        this.d.playout.play(audio.pcm, audio.sampleRateHz, text, this.id);
        this.markFirstAudio();
      };
      if (this.held) this.held.push(play);
      else play();
    });
  }

  private markFirstAudio(): void {
    if (this.firstAudioAt !== undefined) return;
    const now = this.d.clock.now();
    this.firstAudioAt = now;
    const o = this.origin;
    const first = this.firstSentenceAt;
    if (!o || first === undefined) return;
    const t = o.timings;
    t.ttsFirstAudioMs = round(now - first);
    t.voiceToVoiceMs = round(now - o.voicedAt);
    t.processingMs = round(now - o.decidedAt);
    t.agentMs = round(first - this.startedAt);
    this.d.observe?.('processing', now - o.decidedAt);
    this.d.observe?.('agent', first - this.startedAt);
    this.d.observe?.('tts_first_audio', now - first);
    this.d.observe?.('voice_to_voice', now - o.voicedAt);
  }
}

export const round = (x: number): number => Math.round(x * 10) / 10;

export async function* sentences(list: readonly string[]): AsyncGenerator<ReplyEvent> {
  for (const text of list) yield { kind: 'sentence', text };
}
