/**
 * Who answered an outbound call: the seconds after the answer, before the agent says anything.
 * A person ("Hello?", then a pause) gets the agent at once; an answering machine's greeting is
 * let run to its beep, then the campaign's voicemail message is played and the call hung up (the
 * agent never converses with a machine). The callee's audio goes through its own speech detector
 * (no denoiser: a beep is no noise to remove) into the answering-machine detector (amd.ts), which
 * decides on the audio's own time, so a loaded box decides the same as an idle one.
 *
 * One class per action, as the call's other steps: it owns its listeners and removes them on
 * every path; the media session and the call stay the caller's.
 */
import type { Logger } from 'pino';
import type { ActiveCall } from '../../sip/index.js';
import type { MediaEvent, MediaSession, PlayId } from '../../media/index.js';
import { AnsweringMachineDetector, type AmdEvent, type AmdOptions } from './amd.js';
import type { TextToSpeech, VoiceActivityDetector } from './ports.js';

export type ScreenResult =
  /** A person (or nothing heard at all): the agent takes the call now. */
  | { kind: 'human'; reason: string; afterMs: number }
  /** A machine: the message was played after its beep (`left`), or none is configured. */
  | { kind: 'voicemail'; left: boolean; reason: string; afterMs: number }
  /** The callee hung up, or the media ended, before a verdict or during the message. */
  | { kind: 'ended'; afterMs: number };

export interface ScreenDeps {
  call: ActiveCall;
  media: Pick<MediaSession, 'on' | 'off' | 'play'>;
  vad: VoiceActivityDetector;
  tts: TextToSpeech;
  /** Said after the beep; null: hang up on machines without a message. */
  voicemailMessage: string | null;
  amd?: Partial<AmdOptions>;
  /** Longest screening including the message, ms (default 60 000): a machine that never stops is hung up on. */
  maxMs?: number;
  log?: Logger;
}

const DEFAULT_MAX_MS = 60_000;

/** Screens one answered outbound call; resolves with what answered (never rejects). */
export class AnsweredCallScreen {
  private readonly amd: AnsweringMachineDetector;
  private readonly startedAt = performance.now();
  private chain: Promise<void> = Promise.resolve();
  private settled = false;
  private resolve!: (r: ScreenResult) => void;
  /** The voicemail message's play id while it plays. */
  private messagePlayId: PlayId | undefined;
  private machineReason = '';

  constructor(private readonly d: ScreenDeps) {
    this.amd = new AnsweringMachineDetector(d.amd);
  }

  run(): Promise<ScreenResult> {
    const done = new Promise<ScreenResult>((r) => (this.resolve = r));
    const vad = this.d.vad.createStream({ denoise: false, agc: false });
    const onMedia = (e: MediaEvent): void => this.onMedia(e, vad);
    this.d.media.on('event', onMedia);
    const offCall = this.d.call.on((ev) => {
      if (ev.kind === 'hangup') this.finish({ kind: 'ended', afterMs: this.elapsed() });
    });
    const timer = setTimeout(() => {
      this.d.log?.info('screening ran past its limit: hanging up');
      this.finish({ kind: 'ended', afterMs: this.elapsed() });
    }, this.d.maxMs ?? DEFAULT_MAX_MS);
    if (this.d.call.state === 'ended') this.finish({ kind: 'ended', afterMs: 0 });
    return done.finally(() => {
      clearTimeout(timer);
      offCall();
      this.d.media.off('event', onMedia);
      vad.close();
    });
  }

  private onMedia(e: MediaEvent, vad: ReturnType<VoiceActivityDetector['createStream']>): void {
    if (e.kind === 'closed') {
      this.finish({ kind: 'ended', afterMs: this.elapsed() });
      return;
    }
    if (e.kind === 'played' && this.messagePlayId !== undefined && e.playId === this.messagePlayId) {
      this.finish({ kind: 'voicemail', left: true, reason: this.machineReason, afterMs: this.elapsed() });
      return;
    }
    if (e.kind !== 'audio' || this.settled || this.amd.verdict === 'human') return;
    const { pcm, sampleRateHz } = e;
    this.chain = this.chain
      .then(async () => {
        await vad.push(pcm, sampleRateHz);
        for (const ev of this.amd.push(pcm, sampleRateHz, vad.lastProbability)) await this.onAmd(ev);
      })
      .catch((err: unknown) => {
        this.d.log?.warn({ err }, 'answering-machine detection failed on a frame: the agent takes the call');
        this.finish({ kind: 'human', reason: 'detector-error', afterMs: this.elapsed() });
      });
  }

  private async onAmd(ev: AmdEvent): Promise<void> {
    if (this.settled) return;
    switch (ev.kind) {
      case 'human':
        this.finish({ kind: 'human', reason: ev.reason, afterMs: this.elapsed() });
        return;
      case 'machine':
        this.machineReason = ev.reason;
        this.d.log?.info({ reason: ev.reason, atMs: ev.atMs }, 'an answering machine answered');
        return;
      case 'beep':
        this.d.log?.info({ atMs: ev.atMs, frequencyHz: ev.frequencyHz }, 'answering machine beep');
        return;
      case 'leave-message':
        await this.leaveMessage(ev.reason);
        return;
    }
  }

  private async leaveMessage(trigger: string): Promise<void> {
    const text = this.d.voicemailMessage?.trim();
    const reason = `${this.machineReason}; message on ${trigger}`;
    if (!text) {
      this.finish({ kind: 'voicemail', left: false, reason, afterMs: this.elapsed() });
      return;
    }
    this.machineReason = reason;
    try {
      const audio = await this.d.tts.synthesize(text);
      if (this.settled) return;
      this.messagePlayId = this.d.media.play(audio.pcm, audio.sampleRateHz);
    } catch (err) {
      this.d.log?.error({ err }, 'the voicemail message could not be synthesised');
      this.finish({
        kind: 'voicemail',
        left: false,
        reason: `${reason}; synthesis failed`,
        afterMs: this.elapsed(),
      });
    }
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  private finish(r: ScreenResult): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(r);
  }
}
