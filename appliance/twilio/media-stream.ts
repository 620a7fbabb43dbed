/**
 * One Twilio Media Streams WebSocket: the `start` message's token (minted by the webhook) admits
 * it, then it drives a bridged call leg (appliance/calls): the caller's μ-law frames and digits go
 * in; the agent's frames come out as `media` messages, each finished reply as a `mark`, and
 * barge-in as `clear`. A bad message closes the socket with a reason (1008) and ends the call;
 * nothing is thrown into the server.
 *
 * States: awaiting-start -> starting (token redeemed, leg being admitted) -> streaming -> closed.
 */
import type { Logger } from 'pino';
import type { BridgedLeg, BridgedLegEvents, BridgedLegRequest } from '../calls/index.js';
import type { StreamGrant } from './stream-token.js';
import {
  mediaPayload,
  outbound,
  parseStreamMessage,
  StreamMessageError,
  type StartMessage,
} from './stream-messages.js';

/** The socket as this file uses it (a `ws` WebSocket). */
export interface StreamSocket {
  send(data: string): void;
  close(code: number, reason: string): void;
  readonly readyState: number;
}

export interface MediaStreamDeps {
  redeem(token: string): StreamGrant | undefined;
  startLeg(req: BridgedLegRequest, events: BridgedLegEvents): Promise<BridgedLeg>;
  log: Logger;
}

type State = 'awaiting-start' | 'starting' | 'streaming' | 'closed';

const OPEN = 1;
/** WebSocket close codes (RFC 6455 §7.4.1). */
const NORMAL = 1000;
const POLICY = 1008;
const UNAVAILABLE = 1013;

export class MediaStream {
  private state: State = 'awaiting-start';
  private streamSid = '';
  private leg: BridgedLeg | undefined;
  private marks = 0;

  constructor(
    private readonly sock: StreamSocket,
    private readonly d: MediaStreamDeps,
  ) {}

  get current(): State {
    return this.state;
  }

  /** One message from Twilio. */
  onMessage(data: string | Buffer): void {
    if (this.state === 'closed') return;
    let m;
    try {
      m = parseStreamMessage(data);
    } catch (err) {
      const why = err instanceof StreamMessageError ? err.message : 'unreadable message';
      this.d.log.warn({ why, state: this.state }, 'twilio stream: bad message, closing');
      this.close(POLICY, why);
      return;
    }
    switch (m.event) {
      case 'connected':
        return;
      case 'start':
        if (this.state !== 'awaiting-start') return this.close(POLICY, 'second start');
        void this.start(m);
        return;
      case 'media':
        if (m.streamSid !== this.streamSid) return this.unexpected('media');
        // Audio before the leg is admitted (a few ms) is dropped; only the caller's track is heard.
        if (this.leg && (m.media.track ?? 'inbound') === 'inbound') this.leg.callerAudio(mediaPayload(m));
        return;
      case 'dtmf':
        if (m.streamSid !== this.streamSid) return this.unexpected('dtmf');
        this.leg?.dtmf(m.dtmf.digit as Parameters<BridgedLeg['dtmf']>[0]);
        return;
      case 'mark':
        if (m.streamSid !== this.streamSid) return this.unexpected('mark');
        return;
      case 'stop':
        if (m.streamSid !== this.streamSid) return this.unexpected('stop');
        this.close(NORMAL, 'stopped');
        return;
    }
  }

  /** The socket closed (Twilio hung up or the network went). */
  onClose(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.leg?.hangup();
  }

  private unexpected(what: string): void {
    this.close(
      POLICY,
      this.state === 'awaiting-start' ? `${what} before start` : `${what} for another stream`,
    );
  }

  private async start(m: StartMessage): Promise<void> {
    this.state = 'starting';
    this.streamSid = m.streamSid;
    const f = m.start.mediaFormat;
    if (f.encoding !== 'audio/x-mulaw' || f.sampleRate !== 8000 || f.channels !== 1)
      return this.close(POLICY, 'media format must be audio/x-mulaw, 8000 Hz, mono');
    const token = m.start.customParameters?.token;
    const grant = token ? this.d.redeem(token) : undefined;
    if (!grant || grant.callSid !== m.start.callSid)
      return this.close(POLICY, 'stream token missing, invalid or expired');
    const events: BridgedLegEvents = {
      agentAudio: (ulaw) => this.send(outbound.media(this.streamSid, ulaw)),
      replyDone: () => this.send(outbound.mark(this.streamSid, `reply-${++this.marks}`)),
      bargeIn: () => this.send(outbound.clear(this.streamSid)),
      ended: () => this.close(NORMAL, 'call ended'),
    };
    try {
      const leg = await this.d.startLeg(
        {
          channel: 'twilio',
          businessId: grant.businessId,
          agentId: grant.agentId,
          caller: grant.from,
          dialed: grant.to,
          externalId: m.start.callSid,
        },
        events,
      );
      // The socket may have closed while the call was being admitted.
      if ((this.state as State) === 'closed') {
        leg.hangup();
        return;
      }
      this.leg = leg;
      this.state = 'streaming';
    } catch (err) {
      this.d.log.warn({ err }, 'twilio stream: the call was not admitted');
      this.close(UNAVAILABLE, 'the agent cannot take this call now');
    }
  }

  private send(text: string): void {
    if (this.state !== 'closed' && this.sock.readyState === OPEN) this.sock.send(text);
  }

  private close(code: number, reason: string): void {
    const wasOpen = this.state !== 'closed';
    this.state = 'closed';
    if (wasOpen) this.leg?.hangup();
    if (this.sock.readyState === OPEN) this.sock.close(code, reason.slice(0, 120));
  }
}
