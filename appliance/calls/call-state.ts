/**
 * The turn-taking states of one call, written down: a `kind`-discriminated state per side and a
 * transition table that refuses anything not listed (a refused transition is a bug in the session,
 * logged with both states; the state stays as it was).
 *
 * The agent side (what the appliance is doing with the turn):
 *
 *   idle ──greeting──▶ speaking ──caller speech over its audio──▶ interrupted
 *   interrupted ──backchannel (audio resumes)──▶ speaking
 *   interrupted ──real interruption (the caller's turn: a new reply)──▶ speaking
 *   speaking ──reply played──▶ listening ──utterance / DTMF / silence reprompt──▶ speaking
 *   speaking ──transfer or end_call action, goodbye──▶ committed ──▶ transferring ──▶ bridged
 *   transferring, bridged ──REFER and bridge failed: an apology──▶ speaking
 *   every live state ──hang-up / RTP timeout / max duration / stop──▶ ending ──▶ ended
 *
 * The caller side is a second, independent region: `quiet` or `hearing` (an utterance being
 * transcribed, from speech-start to speech-end); it only runs while the agent side takes input
 * (listening, speaking, interrupted).
 */
import type { CutResult } from './playout.js';
import type { Reply } from './reply.js';
import type { Utterance } from './utterance.js';

export const endReasons = [
  'caller-hangup',
  'agent-hangup',
  'transferred',
  'bridged-ended',
  'max-duration',
  'rtp-timeout',
  'silence',
  'error',
  'shutdown',
  'media-failed',
  /** An answering machine answered a campaign's call: the message was left (or none is set). */
  'voicemail',
] as const;
export type EndReason = (typeof endReasons)[number];

export type AgentState =
  /** Constructed, start() not called yet. */
  | { readonly kind: 'idle' }
  /** No reply in flight or audible; the silence watch runs (reprompt after the timeout). */
  | { readonly kind: 'listening' }
  /** A reply is being generated, synthesized and/or played. */
  | { readonly kind: 'speaking'; readonly reply: Reply }
  /** Barge-in: the reply's audio was cut; backchannel or interruption is decided at segment end. */
  | { readonly kind: 'interrupted'; readonly reply: Reply; readonly cut: Promise<CutResult> }
  /** The reply carries a transfer or hang-up: caller speech no longer barges in or starts turns. */
  | { readonly kind: 'committed'; readonly reply: Reply }
  /** REFER (then a bridged INVITE if refused) to `target`. */
  | { readonly kind: 'transferring'; readonly target: string }
  /** The caller talks to a colleague through the appliance; the agent is out of the call. */
  | { readonly kind: 'bridged'; readonly target: string }
  /** Tearing down: no audio in, none out. */
  | { readonly kind: 'ending'; readonly reason: EndReason }
  | { readonly kind: 'ended'; readonly reason: EndReason };
export type AgentStateKind = AgentState['kind'];

export type CallerState = { readonly kind: 'quiet' } | { readonly kind: 'hearing'; readonly utt: Utterance };

/** Allowed agent-side transitions (from -> to). `ending` is reachable from every live state. */
export const agentTransitions: { readonly [K in AgentStateKind]: readonly AgentStateKind[] } = {
  idle: ['speaking', 'committed', 'ending'],
  listening: ['speaking', 'committed', 'ending'],
  speaking: ['speaking', 'interrupted', 'listening', 'committed', 'ending'],
  interrupted: ['speaking', 'listening', 'committed', 'ending'],
  committed: ['transferring', 'committed', 'listening', 'speaking', 'ending'],
  transferring: ['bridged', 'speaking', 'ending'],
  bridged: ['speaking', 'ending'],
  ending: ['ended'],
  ended: [],
};

/** Agent states in which the caller is heard (VAD, STT, barge-in, new turns). */
const TAKES_INPUT: ReadonlySet<AgentStateKind> = new Set(['listening', 'speaking', 'interrupted']);
/** Agent states in which agent audio may still be queued to RTP. */
const PLAYS_AUDIO: ReadonlySet<AgentStateKind> = new Set([
  'idle',
  'listening',
  'speaking',
  'interrupted',
  'committed',
  'transferring',
]);

export class IllegalTransition extends Error {
  constructor(
    readonly from: AgentStateKind,
    readonly to: AgentStateKind,
  ) {
    super(`illegal call state transition ${from} -> ${to}`);
    this.name = 'IllegalTransition';
  }
}

export interface CallStateObserver {
  /** A refused transition (a session bug); the state is unchanged. */
  illegal?(err: IllegalTransition): void;
  /** After every accepted agent-side transition. */
  changed?(from: AgentState, to: AgentState): void;
}

export class CallStateMachine {
  private s: AgentState = { kind: 'idle' };
  private c: CallerState = { kind: 'quiet' };

  constructor(private readonly observer: CallStateObserver = {}) {}

  get agent(): AgentState {
    return this.s;
  }

  get caller(): CallerState {
    return this.c;
  }

  /** The reply that owns the turn (speaking, interrupted or committed), if any. */
  get reply(): Reply | undefined {
    const s = this.s;
    return s.kind === 'speaking' || s.kind === 'interrupted' || s.kind === 'committed' ? s.reply : undefined;
  }

  get takesInput(): boolean {
    return TAKES_INPUT.has(this.s.kind);
  }

  get playsAudio(): boolean {
    return PLAYS_AUDIO.has(this.s.kind);
  }

  get live(): boolean {
    return this.s.kind !== 'ending' && this.s.kind !== 'ended';
  }

  static allowed(from: AgentStateKind, to: AgentStateKind): boolean {
    return agentTransitions[from].includes(to);
  }

  /** Moves the agent side to `to`; returns false (and reports) when the table refuses it. */
  go(to: AgentState): boolean {
    const from = this.s;
    if (!CallStateMachine.allowed(from.kind, to.kind)) {
      this.observer.illegal?.(new IllegalTransition(from.kind, to.kind));
      return false;
    }
    this.s = to;
    if (!TAKES_INPUT.has(to.kind)) this.stopHearing();
    this.observer.changed?.(from, to);
    return true;
  }

  /** The caller started an utterance (only while the agent side takes input). */
  hear(utt: Utterance): boolean {
    if (!this.takesInput) return false;
    if (this.c.kind === 'hearing') this.c.utt.abort();
    this.c = { kind: 'hearing', utt };
    return true;
  }

  /** The caller's utterance ended: hands it over (undefined when none was being heard). */
  takeUtterance(): Utterance | undefined {
    if (this.c.kind !== 'hearing') return undefined;
    const { utt } = this.c;
    this.c = { kind: 'quiet' };
    return utt;
  }

  /** Drops an utterance in progress (its STT is aborted). */
  stopHearing(): void {
    if (this.c.kind === 'hearing') this.c.utt.abort();
    this.c = { kind: 'quiet' };
  }
}
