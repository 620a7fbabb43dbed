/**
 * End of the caller's turn from content as well as silence: one machine per utterance.
 *
 * The endpointer (VAD) ends a turn after its silence window (500 ms by default, CALL_VAD). Before
 * that, the utterance finalizes its STT part at a short pause (utterance.ts, 200 ms of quiet). When
 * that early transcript is a complete question (turn-content.ts), the turn ends there, about
 * 300 ms sooner; otherwise (a trailing "and", "the", "um", a statement) it waits for the window.
 *
 *   talking ──pause: a part finalized early──▶ judging (its transcript is decoding)
 *   judging ──transcript is a complete question──▶ ended(content)
 *   judging ──transcript incomplete (why)──▶ holding
 *   judging, holding ──the caller speaks again──▶ talking
 *   talking, judging, holding ──the endpointer's silence window is over──▶ ended(silence)
 *
 * A transcript that arrives after the caller resumed belongs to a pause that is over: it is
 * ignored (the state is no longer the `judging` of that pause). In mode `silence` (the agent's
 * setting `behaviour.endOfTurn`) pauses are judged (a complete question starts a speculative
 * answer, speculation.ts) but only the endpointer ends the turn.
 * What happens when the caller goes on after a content end (the reply is dropped if none of it has
 * been heard) is the session's business (call-session.ts).
 */
import { turnVerdict, type IncompleteWhy, type TurnVerdict } from './turn-content.js';

/** Per agent: `content` ends complete questions at a short pause; `silence` waits for the window. */
export const endOfTurnModes = ['content', 'silence'] as const;
export type EndOfTurnMode = (typeof endOfTurnModes)[number];

export type TurnEndState =
  | { readonly kind: 'talking' }
  | { readonly kind: 'judging'; readonly pause: number }
  | { readonly kind: 'complete'; readonly text: string }
  | { readonly kind: 'holding'; readonly why: IncompleteWhy | 'stt-failed' }
  | { readonly kind: 'ended'; readonly by: 'content' | 'silence' };
export type TurnEndKind = TurnEndState['kind'];

export const turnEndTransitions: { readonly [K in TurnEndKind]: readonly TurnEndKind[] } = {
  talking: ['judging', 'ended'],
  judging: ['talking', 'holding', 'complete', 'ended'],
  complete: ['talking', 'ended'],
  holding: ['talking', 'ended'],
  ended: [],
};

export interface TurnEndOptions {
  mode: EndOfTurnMode;
  /** The transcript so far is a complete question: the turn ends now. Called at most once. */
  onContentEnd: (text: string) => void;
  /**
   * A pause's transcript is a complete question (in either mode), before the content window is
   * reached: the time to prepare an answer (speculation.ts). Called once per such pause.
   */
  onComplete?: (text: string) => void;
  /** Default: turnVerdict (turn-content.ts). */
  judge?: (text: string) => TurnVerdict;
  /**
   * Quiet after the last voiced frame before a complete question ends the turn, ms (default 400;
   * below the endpointer's 500 ms window, at least the 200 ms at which the part is finalized).
   */
  contentQuietMs?: number;
}

/** See TurnEndOptions.contentQuietMs, ms. */
export const DEFAULT_CONTENT_QUIET_MS = 400;

export class TurnEnd {
  private s: TurnEndState = { kind: 'talking' };
  private pauses = 0;
  /** Quiet since the last voiced frame, as last reported, ms. */
  private quietMs = 0;

  constructor(private readonly o: TurnEndOptions) {}

  get state(): TurnEndState {
    return this.s;
  }

  /** A part was finalized at a pause; `text` is everything heard up to it. */
  paused(text: Promise<string>): void {
    // Ignored transcripts may fail too (every part's STT timed out): never an unhandled rejection,
    // which would end the process.
    text.catch(() => undefined);
    if (this.s.kind !== 'talking') return;
    const pause = ++this.pauses;
    this.go({ kind: 'judging', pause });
    text.then(
      (t) => {
        if (!this.judging(pause)) return;
        const v = (this.o.judge ?? turnVerdict)(t);
        if (v.kind === 'incomplete') {
          this.go({ kind: 'holding', why: v.why });
          return;
        }
        this.go({ kind: 'complete', text: t });
        this.o.onComplete?.(t);
        this.quiet(this.quietMs);
      },
      () => {
        if (this.judging(pause)) this.go({ kind: 'holding', why: 'stt-failed' });
      },
    );
  }

  /** A voiced frame: a pause being judged, held or waited out is over. */
  resumed(): void {
    this.quietMs = 0;
    if (this.s.kind === 'judging' || this.s.kind === 'holding' || this.s.kind === 'complete')
      this.go({ kind: 'talking' });
  }

  /** A quiet frame: `ms` since the last voiced one. A complete question ends once it reaches the content window. */
  quiet(ms: number): void {
    this.quietMs = ms;
    if (this.o.mode !== 'content' || this.s.kind !== 'complete') return;
    if (ms < (this.o.contentQuietMs ?? DEFAULT_CONTENT_QUIET_MS)) return;
    const text = this.s.text;
    this.go({ kind: 'ended', by: 'content' });
    this.o.onContentEnd(text);
  }

  /** The endpointer's silence window is over. False when the content had already ended the turn. */
  silenceOver(): boolean {
    return this.go({ kind: 'ended', by: 'silence' });
  }

  private judging(pause: number): boolean {
    return this.s.kind === 'judging' && this.s.pause === pause;
  }

  private go(to: TurnEndState): boolean {
    if (!turnEndTransitions[this.s.kind].includes(to.kind)) return false;
    this.s = to;
    return true;
  }
}
