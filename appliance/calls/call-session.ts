/**
 * One answered call driven by the agent: greeting, VAD endpointing, streamed STT, the agent's
 * reply, sentence-streamed TTS, barge-in (with backchannel resume), silence reprompts, DTMF,
 * transfer, taking a message, maximum duration, and a clean end that releases every resource.
 *
 * Latency per turn (wall clock, ms): endpointing = last voiced frame -> end-of-utterance
 * decision; stt = decision -> text; agent = text -> first sentence; tts_first_audio = first
 * sentence -> its audio queued to RTP; processing = decision -> first agent audio queued (all the
 * work after the endpointer's silence window; STT mostly ran during that window, see utterance.ts);
 * voice_to_voice = last voiced frame -> first agent audio queued (the media worker sends it on its
 * next 20 ms tick).
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { MediaEvent, MediaSession, StopResult } from '../../media/index.js';
import type { ActiveCall, CallEvent } from '../../sip/index.js';
import type { ReplyEvent, TakenMessage } from '../agent/index.js';
import { isBackchannel } from './backchannel.js';
import type { CallMetrics, LatencyStage } from './metrics.js';
import { Playout, type CutResult } from './playout.js';
import { Utterance, type UtteranceOptions } from './utterance.js';
import type {
  AgentBehaviour,
  AgentConversation,
  SpeechEngines,
  SpeechEvent,
  VadOptionsPort,
  VoiceActivityStream,
} from './ports.js';

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
] as const;
export type EndReason = (typeof endReasons)[number];

export interface TurnTimings {
  endpointingMs?: number;
  sttMs?: number;
  agentMs?: number;
  ttsFirstAudioMs?: number;
  processingMs?: number;
  voiceToVoiceMs?: number;
}

export interface CallSessionDeps {
  call: ActiveCall;
  media: MediaSession;
  conversation: AgentConversation;
  speech: SpeechEngines;
  phrases: readonly string[];
  behaviour: AgentBehaviour;
  metrics?: CallMetrics | undefined;
  log?: Logger | undefined;
  vad?: VadOptionsPort;
  /** Early STT finalization at pauses (see utterance.ts); defaults there. */
  utterance?: UtteranceOptions;
  /** REFER was refused: place a call to `target` and bridge the caller to it. Resolves true when bridged. */
  bridge?: (target: string) => Promise<boolean>;
  /** The outbound policy's verdict on a transfer target (destinations.ts); false: no REFER, no bridge. */
  allowTransfer?: (target: string) => Promise<boolean>;
  onMessage?: (m: TakenMessage) => void;
  /** A finished agent turn's measured latency (merged into the stored turn). */
  onTurnLatency?: (t: TurnTimings) => void;
  /** Every keypad digit the call receives, in arrival order, before any handling (stored as a call event). */
  onDtmfReceived?: (digit: string, source: DtmfSource, durationMs: number | undefined) => void;
}

/** How a digit reached us: RFC 4733 telephone-events in RTP, or SIP INFO (application/dtmf-relay). */
export type DtmfSource = 'rfc4733' | 'sip-info';

export interface CallEnd {
  reason: EndReason;
  media: StopResult | undefined;
  durationMs: number;
}

/** Call VAD defaults: 128 ms of speech confirms an onset (barge-in budget 200 ms), 500 ms hangover. */
export const CALL_VAD: Required<VadOptionsPort> = {
  startThreshold: 0.5,
  minSpeechMs: 128,
  minSilenceMs: 500,
  preRollMs: 300,
  maxUtteranceMs: 20_000,
};

type Mode = 'agent' | 'bridged' | 'ending';

const couldNotTransfer = "I'm sorry, I could not reach a colleague right now. How else can I help?";

/** A VAD frame at or above this probability counts as voiced for endpointing and pause timing. */
const VOICED_PROBABILITY = 0.35;

export class CallSession {
  private mode: Mode = 'agent';
  private readonly playout: Playout;
  private readonly vad: VoiceActivityStream;
  /** The caller's utterance being transcribed (between speech-start and speech-end). */
  private utt: Utterance | undefined;
  private audioChain: Promise<void> = Promise.resolve();
  private lastVoicedAt = 0;
  private reply: { id: number; abort: AbortController } | undefined;
  private replySeq = 0;
  /** Barge-in in progress: audio cut, decision pending on the caller's segment. */
  private pendingCut: Promise<CutResult> | undefined;
  private held: Array<() => void> = [];
  private silenceTimer: NodeJS.Timeout | undefined;
  private silenceCount = 0;
  private maxTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();
  private readonly unsubscribeCall: () => void;
  private readonly onMediaEvent = (e: MediaEvent): void => this.handleMedia(e);
  private endResolve!: (e: CallEnd) => void;
  readonly ended: Promise<CallEnd>;
  private ending = false;
  /** A transfer or hang-up is under way: caller speech no longer barges in or starts turns. */
  private committed = false;

  constructor(private readonly d: CallSessionDeps) {
    this.playout = new Playout(d.media);
    this.vad = d.speech.vad.createStream({ ...CALL_VAD, ...d.vad });
    this.ended = new Promise((r) => (this.endResolve = r));
    d.media.on('event', this.onMediaEvent);
    this.unsubscribeCall = d.call.on((ev) => this.handleCall(ev));
  }

  /** Plays the greeting and starts listening. */
  start(): void {
    const maxMs = this.d.behaviour.maxCallDurationS * 1000;
    this.maxTimer = setTimeout(() => void this.maxDurationReached(), maxMs);
    this.maxTimer.unref();
    if (this.d.call.state === 'ended') {
      void this.end('caller-hangup');
      return;
    }
    const g = this.d.conversation.greeting();
    void this.runReply(sentences(g.sentences), undefined);
  }

  /** Ends the call from outside (shutdown, admin). */
  stop(reason: EndReason = 'shutdown'): Promise<CallEnd> {
    void this.end(reason, true);
    return this.ended;
  }

  /** Speaks a fixed text and hangs up (plan limit notice, goodbye). */
  async sayAndHangup(text: string, reason: EndReason): Promise<void> {
    await this.runReply(sentences([text]), undefined);
    await this.playout.drained();
    await this.end(reason, true);
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
        if (this.mode !== 'agent') return;
        this.audioChain = this.audioChain
          .then(() => this.vad.push(e.pcm, e.sampleRateHz))
          .then((events) => {
            if (this.vad.lastProbability >= VOICED_PROBABILITY) this.lastVoicedAt = performance.now();
            for (const ev of events) this.onSpeech(ev);
          })
          .catch((err: unknown) => this.d.log?.warn({ err: String(err) }, 'vad failed on a frame'));
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

  private onSpeech(ev: SpeechEvent): void {
    if (this.mode !== 'agent' || this.committed) return;
    if (ev.kind === 'speech-start') {
      this.clearSilence();
      this.utt?.abort();
      this.utt = new Utterance(this.d.speech.stt, this.d.phrases, ev.pcm, this.d.utterance);
      const playing = this.playout.playingReplyId;
      if (playing !== undefined && !this.pendingCut) {
        // Barge-in: cut now (the 200 ms budget), decide backchannel vs interruption at segment end.
        this.pendingCut = this.playout.cut(playing);
        this.pendingCut.catch(() => undefined);
      }
      return;
    }
    if (ev.kind === 'speech-audio') {
      const voiced = this.vad.lastProbability >= VOICED_PROBABILITY;
      this.utt?.write(ev.pcm, voiced, voiced ? 0 : performance.now() - this.lastVoicedAt);
      return;
    }
    const utt = this.utt;
    this.utt = undefined;
    if (!utt) return;
    const decidedAt = performance.now();
    const endpointingMs = this.lastVoicedAt > 0 ? decidedAt - this.lastVoicedAt : undefined;
    const voicedAt = this.lastVoicedAt || decidedAt;
    void this.onUtterance(utt, ev.durationMs, decidedAt, voicedAt, endpointingMs);
  }

  private async onUtterance(
    utt: Utterance,
    durationMs: number,
    decidedAt: number,
    voicedAt: number,
    endpointingMs: number | undefined,
  ): Promise<void> {
    let text = '';
    try {
      text = (await utt.end()).trim();
    } catch (err) {
      this.d.log?.warn({ err: String(err) }, 'stt failed for an utterance');
    }
    if (this.mode !== 'agent' || this.committed) return;
    const sttMs = performance.now() - decidedAt;
    const cut = this.pendingCut;
    this.pendingCut = undefined;
    this.d.log?.debug({ pii: { text }, durationMs, bargeIn: Boolean(cut) }, 'caller utterance');
    if (cut) {
      const c = await cut.catch(() => undefined);
      if (!text || isBackchannel(text, durationMs)) {
        this.d.metrics?.bargeIns.inc({ kind: 'backchannel' });
        this.d.log?.debug({ pii: { text } }, 'backchannel: agent resumes');
        if (c) this.playout.resume(c.remainder);
        this.releaseHeld();
        return;
      }
      this.d.metrics?.bargeIns.inc({ kind: 'interrupt' });
      this.reply?.abort.abort();
      this.held = [];
      this.d.conversation.markInterrupted(c?.spokenText ?? '');
    }
    if (!text) {
      if (!this.reply && !this.playout.speaking) this.armSilence();
      return;
    }
    this.silenceCount = 0;
    this.reply?.abort.abort();
    const timings: TurnTimings = { sttMs: round(sttMs) };
    if (endpointingMs !== undefined) timings.endpointingMs = round(endpointingMs);
    const abort = new AbortController();
    this.observe('stt', sttMs);
    if (endpointingMs !== undefined) this.observe('endpointing', endpointingMs);
    await this.runReply(this.d.conversation.respond({ text }, { signal: abort.signal }), {
      timings,
      voicedAt,
      decidedAt,
      abort,
    });
  }

  private onDtmf(digit: string): void {
    if (this.mode !== 'agent') return;
    this.clearSilence();
    const urgent = digit === this.d.behaviour.transferDigit;
    if (urgent && this.reply) {
      this.reply.abort.abort();
      void this.playout.cut(this.reply.id).catch(() => undefined);
    }
    const abort = new AbortController();
    void this.runReply(this.d.conversation.onDtmf(digit, { signal: abort.signal }), { abort });
  }

  /**
   * Plays one reply: each sentence is synthesized as soon as the agent yields it, and played in
   * order (sentence 1 plays while 2.. synthesize). Actions run after the audio has been played.
   */
  private async runReply(
    events: AsyncIterable<ReplyEvent>,
    turn:
      { timings?: TurnTimings; voicedAt?: number; decidedAt?: number; abort: AbortController } | undefined,
  ): Promise<void> {
    const abort = turn?.abort ?? new AbortController();
    const id = ++this.replySeq;
    this.reply = { id, abort };
    const started = performance.now();
    const timings = turn?.timings;
    let firstSentenceAt: number | undefined;
    let firstAudio = false;
    let chain: Promise<void> = Promise.resolve();
    const actions: Array<Extract<ReplyEvent, { kind: 'action' }>> = [];
    try {
      for await (const ev of events) {
        if (abort.signal.aborted || this.mode === 'ending') break;
        if (ev.kind === 'sentence') {
          firstSentenceAt ??= performance.now();
          const synth = this.d.speech.tts.synthesize(ev.text, abort.signal);
          synth.catch(() => undefined);
          chain = chain.then(async () => {
            const audio = await synth.catch((err: unknown) => {
              if (!abort.signal.aborted) this.d.log?.warn({ err: String(err) }, 'tts failed for a sentence');
              return undefined;
            });
            if (!audio || abort.signal.aborted || this.mode !== 'agent' || audio.pcm.length === 0) return;
            const play = (): void => {
              if (abort.signal.aborted || this.mode !== 'agent') return;
              this.playout.play(audio.pcm, audio.sampleRateHz, ev.text, id);
              if (!firstAudio && timings && turn?.voicedAt !== undefined && firstSentenceAt !== undefined) {
                firstAudio = true;
                const now = performance.now();
                timings.ttsFirstAudioMs = round(now - firstSentenceAt);
                timings.voiceToVoiceMs = round(now - turn.voicedAt);
                if (turn.decidedAt !== undefined) {
                  timings.processingMs = round(now - turn.decidedAt);
                  this.observe('processing', now - turn.decidedAt);
                }
                timings.agentMs = round(firstSentenceAt - started);
                this.observe('agent', firstSentenceAt - started);
                this.observe('tts_first_audio', now - firstSentenceAt);
                this.observe('voice_to_voice', now - turn.voicedAt);
              }
            };
            // While a barge-in decision is pending, new audio waits (it plays only after a backchannel).
            if (this.pendingCut) this.held.push(play);
            else play();
          });
        } else if (ev.kind === 'action') {
          actions.push(ev);
          if ((ev.action === 'transfer' && ev.target) || ev.action === 'end_call') this.committed = true;
        }
      }
      await chain;
      if (timings) this.d.onTurnLatency?.(timings);
      if (abort.signal.aborted || this.mode !== 'agent') return;
      for (const a of actions) {
        if (a.action === 'take_message') {
          if (a.message) this.d.onMessage?.(a.message);
          continue;
        }
        await this.playout.drained();
        if (abort.signal.aborted || this.mode !== 'agent') return;
        if (a.action === 'end_call') {
          await this.end(
            this.silenceCount > this.d.behaviour.silenceReprompts ? 'silence' : 'agent-hangup',
            true,
          );
          return;
        }
        if (a.action === 'transfer' && a.target) await this.transfer(a.target);
      }
    } catch (err) {
      if (!abort.signal.aborted) this.d.log?.error({ err: String(err) }, 'agent reply failed');
    } finally {
      if (this.reply?.id === id) this.reply = undefined;
    }
    if (this.mode === 'agent' && !abort.signal.aborted && this.reply === undefined) {
      await this.playout.drained();
      if (this.mode === 'agent' && this.reply === undefined && !this.utt) this.armSilence();
    }
  }

  private async transfer(target: string): Promise<void> {
    this.clearSilence();
    if (this.d.allowTransfer && !(await this.d.allowTransfer(target).catch(() => false))) {
      this.committed = false;
      await this.runReply(sentences([couldNotTransfer]), undefined);
      return;
    }
    this.d.log?.info({ callId: this.d.call.id }, 'transferring call (REFER)');
    const r = await this.d.call.transfer(target).catch(() => ({ kind: 'timeout' }) as const);
    if (r.kind === 'transferred') {
      await this.end('transferred', true);
      return;
    }
    this.d.log?.info({ result: r }, 'REFER did not transfer: bridging through the appliance');
    if (this.d.bridge && this.mode === 'agent') {
      this.mode = 'bridged';
      this.utt?.abort();
      this.utt = undefined;
      const ok = await this.d.bridge(target).catch(() => false);
      if (ok) return; // the bridge ends the call when either side hangs up
      if (this.ending) return;
      this.mode = 'agent';
    }
    this.committed = false;
    await this.runReply(sentences([couldNotTransfer]), undefined);
  }

  /** The bridge ended (either leg hung up). */
  bridgeEnded(): void {
    void this.end('bridged-ended', true);
  }

  private armSilence(): void {
    this.clearSilence();
    if (this.mode !== 'agent' || this.ending) return;
    this.silenceTimer = setTimeout(() => {
      this.silenceTimer = undefined;
      if (this.mode !== 'agent' || this.reply || this.utt) return;
      if (this.playout.speaking) {
        // Audio resumed after a backchannel: the silence clock starts when it has been played.
        void this.playout.drained().then(() => this.armSilence());
        return;
      }
      this.silenceCount++;
      const abort = new AbortController();
      void this.runReply(this.d.conversation.onSilence(this.silenceCount, { signal: abort.signal }), {
        abort,
      });
    }, this.d.behaviour.silenceTimeoutMs);
    this.silenceTimer.unref();
  }

  private clearSilence(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
  }

  private async maxDurationReached(): Promise<void> {
    if (this.mode !== 'agent') {
      if (this.mode === 'bridged') await this.end('max-duration', true);
      return;
    }
    this.reply?.abort.abort();
    if (this.playout.speaking) await this.playout.cut(this.replySeq).catch(() => undefined);
    await this.sayAndHangup(this.d.behaviour.goodbye, 'max-duration');
  }

  private releaseHeld(): void {
    const h = this.held;
    this.held = [];
    for (const f of h) f();
  }

  private observe(stage: LatencyStage, ms: number): void {
    this.d.metrics?.turnLatency.observe({ stage }, ms / 1000);
  }

  /** Idempotent; `hangup` sends BYE when the call is still up. Never throws. */
  private async end(reason: EndReason, hangup = false): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.mode = 'ending';
    this.clearSilence();
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.reply?.abort.abort();
    this.utt?.abort();
    this.utt = undefined;
    this.held = [];
    this.playout.clear();
    this.vad.close();
    this.unsubscribeCall();
    this.d.media.off('event', this.onMediaEvent);
    if (hangup && this.d.call.state !== 'ended') await this.d.call.hangup().catch(() => undefined);
    const media = await this.d.media.stop().catch((err: unknown) => {
      this.d.log?.warn({ err: String(err) }, 'media stop failed');
      return undefined;
    });
    await this.d.conversation.end(reason).catch((err: unknown) => {
      this.d.log?.error({ err: String(err) }, 'conversation end failed');
    });
    this.endResolve({ reason, media, durationMs: performance.now() - this.startedAt });
  }
}

async function* sentences(list: readonly string[]): AsyncGenerator<ReplyEvent> {
  for (const text of list) yield { kind: 'sentence', text };
}

const round = (x: number): number => Math.round(x * 10) / 10;
