/**
 * A speculative answer: the reply to what the caller said up to a pause, prepared before the
 * turn has ended.
 *
 * When the utterance finalizes a part early (utterance.ts, 200 ms of quiet) and the text so far
 * is a complete question (turn-content.ts), the session starts this at once: the agent plans its
 * reply (AgentConversation.prepare: nothing recorded, no state advanced) and the TTS synthesizes
 * its sentences into a buffer; nothing is sent. If the turn then ends on that same text, the
 * reply is committed: the conversation delivers it as a normal turn and its audio comes from the
 * buffer, so the first audio is queued about as soon as the end of turn is decided (or as soon
 * as the synthesis that has been running since the pause is done). If the caller goes on, or the
 * turn ends on other words, it is dropped: its synthesis aborted, no audio, no stored turn.
 *
 *   speculative ──the turn ended on the same text; first audio ready──▶ committed
 *   speculative ──the caller went on / other words / planning failed / call ended──▶ dropped
 */
import type { Logger } from 'pino';
import type { ReplyEvent } from '../agent/index.js';
import type { PreparedReply, SpeechAudio, TextToSpeech } from './ports.js';

/** Why a speculative answer was dropped. */
export type DropWhy = 'resumed' | 'text-changed' | 'failed' | 'ended';

export type SpeculationState =
  | { readonly kind: 'speculative' }
  | { readonly kind: 'committed' }
  | { readonly kind: 'dropped'; readonly why: DropWhy };
export type SpeculationKind = SpeculationState['kind'];

export const speculationTransitions: { readonly [K in SpeculationKind]: readonly SpeculationKind[] } = {
  speculative: ['committed', 'dropped'],
  committed: [],
  dropped: [],
};

export interface SpeculationDeps {
  /** The conversation's side-effect-free planning (AgentConversation.prepare). */
  prepare: (text: string) => Promise<PreparedReply>;
  tts: TextToSpeech;
  log?: Logger | undefined;
}

export class Speculation {
  private s: SpeculationState = { kind: 'speculative' };
  /** Aborts the buffered syntheses (dropped, or the committed reply was cancelled). */
  private readonly ctl = new AbortController();
  /** Synthesis of each prepared sentence, by text, in order (a text said twice has two). */
  private readonly audio = new Map<string, Array<Promise<SpeechAudio>>>();
  private prepared: PreparedReply | undefined;
  private readonly first: Promise<void>;

  /** `text`: what the caller said up to the pause (the turn must end on exactly this to use it). */
  constructor(
    readonly text: string,
    private readonly d: SpeculationDeps,
  ) {
    const planned = d.prepare(text).then(
      (p) => {
        if (this.s.kind !== 'speculative') return undefined;
        this.prepared = p;
        for (const x of p.sentences) {
          const a = d.tts.synthesize(x, this.ctl.signal);
          a.catch(() => undefined);
          const list = this.audio.get(x) ?? [];
          list.push(a);
          this.audio.set(x, list);
        }
        return p;
      },
      (err: unknown) => {
        d.log?.warn({ err }, 'speculative answer failed');
        return undefined;
      },
    );
    this.first = planned.then(async (p) => {
      const x = p?.sentences[0];
      if (x !== undefined) await this.audio.get(x)?.[0]?.catch(() => undefined);
    });
  }

  get state(): SpeculationState {
    return this.s;
  }

  /** Resolves once the reply is planned and its first sentence synthesized (or either failed); never rejects. */
  ready(): Promise<void> {
    return this.first;
  }

  /**
   * The turn ended on this text (call after ready()): the prepared reply becomes the
   * conversation's turn. Returns its events and a TTS that answers its sentences from the buffer
   * (anything else goes to the engine); undefined when it cannot be used (planning failed, already
   * dropped): the session then answers the usual way. `signal`: the reply's abort.
   */
  commit(signal: AbortSignal): { events: AsyncIterable<ReplyEvent>; tts: TextToSpeech } | undefined {
    const p = this.prepared;
    if (!p) {
      this.drop('failed');
      return undefined;
    }
    if (!this.go({ kind: 'committed' })) return undefined;
    if (signal.aborted) this.ctl.abort();
    else signal.addEventListener('abort', () => this.ctl.abort(), { once: true });
    const engine = this.d.tts;
    const tts: TextToSpeech = {
      name: engine.name,
      synthesize: (text, sig) => this.audio.get(text)?.shift() ?? engine.synthesize(text, sig),
    };
    return { events: p.commit({ signal }), tts };
  }

  /** Forgets it: buffered synthesis aborted, nothing was recorded. False if already committed or dropped. */
  drop(why: DropWhy): boolean {
    if (!this.go({ kind: 'dropped', why })) return false;
    this.ctl.abort();
    this.audio.clear();
    this.prepared = undefined;
    return true;
  }

  private go(to: SpeculationState): boolean {
    if (!speculationTransitions[this.s.kind].includes(to.kind)) return false;
    this.s = to;
    return true;
  }
}
