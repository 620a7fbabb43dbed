/**
 * One answered call driven by the agent: greeting, VAD endpointing, streamed STT, the agent's
 * reply, sentence-streamed TTS, barge-in (with backchannel resume), silence reprompts, DTMF,
 * transfer, taking a message, maximum duration, and a clean end that releases every resource.
 *
 * The turn-taking states and their transitions are written down in `call-state.ts` (the session
 * only moves between them through its table); a reply (audio, abort, hold, timings) is a `Reply`
 * (`reply.ts`); what a reply's actions do is in `call-actions.ts`.
 *
 * Latency per turn (wall clock, ms): endpointing = last voiced frame -> end-of-utterance
 * decision; stt = decision -> text; agent = text -> first sentence; tts_first_audio = first
 * sentence -> its audio queued to RTP; processing = decision -> first agent audio queued (all the
 * work after the endpointer's silence window; STT mostly ran during that window, see utterance.ts);
 * voice_to_voice = last voiced frame -> first agent audio queued (the media worker sends it on its
 * next 20 ms tick).
 */
import type { HeldDigit } from './early-digits.js';
import type { Logger } from 'pino';
import { concatPcm, sttChannel } from '../../models/index.js';
import { frameAgeMs, type MediaEvent, type MediaSession, type StopResult } from '../../media/index.js';
import type { ActiveCall, CallEvent } from '../../sip/index.js';
import type { ReplyEvent, TakenMessage } from '../agent/index.js';
import { isBackchannel } from './backchannel.js';
import { actionFor, DtmfInput, type ActionContext, type CallAction } from './call-actions.js';
import { CallStateMachine, type EndReason } from './call-state.js';
import { EchoGuard, EchoWatch } from './echo-guard.js';
import { realClock, type Clock, type TimerHandle } from './clock.js';
import type { CallMetrics, LatencyStage } from './metrics.js';
import { Playout } from './playout.js';
import { Reply, round, sentences, type TurnOrigin, type TurnTimings } from './reply.js';
import { SilenceWatch } from './silence-watch.js';
import { Speculation, type DropWhy } from './speculation.js';
import { TurnEnd } from './turn-end.js';
import { Utterance, type UtteranceOptions } from './utterance.js';
import type {
  AgentBehaviour,
  AgentConversation,
  SpeechEngines,
  SpeechEvent,
  TextToSpeech,
  VadOptionsPort,
  VoiceActivityStream,
} from './ports.js';

export { endReasons, type EndReason } from './call-state.js';
export type { TurnTimings } from './reply.js';

/** The parts of a media session the call session uses (a fake in unit tests). */
export interface CallMedia extends Pick<MediaSession, 'play' | 'flush' | 'stop'> {
  on(event: 'event', listener: (e: MediaEvent) => void): unknown;
  off(event: 'event', listener: (e: MediaEvent) => void): unknown;
}
/** The parts of the SIP call the call session uses. */
export type SessionCall = Pick<ActiveCall, 'id' | 'state' | 'on' | 'hangup' | 'transfer'>;

export interface CallSessionDeps {
  call: SessionCall;
  media: CallMedia;
  conversation: AgentConversation;
  speech: SpeechEngines;
  phrases: readonly string[];
  behaviour: AgentBehaviour;
  metrics?: CallMetrics | undefined;
  log?: Logger | undefined;
  vad?: VadOptionsPort;
  /** Early STT finalization at pauses (see utterance.ts); defaults there. */
  utterance?: UtteranceOptions;
  /** The greeting's voice (the calls' greeting cache); default `speech.tts`. */
  greetingTts?: TextToSpeech | undefined;
  /**
   * The voice of the agent's fixed lines: silence reprompts, goodbyes and notices said before a
   * hang-up (the calls' cache, so their first audio is ~0 after the first call); default `speech.tts`.
   */
  fixedTts?: TextToSpeech | undefined;
  /** Time and timers (default: the real clock). */
  clock?: Clock;
  /** REFER was refused: place a call to `target` and bridge the caller to it. Resolves true when bridged. */
  bridge?: (target: string) => Promise<boolean>;
  /** The outbound policy's verdict on a transfer target (destinations.ts); false: no REFER, no bridge. */
  allowTransfer?: (target: string) => Promise<boolean>;
  onMessage?: (m: TakenMessage) => void;
  /**
   * Prepare the answer to a complete question at a pause, before the turn ends (speculation.ts;
   * needs `conversation.prepare`); default true.
   */
  speculate?: boolean;
  /** A finished agent turn's measured latency (merged into the stored turn). */
  onTurnLatency?: (t: TurnTimings) => void;
  /** Every keypad digit the call receives, in arrival order, before any handling (stored as a call event). */
  onDtmfReceived?: (digit: string, source: DtmfSource, durationMs: number | undefined) => void;
  /** Digits pressed before this session started listening (early-digits.ts), taken at start. */
  heldDigits?: () => readonly HeldDigit[];
}

/** How a digit reached us: RFC 4733 telephone-events in RTP, or SIP INFO (application/dtmf-relay). */
export type DtmfSource = 'rfc4733' | 'sip-info';

export interface CallEnd {
  reason: EndReason;
  media: StopResult | undefined;
  durationMs: number;
  /** From the end's cause (hang-up, timeout, ...) to the call's media released, ms. */
  teardownMs: number;
  /**
   * The conversation's end is stored (it waits for the turns' writes): not part of the call's
   * teardown, so it does not hold the call slot. Never rejects.
   */
  stored: Promise<void>;
}

/** Call VAD defaults: 128 ms of speech confirms an onset (barge-in budget 200 ms), 500 ms hangover. */
export const CALL_VAD: Required<VadOptionsPort> = {
  startThreshold: 0.5,
  minSpeechMs: 128,
  minSilenceMs: 500,
  preRollMs: 300,
  maxUtteranceMs: 20_000,
};

/** A VAD frame at or above this probability counts as voiced for endpointing and pause timing. */
const VOICED_PROBABILITY = 0.35;
/**
 * After a content end of turn the detector is still inside its segment: this much continuous
 * voiced audio means the caller went on (as much as the detector needs to confirm an onset), ms.
 */
const RESUME_CONFIRM_MS = 128;
/** Audio kept after a content end to lead into a resumed utterance, ms. */
const RESUME_LEAD_MS = 300;

/** A turn ended by its content while the detector's segment goes on (see turn-end.ts). */
interface EarlyEnd {
  /** The text that ended the turn. */
  text: string;
  /** The reply that answers it, once started. */
  reply: Reply | undefined;
  /** Audio since the end: the lead-in of a resumed utterance (16 kHz). */
  lead: Int16Array[];
  /** Continuous voiced audio just now, ms. */
  voicedMs: number;
  /** The caller went on before the reply started: it must not start. */
  wentOn: boolean;
}

export class CallSession {
  readonly state: CallStateMachine;
  readonly ended: Promise<CallEnd>;
  /** This caller's recogniser state (the cepstral mean of their line), for every utterance of the call. */
  private readonly sttChannel = sttChannel();
  private readonly playout: Playout;
  private readonly vad: VoiceActivityStream;
  private readonly clock: Clock;
  /** Tells the agent's own voice coming back from a barge-in (echo-guard.ts). */
  private readonly echo: EchoGuard;
  /**
   * The detector's current segment was taken for the agent's echo: ignored until it ends, unless
   * its later audio proves a talker (`watch`); `pcm` is its audio so far, for that case.
   */
  private echoSegment: { watch: EchoWatch; pcm: Int16Array[] } | undefined;
  private readonly silence: SilenceWatch;
  private readonly dtmf: DtmfInput;
  private readonly actions: ActionContext;
  private readonly startedAt: number;
  private readonly unsubscribeCall: () => void;
  private readonly onMediaEvent = (e: MediaEvent): void => this.handleMedia(e);
  private endResolve!: (e: CallEnd) => void;
  private audioChain: Promise<void> = Promise.resolve();
  private lastVoicedAt = 0;
  /** The utterance being heard: its end-of-turn machine and when it began. */
  private turnEnd: TurnEnd | undefined;
  private heardSince = 0;
  /** Set from a content end of turn until the detector's segment ends or the caller goes on. */
  private early: EarlyEnd | undefined;
  /** A dropped early reply's text, said again in front of the utterance that went on. */
  private carry: { utt: Utterance; text: string } | undefined;
  /** The answer being prepared for the utterance being heard (speculation.ts). */
  private spec: { utt: Utterance; s: Speculation } | undefined;
  /** Answers prepared for the turn being heard and dropped since the last turn (reply.ts). */
  private specDropped = 0;
  /** Source of reply ids (a counter, not state). */
  private replySeq = 0;
  private maxTimer: TimerHandle | undefined;

  constructor(private readonly d: CallSessionDeps) {
    this.clock = d.clock ?? realClock;
    this.startedAt = this.clock.now();
    this.state = new CallStateMachine({
      illegal: (err) => d.log?.error({ err }, 'call state machine refused a transition'),
    });
    this.echo = new EchoGuard(this.clock);
    this.playout = new Playout({
      play: (pcm, rate) => {
        this.echo.played(pcm, rate);
        return d.media.play(pcm, rate);
      },
      flush: async () => {
        const r = await d.media.flush();
        this.echo.flushed();
        return r;
      },
    });
    this.silence = new SilenceWatch(this.clock);
    this.vad = d.speech.vad.createStream({
      ...CALL_VAD,
      ...d.vad,
      denoise: d.behaviour.denoise ?? false,
      agc: d.behaviour.agc ?? false,
    });
    this.ended = new Promise((r) => (this.endResolve = r));
    this.dtmf = new DtmfInput({
      transferDigit: d.behaviour.transferDigit,
      current: () => this.state.reply,
      cut: (r) => void this.playout.cut(r.id).catch(() => undefined),
      answer: (events, ctl) => void this.speak(events(ctl.signal), { ctl }),
      onDtmf: (digit, opts) => d.conversation.onDtmf(digit, opts),
    });
    this.actions = {
      call: d.call,
      log: d.log,
      drained: () => this.playout.drained(),
      owns: (reply) => !reply.aborted && this.state.playsAudio,
      end: (reason, hangup) => this.end(reason, hangup),
      silenceExhausted: () => this.silence.count > d.behaviour.silenceReprompts,
      onMessage: d.onMessage,
      bridge: d.bridge,
      allowTransfer: d.allowTransfer,
      beginTransfer: (target) => {
        this.silence.clear();
        return this.state.go({ kind: 'transferring', target });
      },
      bridged: (target) => this.state.go({ kind: 'bridged', target }),
      live: () => this.state.live,
      speak: (texts) => this.speak(sentences(texts)),
    };
    d.media.on('event', this.onMediaEvent);
    this.unsubscribeCall = d.call.on((ev) => this.handleCall(ev));
  }

  /** Plays the greeting and starts listening. */
  start(): void {
    this.maxTimer = this.clock.after(this.d.behaviour.maxCallDurationS * 1000, () => {
      void this.maxDurationReached();
    });
    if (this.d.call.state === 'ended') {
      void this.end('caller-hangup');
      return;
    }
    const g = this.d.conversation.greeting();
    void this.speak(sentences(g.sentences), { tts: this.d.greetingTts });
    // Keys pressed while the call was being set up, in the order they came, before any later one.
    for (const h of this.d.heldDigits?.() ?? []) {
      this.d.onDtmfReceived?.(h.digit, h.source, h.durationMs);
      this.onDtmf(h.digit);
    }
  }

  /** Ends the call from outside (shutdown, admin). */
  stop(reason: EndReason = 'shutdown'): Promise<CallEnd> {
    void this.end(reason, true);
    return this.ended;
  }

  /** Speaks a fixed text that cannot be interrupted, then hangs up (plan limit notice, goodbye). */
  async sayAndHangup(text: string, reason: EndReason): Promise<void> {
    await this.speak(sentences([text]), { committed: true, tts: this.d.fixedTts });
    await this.playout.drained();
    await this.end(reason, true);
  }

  /** The bridge ended (either leg hung up). */
  bridgeEnded(): void {
    void this.end('bridged-ended', true);
  }

  private handleCall(ev: CallEvent): void {
    if (ev.kind === 'hangup')
      void this.end(
        ev.reason === 'transferred' ? 'transferred' : ev.by === 'remote' ? 'caller-hangup' : 'agent-hangup',
      );
    else if (ev.kind === 'dtmf') {
      this.d.onDtmfReceived?.(ev.digit, 'sip-info', ev.durationMs);
      this.onDtmf(ev.digit);
    }
  }

  private handleMedia(e: MediaEvent): void {
    switch (e.kind) {
      case 'audio':
        // The detector keeps running through a transfer attempt: the caller may be back with the agent.
        if (!this.state.playsAudio) return;
        {
          // When the frame came off the line (the media worker's stamp, not when this busy thread
          // got round to it): the echo guard measures the echo path to here.
          const arrivedAt = this.clock.now() - frameAgeMs(e.atMs);
          this.audioChain = this.audioChain
            .then(() => this.vad.push(e.pcm, e.sampleRateHz))
            .then((events) => {
              if (this.vad.lastProbability >= VOICED_PROBABILITY) this.lastVoicedAt = this.clock.now();
              for (const ev of events) this.onSpeech(ev, arrivedAt);
            })
            .catch((err: unknown) => this.d.log?.warn({ err }, 'vad failed on a frame'));
        }
        return;
      case 'played':
        this.playout.onPlayed(e.playId);
        return;
      case 'dtmf':
        this.d.onDtmfReceived?.(e.digit, e.source === 'info' ? 'sip-info' : 'rfc4733', e.durationMs);
        this.onDtmf(e.digit);
        return;
      case 'timeout':
        void this.end('rtp-timeout', true);
        return;
      default:
        return;
    }
  }

  /** `arrivedAt`: when the frame that caused the event came off the line (session clock, ms). */
  private onSpeech(ev: SpeechEvent, arrivedAt = this.clock.now()): void {
    if (!this.state.takesInput) return;
    if (ev.kind === 'speech-start') {
      // Echo comes back up to a round trip after the audio went out: checked while the agent
      // speaks and for a moment after.
      const match = this.echo.recent(arrivedAt) ? this.echo.match(ev.pcm, 16000, arrivedAt) : undefined;
      if (match) {
        // The agent's own voice coming back on a line without echo cancellation: no barge-in, no
        // turn, while the rest of the segment stays what that echo explains.
        this.echoSegment = { watch: new EchoWatch(this.echo, match), pcm: [ev.pcm] };
        this.d.metrics?.echoOnsets.inc({ verdict: 'echo' });
        this.d.log?.info(
          match,
          'caller onset matches the agent audio sent a round trip earlier: echo, ignored',
        );
        return;
      }
      this.echoSegment = undefined;
      this.heard(ev.pcm);
      return;
    }
    if (this.echoSegment) {
      const seg = this.echoSegment;
      if (ev.kind === 'speech-end') this.echoSegment = undefined;
      else if (seg.watch.push(ev.pcm, 16000, arrivedAt)) {
        // More than the echo explains: a caller talking after all. The turn starts at the onset.
        this.echoSegment = undefined;
        seg.pcm.push(ev.pcm);
        this.d.log?.info('caller audio louder than the echo it was taken for: a barge-in after all');
        this.d.metrics?.echoOnsets.inc({ verdict: 'talker' });
        this.heard(concatPcm(seg.pcm));
      } else seg.pcm.push(ev.pcm);
      return;
    }
    this.onSegment(ev);
  }

  /** A caller's segment begins with `pcm` (the onset, or an echo segment found to be a talker). */
  private heard(pcm: Int16Array): void {
    this.silence.clear();
    this.early = undefined;
    this.dropSpeculation('resumed');
    const utt = new Utterance(this.d.speech.stt, this.d.phrases, pcm, {
      ...this.d.utterance,
      channel: this.sttChannel,
    });
    if (this.state.hear(utt)) {
      this.heardSince = this.clock.now();
      this.turnEnd = new TurnEnd({
        mode: this.d.behaviour.endOfTurn ?? 'content',
        onContentEnd: (text) => this.contentEnd(utt, text),
        onComplete: (text) => this.speculate(utt, text),
      });
    }
    const s = this.state.agent;
    const playing = this.playout.playingReplyId;
    if (s.kind === 'speaking' && playing !== undefined) {
      // Barge-in: cut now (the 200 ms budget), decide backchannel vs interruption at segment end.
      const cut = this.playout.cut(playing);
      cut.catch(() => undefined);
      s.reply.hold();
      this.state.go({ kind: 'interrupted', reply: s.reply, cut });
    }
  }

  /** The detector's audio and end of a caller's segment. */
  private onSegment(ev: Exclude<SpeechEvent, { kind: 'speech-start' }>): void {
    const c = this.state.caller;
    const voiced = this.vad.lastProbability >= VOICED_PROBABILITY;
    if (ev.kind === 'speech-audio') {
      if (c.kind !== 'hearing') {
        this.afterEarlyEnd(ev.pcm, voiced);
        return;
      }
      const parts = c.utt.earlyParts;
      const quietMs = voiced ? 0 : this.clock.now() - this.lastVoicedAt;
      c.utt.write(ev.pcm, voiced, quietMs);
      if (voiced) {
        this.turnEnd?.resumed();
        this.dropSpeculation('resumed');
      } else {
        if (c.utt.earlyParts > parts) this.turnEnd?.paused(c.utt.textSoFar());
        this.turnEnd?.quiet(quietMs);
      }
      return;
    }
    // The detector's segment is over (a turn it ended by content is already on its way).
    this.early = undefined;
    const utt = this.state.takeUtterance();
    if (!utt) return;
    this.turnEnd?.silenceOver();
    this.endTurn(utt, ev.durationMs, 'silence');
  }

  private endTurn(utt: Utterance, durationMs: number, by: 'content' | 'silence'): void {
    const decidedAt = this.clock.now();
    const endpointingMs = this.lastVoicedAt > 0 ? decidedAt - this.lastVoicedAt : undefined;
    const voicedAt = this.lastVoicedAt || decidedAt;
    this.d.metrics?.turnEnds.inc({ by });
    void this.onUtterance(utt, durationMs, { decidedAt, voicedAt, endpointingMs, by });
  }

  /** The text heard up to a pause is a complete question: the turn ends now (turn-end.ts). */
  private contentEnd(utt: Utterance, text: string): void {
    const c = this.state.caller;
    if (c.kind !== 'hearing' || c.utt !== utt || !this.state.takesInput) return;
    this.state.takeUtterance();
    this.early = { text, reply: undefined, lead: [], voicedMs: 0, wentOn: false };
    this.endTurn(utt, this.clock.now() - this.heardSince, 'content');
  }

  /**
   * The text heard up to a pause is a complete question: prepare its answer now, into a buffer
   * (speculation.ts). A dropped early reply's text is in front of it, as it will be in the turn.
   */
  private speculate(utt: Utterance, text: string): void {
    const prepare = this.d.conversation.prepare?.bind(this.d.conversation);
    const c = this.state.caller;
    if (!prepare || this.d.speculate === false || c.kind !== 'hearing' || c.utt !== utt) return;
    this.dropSpeculation('text-changed');
    const carried = this.carry?.utt === utt ? this.carry.text : undefined;
    const full = (carried === undefined ? text : `${carried} ${text}`).trim();
    if (!full) return;
    this.spec = {
      utt,
      s: new Speculation(full, {
        prepare: (t) => prepare({ text: t }),
        tts: this.d.speech.tts,
        log: this.d.log,
      }),
    };
  }

  /** The prepared answer is not wanted: no audio, no turn (a miss unless the call is ending). */
  private dropSpeculation(why: DropWhy, spec = this.spec?.s): void {
    if (this.spec?.s === spec) this.spec = undefined;
    if (!spec?.drop(why) || why === 'ended') return;
    this.specDropped += 1;
    this.d.metrics?.speculations.inc({ outcome: 'miss' });
  }

  /**
   * Audio of the detector's segment after a content end. If the caller goes on, the turn was not
   * over: a reply none of which has been heard yet is dropped and its text is carried in front of
   * the new utterance; a reply already audible is barged in on as usual.
   */
  private afterEarlyEnd(pcm: Int16Array, voiced: boolean): void {
    const e = this.early;
    if (!e) return;
    e.lead.push(pcm);
    let leadMs = e.lead.reduce((a, x) => a + x.length / 16, 0);
    while (e.lead.length > 1 && leadMs - (e.lead[0]?.length ?? 0) / 16 >= RESUME_LEAD_MS)
      leadMs -= (e.lead.shift()?.length ?? 0) / 16;
    e.voicedMs = voiced ? e.voicedMs + pcm.length / 16 : 0;
    if (e.voicedMs < RESUME_CONFIRM_MS) return;
    this.early = undefined;
    e.wentOn = true;
    this.d.metrics?.turnEnds.inc({ by: 'resumed' });
    const r = e.reply;
    // Not started yet (STT or the agent still working): it never will be (onUtterance checks wentOn).
    const dropped = r === undefined || (!r.audible && !r.aborted && this.state.reply === r);
    if (r && dropped) {
      r.cancel();
      if (this.state.agent.kind === 'speaking' && this.state.agent.reply === r)
        this.state.go({ kind: 'listening' });
    }
    this.d.log?.debug({ pii: { text: e.text }, dropped }, 'caller went on after a content end of turn');
    this.onSpeech({ kind: 'speech-start', atMs: 0, pcm: concatPcm(e.lead) });
    const c = this.state.caller;
    if (dropped && c.kind === 'hearing') this.carry = { utt: c.utt, text: e.text };
  }

  private async onUtterance(
    utt: Utterance,
    durationMs: number,
    at: { decidedAt: number; voicedAt: number; endpointingMs: number | undefined; by: 'content' | 'silence' },
  ): Promise<void> {
    const early = at.by === 'content' ? this.early : undefined;
    let text = '';
    try {
      text = (await utt.end()).trim();
    } catch (err) {
      this.d.log?.warn({ err }, 'stt failed for an utterance');
    }
    const carried = this.carry?.utt === utt ? this.carry.text : undefined;
    if (carried !== undefined) {
      this.carry = undefined;
      text = `${carried} ${text}`.trim();
    }
    // The answer prepared at a pause is used only if the turn ended on exactly the text it answers.
    const spec = this.spec?.utt === utt ? this.spec.s : undefined;
    if (spec) this.spec = undefined;
    if (!this.state.takesInput || early?.wentOn) {
      this.dropSpeculation(this.state.takesInput ? 'resumed' : 'ended', spec);
      return;
    }
    if (spec && spec.text !== text) this.dropSpeculation('text-changed', spec);
    const hit = spec?.text === text ? spec : undefined;
    const sttMs = this.clock.now() - at.decidedAt;
    const s = this.state.agent;
    const barge = s.kind === 'interrupted' ? s : undefined;
    this.d.log?.debug({ pii: { text }, durationMs, bargeIn: Boolean(barge) }, 'caller utterance');
    if (barge) {
      const c = await barge.cut.catch(() => undefined);
      if (!text || isBackchannel(text, durationMs)) {
        this.d.metrics?.bargeIns.inc({ kind: 'backchannel' });
        this.d.log?.debug({ pii: { text } }, 'backchannel: agent resumes');
        this.dropSpeculation('text-changed', hit);
        if (this.state.agent !== barge) return;
        this.state.go({ kind: 'speaking', reply: barge.reply });
        if (c) this.playout.resume(c.remainder);
        barge.reply.release();
        if (barge.reply.generated) void this.finish(barge.reply);
        return;
      }
      this.d.metrics?.bargeIns.inc({ kind: 'interrupt' });
      barge.reply.interrupt();
      this.d.conversation.markInterrupted(c?.spokenText ?? '');
    }
    if (!text) {
      if (this.state.agent.kind === 'listening' && !this.playout.speaking) this.armSilence();
      return;
    }
    if (hit) {
      // Its first audio is usually ready already (synthesized since the pause); if not, wait for
      // it here rather than commit a turn the caller may still talk over (no turn, no audio then).
      await hit.ready();
      if (!this.state.takesInput || early?.wentOn) {
        this.dropSpeculation(this.state.takesInput ? 'resumed' : 'ended', hit);
        return;
      }
    }
    this.silence.reset();
    this.state.reply?.cancel();
    const ctl = new AbortController();
    const committed = hit?.commit(ctl.signal);
    if (hit && !committed) this.dropSpeculation('failed', hit);
    else if (committed) this.d.metrics?.speculations.inc({ outcome: 'hit' });
    const timings: TurnTimings = { endedBy: at.by, sttMs: round(sttMs) };
    if (committed) timings.speculation = 'hit';
    else if (this.specDropped > 0) timings.speculation = 'miss';
    if (this.specDropped > 0) timings.speculationsDropped = this.specDropped;
    this.specDropped = 0;
    if (at.endpointingMs !== undefined) timings.endpointingMs = round(at.endpointingMs);
    this.observe('stt', sttMs);
    if (at.endpointingMs !== undefined) this.observe('endpointing', at.endpointingMs);
    const events = committed?.events ?? this.d.conversation.respond({ text }, { signal: ctl.signal });
    await this.speak(events, {
      origin: { timings, voicedAt: at.voicedAt, decidedAt: at.decidedAt },
      ctl,
      ...(committed ? { tts: committed.tts } : {}),
      started: (reply) => {
        if (early) early.reply = reply;
      },
    });
  }

  private onDtmf(digit: string): void {
    if (!this.state.takesInput) return;
    this.silence.clear();
    this.dtmf.handle(digit);
  }

  /**
   * One reply from start to end: it takes the turn (speaking, or committed for a goodbye), plays,
   * then its actions run once its audio has been played; a reply that still owns the turn when
   * its audio is done hands the turn to the caller (listening).
   */
  private async speak(
    events: AsyncIterable<ReplyEvent>,
    o: {
      origin?: TurnOrigin;
      ctl?: AbortController;
      committed?: boolean;
      tts?: TextToSpeech | undefined;
      /** The reply took the turn. */
      started?: (reply: Reply) => void;
    } = {},
  ): Promise<void> {
    const reply = new Reply(
      ++this.replySeq,
      {
        tts: o.tts ?? this.d.speech.tts,
        playout: this.playout,
        clock: this.clock,
        canPlay: () => this.state.playsAudio,
        observe: (stage, ms) => this.observe(stage, ms),
        log: this.d.log,
      },
      o.origin,
      o.ctl,
    );
    if (!this.state.go(o.committed ? { kind: 'committed', reply } : { kind: 'speaking', reply })) {
      reply.cancel();
      return;
    }
    this.silence.clear();
    o.started?.(reply);
    const handlers: CallAction[] = [];
    try {
      await reply.run(events, (ev) => {
        const h = actionFor(ev);
        if (!h) return;
        handlers.push(h);
        const s = this.state.agent;
        if (h.commits && (s.kind === 'speaking' || s.kind === 'interrupted') && s.reply === reply) {
          this.state.go({ kind: 'committed', reply });
          reply.release();
        }
      });
      if (reply.timings) this.d.onTurnLatency?.(reply.timings);
      for (const h of handlers) {
        if (!this.actions.owns(reply)) return;
        if ((await h.run(this.actions, reply)) === 'stop') return;
      }
    } catch (err) {
      if (!reply.aborted) this.d.log?.error({ err }, 'agent reply failed');
    }
    await this.finish(reply);
  }

  /** Once the reply's audio has been played, the caller has the turn (if the reply still owns it). */
  private async finish(reply: Reply): Promise<void> {
    if (reply.aborted) return;
    await this.playout.drained();
    const s = this.state.agent;
    if ((s.kind !== 'speaking' && s.kind !== 'committed') || s.reply !== reply || reply.aborted) return;
    this.state.go({ kind: 'listening' });
    if (this.state.caller.kind === 'quiet') this.armSilence();
  }

  private armSilence(): void {
    if (this.state.agent.kind !== 'listening') return;
    this.silence.arm(this.d.behaviour.silenceTimeoutMs, () => {
      if (this.state.agent.kind !== 'listening' || this.state.caller.kind !== 'quiet') return;
      if (this.playout.speaking) {
        // Audio still queued: the silence clock starts when it has been played.
        void this.playout.drained().then(() => this.armSilence());
        return;
      }
      const n = this.silence.next();
      const ctl = new AbortController();
      void this.speak(this.d.conversation.onSilence(n, { signal: ctl.signal }), {
        ctl,
        tts: this.d.fixedTts,
      });
    });
  }

  private async maxDurationReached(): Promise<void> {
    const s = this.state.agent;
    if (!this.state.live) return;
    if (s.kind === 'bridged' || s.kind === 'transferring') {
      await this.end('max-duration', true);
      return;
    }
    const r = this.state.reply;
    r?.cancel();
    if (this.playout.speaking) await this.playout.cut(r?.id ?? this.replySeq).catch(() => undefined);
    await this.sayAndHangup(this.d.behaviour.goodbye, 'max-duration');
  }

  private observe(stage: LatencyStage, ms: number): void {
    this.d.metrics?.turnLatency.observe({ stage }, ms / 1000);
  }

  /** Idempotent; `hangup` sends BYE when the call is still up. Never throws. */
  private async end(reason: EndReason, hangup = false): Promise<void> {
    if (!this.state.live) return;
    const t0 = this.clock.now();
    const reply = this.state.reply;
    this.state.go({ kind: 'ending', reason });
    this.dropSpeculation('ended');
    this.silence.clear();
    this.maxTimer?.cancel();
    reply?.cancel();
    this.playout.clear();
    this.vad.close();
    this.unsubscribeCall();
    this.d.media.off('event', this.onMediaEvent);
    if (hangup && this.d.call.state !== 'ended') await this.d.call.hangup().catch(() => undefined);
    const media = await this.d.media.stop().catch((err: unknown) => {
      this.d.log?.warn({ err }, 'media stop failed');
      return undefined;
    });
    const stored = this.d.conversation.end(reason).catch((err: unknown) => {
      this.d.log?.error({ err }, 'conversation end failed');
    });
    this.state.go({ kind: 'ended', reason });
    const now = this.clock.now();
    this.endResolve({ reason, media, durationMs: now - this.startedAt, teardownMs: now - t0, stored });
  }
}
