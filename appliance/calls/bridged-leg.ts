/**
 * A call leg whose audio arrives by another transport than SIP and RTP from a PBX: Twilio Media
 * Streams over a WebSocket now, WebRTC later. The leg runs the very same CallSession as a SIP call
 * (agent, records, latency stages, barge-in, plan admission, recordings): the call manager starts
 * a media session whose remote RTP address is a loopback UDP relay owned by the leg, so the media
 * worker's jitter buffer, decoding, pacing and recorder serve it unchanged.
 *
 * The transport sees only this file's small API (`BridgedLeg`, `BridgedLegEvents`): it pushes the
 * caller's 20 ms μ-law frames and keypad digits in, hangs up when its peer goes, and hears the
 * agent's frames, the end of each reply (Twilio `mark`), barge-in (Twilio `clear`) and the end of
 * the call. Start one with `CallManager.startBridgedLeg`.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { JitterBufferOptions, MediaEvent, PlayId } from '../../media/index.js';
import type {
  ActiveCall,
  CallEventListener,
  CallId,
  CallState,
  DtmfDigit,
  NegotiatedMedia,
  TransferResult,
} from '../../sip/index.js';
import type { CallMedia } from './call-session.js';

/** How a call reached the appliance: the SIP trunk, or a bridged transport. */
export const callChannels = ['sip', 'twilio', 'webrtc'] as const;
export type CallChannel = (typeof callChannels)[number];
export type BridgedChannel = Exclude<CallChannel, 'sip'>;

/** G.711 μ-law at 8 kHz, 20 ms per frame: 160 bytes (what Twilio Media Streams carries). */
export const ULAW_FRAME_BYTES = 160;
const PCMU_PT = 0;
/** Pause after the agent's last queued audio was played before the reply counts as done, ms: the
 * worker's `played` event can overtake the last RTP packet on its way through the relay. */
const REPLY_DONE_DELAY_MS = 60;

/**
 * The media session's jitter buffer for a bridged leg. Its frames come over TCP (WebSocket): none
 * is lost, but they arrive in bursts after any stall of the network or of this process's event
 * loop (the relay runs on it). The SIP defaults (200 ms cap, 40 ms start) would drop a burst's
 * overflow and the frames behind a stall, so the caller's words lose syllables; this buffer holds
 * up to 1 s, ms.
 */
export const BRIDGED_JITTER: JitterBufferOptions = { initialDelayMs: 100, minDelayMs: 60, maxDelayMs: 1000 };

export interface BridgedLegRequest {
  channel: BridgedChannel;
  businessId: string;
  agentId: string;
  /** Caller number as the transport reports it (PII), or null. */
  caller: string | null;
  /** Number or address dialed (PII), or null. */
  dialed: string | null;
  /** The transport's own id of the call (Twilio CallSid): logs and correlation. */
  externalId: string;
}

/** What the leg tells its transport. Called on the main thread; must not throw. */
export interface BridgedLegEvents {
  /** 20 ms of the agent's audio, μ-law 8 kHz (160 bytes; the buffer is the callee's). */
  agentAudio(ulaw: Buffer): void;
  /** Every reply queued so far has been played (Twilio: send a `mark`). */
  replyDone(): void;
  /** The caller barged in: drop audio already sent and not yet heard (Twilio: send `clear`). */
  bargeIn(): void;
  /** The call is over (the agent hung up, the call failed, or the transport hung up). Once. */
  ended(reason: string): void;
}

/** The leg as its transport drives it. */
export interface BridgedLeg {
  /** The appliance's call id (calls.id). */
  readonly callId: string;
  /** One frame of the caller's audio, μ-law 8 kHz; any length (20 ms frames expected). */
  callerAudio(ulaw: Uint8Array): void;
  /** A keypad digit the caller pressed. */
  dtmf(digit: DtmfDigit): void;
  /** The transport's peer went away (Twilio `stop`, socket closed): the call ends. Idempotent. */
  hangup(): void;
}

/**
 * The loopback half of the media session: RTP to and from the media worker over 127.0.0.1 (the
 * worker latches onto this socket's address as a SIP call's remote end).
 */
export class LoopbackRelay {
  private readonly sock: Socket;
  private target: { address: string; port: number } | undefined;
  private seq = randomInt(0, 0x10000);
  private ts = randomInt(0, 0x1_0000_0000);
  private readonly ssrc = randomInt(1, 0x1_0000_0000);
  private closed = false;

  private constructor(
    sock: Socket,
    private readonly onAudio: (ulaw: Buffer) => void,
  ) {
    this.sock = sock;
    sock.on('message', (msg) => {
      // RTP v2, no CSRCs or extension from our own worker; anything else (RTCP, odd payloads) is not audio.
      if (msg.length < 12 || msg[0] !== 0x80 || (msg[1]! & 0x7f) !== PCMU_PT) return;
      this.onAudio(msg.subarray(12));
    });
    sock.on('error', () => undefined);
  }

  static async open(onAudio: (ulaw: Buffer) => void): Promise<LoopbackRelay> {
    const sock = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(0, '127.0.0.1', () => {
        sock.off('error', reject);
        resolve();
      });
    });
    return new LoopbackRelay(sock, onAudio);
  }

  get port(): number {
    return this.sock.address().port;
  }

  /** Where the media worker listens (its allocation). A wildcard bind is reached on loopback. */
  connect(address: string, port: number): void {
    this.target = { address: address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address, port };
  }

  /** One μ-law frame into the media worker as an RTP packet (timestamp advances by its samples). */
  send(ulaw: Uint8Array): void {
    if (this.closed || !this.target || ulaw.length === 0) return;
    const pkt = Buffer.allocUnsafe(12 + ulaw.length);
    pkt[0] = 0x80;
    pkt[1] = PCMU_PT;
    pkt.writeUInt16BE(this.seq, 2);
    pkt.writeUInt32BE(this.ts >>> 0, 4);
    pkt.writeUInt32BE(this.ssrc, 8);
    pkt.set(ulaw, 12);
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + ulaw.length) % 0x1_0000_0000;
    this.sock.send(pkt, this.target.port, this.target.address);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sock.close();
  }

  /** The negotiated media a SIP answer would have produced: PCMU at 20 ms, to this relay. */
  negotiated(): NegotiatedMedia {
    return {
      remoteRtpAddress: '127.0.0.1',
      remoteRtpPort: this.port,
      codec: { name: 'PCMU', payloadType: PCMU_PT, clockRateHz: 8000 },
      ptimeMs: 20,
      direction: 'sendrecv',
    };
  }
}

/**
 * The call as the call session sees it (what a SIP dialog is for a trunk call): its state, hang-up
 * both ways, keypad digits as events; transfers are refused (no REFER on these transports, so the
 * session falls back to bridging through the trunk when a transfer target is allowed).
 */
export class BridgedCall implements ActiveCall {
  readonly direction = 'inbound' as const;
  private current: CallState = 'active';
  private readonly listeners = new Set<CallEventListener>();

  constructor(
    readonly id: CallId,
    /** `<channel>:<external id>`: logs and correlation. */
    readonly sipCallId: string,
    readonly media: NegotiatedMedia,
    /** The agent side hung up (once). */
    private readonly onLocalHangup: () => void,
  ) {}

  get state(): CallState {
    return this.current;
  }

  on(listener: CallEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The agent ends the call. */
  hangup(): Promise<void> {
    if (this.current !== 'ended') {
      this.current = 'ended';
      this.emitHangup('local');
      this.onLocalHangup();
    }
    return Promise.resolve();
  }

  /** The transport's peer ended the call. */
  remoteHangup(): void {
    if (this.current === 'ended') return;
    this.current = 'ended';
    this.emitHangup('remote');
  }

  dtmf(digit: DtmfDigit): void {
    if (this.current === 'ended') return;
    for (const l of [...this.listeners]) l({ kind: 'dtmf', digit, durationMs: undefined, source: 'info' });
  }

  transfer(): Promise<TransferResult> {
    return Promise.resolve({ kind: 'refer-rejected', status: 501 });
  }

  sendDtmfInfo(): Promise<number> {
    return Promise.resolve(501);
  }

  private emitHangup(by: 'local' | 'remote'): void {
    for (const l of [...this.listeners]) l({ kind: 'hangup', by, reason: 'bye' });
  }
}

/**
 * The media session as the call session uses it, with the transport told about barge-in (a flush
 * that cut audio) and the end of each reply (every play the session queued has been played).
 */
export function tappedMedia(
  media: CallMedia,
  events: Pick<BridgedLegEvents, 'bargeIn' | 'replyDone'>,
  log: Logger,
): CallMedia & { detach(): void } {
  const pending = new Set<PlayId>();
  let doneTimer: NodeJS.Timeout | undefined;
  const safe = (f: () => void): void => {
    try {
      f();
    } catch (err) {
      log.warn({ err }, 'bridged transport callback failed');
    }
  };
  const onEvent = (e: MediaEvent): void => {
    if (e.kind !== 'played' || !pending.delete(e.playId) || pending.size > 0) return;
    clearTimeout(doneTimer);
    doneTimer = setTimeout(() => safe(() => events.replyDone()), REPLY_DONE_DELAY_MS);
  };
  media.on('event', onEvent);
  return {
    play: (pcm, rateHz) => {
      clearTimeout(doneTimer);
      const id = media.play(pcm, rateHz);
      pending.add(id);
      return id;
    },
    flush: async () => {
      const r = await media.flush();
      const cut = pending.size > 0;
      pending.clear();
      clearTimeout(doneTimer);
      if (cut) safe(() => events.bargeIn());
      return r;
    },
    stop: () => media.stop(),
    on: (ev, l) => media.on(ev, l),
    off: (ev, l) => media.off(ev, l),
    detach: () => {
      clearTimeout(doneTimer);
      media.off('event', onEvent);
    },
  };
}
