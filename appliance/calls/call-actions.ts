/**
 * What a reply's actions do to the call, one small handler per action (the pattern of jambonz's
 * `lib/tasks/`): take a message, hang up, transfer (REFER, then a bridged INVITE when the PBX
 * refuses), plus the keypad input handler. Handlers act through a narrow context the session
 * gives them; they never touch the session's state directly, only request transitions.
 */
import type { Logger } from 'pino';
import type { ActiveCall } from '../../sip/index.js';
import type { ReplyEvent, TakenMessage } from '../agent/index.js';
import type { EndReason } from './call-state.js';
import type { ActionEvent, Reply } from './reply.js';

/** What an action may do to the call. */
export interface ActionContext {
  readonly call: Pick<ActiveCall, 'id' | 'transfer'>;
  readonly log?: Logger | undefined;
  /** Resolves once the agent audio queued so far has been played. */
  drained(): Promise<void>;
  /** True while `reply` still owns the turn (not cancelled, the call not bridged or ending). */
  owns(reply: Reply): boolean;
  end(reason: EndReason, hangup: boolean): Promise<void>;
  /** The caller stayed silent through every reprompt (the hang-up is for silence). */
  silenceExhausted(): boolean;
  onMessage?: ((m: TakenMessage) => void) | undefined;
  /** REFER was refused: place a call to `target` and bridge the caller to it. Resolves true when bridged. */
  bridge?: ((target: string) => Promise<boolean>) | undefined;
  /** The outbound policy's verdict on a transfer target; false: no REFER, no bridge. */
  allowTransfer?: ((target: string) => Promise<boolean>) | undefined;
  /** committed -> transferring; false when the call moved on meanwhile. */
  beginTransfer(target: string): boolean;
  /** transferring -> bridged. */
  bridged(target: string): boolean;
  /** Whether the call is still up (not ending). */
  live(): boolean;
  /** Speaks `texts` as a new reply (the caller's turn again) and resolves when it is queued. */
  speak(texts: readonly string[]): Promise<void>;
}

export type ActionOutcome = 'next' | 'stop';

export interface CallAction {
  /** From the moment it arrives, the caller's speech no longer barges in or starts turns. */
  readonly commits: boolean;
  run(ctx: ActionContext, reply: Reply): Promise<ActionOutcome>;
}

export class TakeMessageAction implements CallAction {
  readonly commits = false;
  constructor(private readonly message: TakenMessage | undefined) {}

  run(ctx: ActionContext): Promise<ActionOutcome> {
    if (this.message) ctx.onMessage?.(this.message);
    return Promise.resolve('next');
  }
}

export class HangupAction implements CallAction {
  readonly commits = true;

  async run(ctx: ActionContext, reply: Reply): Promise<ActionOutcome> {
    await ctx.drained();
    if (!ctx.owns(reply)) return 'stop';
    await ctx.end(ctx.silenceExhausted() ? 'silence' : 'agent-hangup', true);
    return 'stop';
  }
}

export const TRANSFER_FAILED = "I'm sorry, I could not reach a colleague right now. How else can I help?";

export class TransferAction implements CallAction {
  readonly commits = true;
  constructor(private readonly target: string) {}

  async run(ctx: ActionContext, reply: Reply): Promise<ActionOutcome> {
    await ctx.drained();
    if (!ctx.owns(reply)) return 'stop';
    if (ctx.allowTransfer && !(await ctx.allowTransfer(this.target).catch(() => false))) {
      ctx.log?.warn({ callId: ctx.call.id }, 'transfer target refused by the outbound policy');
      if (ctx.live()) await ctx.speak([TRANSFER_FAILED]);
      return 'stop';
    }
    if (!ctx.beginTransfer(this.target)) return 'stop';
    ctx.log?.info({ callId: ctx.call.id }, 'transferring call (REFER)');
    const r = await ctx.call.transfer(this.target).catch(() => ({ kind: 'timeout' }) as const);
    if (r.kind === 'transferred') {
      await ctx.end('transferred', true);
      return 'stop';
    }
    ctx.log?.info({ result: r }, 'REFER did not transfer: bridging through the appliance');
    if (ctx.bridge && ctx.live() && ctx.bridged(this.target)) {
      const ok = await ctx.bridge(this.target).catch(() => false);
      if (ok || !ctx.live()) return 'stop'; // the bridge ends the call when either side hangs up
    }
    if (ctx.live()) await ctx.speak([TRANSFER_FAILED]);
    return 'stop';
  }
}

/** The handler for one of a reply's actions; undefined for an action it cannot carry out (a transfer without target). */
export function actionFor(ev: ActionEvent): CallAction | undefined {
  switch (ev.action) {
    case 'take_message':
      return new TakeMessageAction(ev.message);
    case 'end_call':
      return new HangupAction();
    case 'transfer':
      return ev.target ? new TransferAction(ev.target) : undefined;
    default:
      return undefined;
  }
}

/** What the keypad handler may do. */
export interface DtmfContext {
  transferDigit: string;
  /** The reply that owns the turn, if any. */
  current(): Reply | undefined;
  /** Barge-in by key: stop the reply's audio now. */
  cut(reply: Reply): void;
  /** Starts the agent's answer to the digit as the new reply. */
  answer(events: (signal: AbortSignal) => AsyncIterable<ReplyEvent>, ctl: AbortController): void;
  onDtmf(digit: string, opts: { signal: AbortSignal }): AsyncIterable<ReplyEvent>;
}

/**
 * A received digit: the transfer digit interrupts whatever the agent is saying (the caller asked
 * for a human); any other digit is answered after it (the agent may be collecting a number).
 */
export class DtmfInput {
  constructor(private readonly ctx: DtmfContext) {}

  handle(digit: string): void {
    const current = this.ctx.current();
    if (digit === this.ctx.transferDigit && current) {
      current.cancel();
      this.ctx.cut(current);
    }
    const ctl = new AbortController();
    this.ctx.answer((signal) => this.ctx.onDtmf(digit, { signal }), ctl);
  }
}
