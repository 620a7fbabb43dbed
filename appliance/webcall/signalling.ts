/**
 * The browser's side of a web call, WHIP-style: one HTTP request carries the browser's complete
 * SDP offer (ICE candidates gathered) and returns Janus's answer once the appliance has answered
 * the SIP leg; a second ends it. The appliance is the only party that talks to Janus.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { JanusError, type JanusClient, type SipLeg, type SipLegEvent } from './janus-client.js';
import type { WebCallRegistry } from './registry.js';
import type { WebCallGrant } from './token.js';

/** Largest SDP offer accepted from a browser, characters (Chrome's audio-only offer is ~2-5 kB). */
export const MAX_OFFER_CHARS = 20_000;

interface LiveLeg {
  leg: SipLeg;
  key: Buffer;
  businessId: string;
  startedAtMs: number;
}

export interface SignallingDeps {
  janus: () => JanusClient;
  registry: WebCallRegistry;
  /** The appliance's SIP port on 127.0.0.1 (0 while telephony is down). */
  sipPort: () => number;
  answerTimeoutMs: number;
  log: Logger;
}

export class WebCallSignalling {
  private readonly live = new Map<string, LiveLeg>();

  constructor(private readonly d: SignallingDeps) {}

  get liveCount(): number {
    return this.live.size;
  }

  /** Places the call for a redeemed grant; resolves with the answer for the browser. */
  async place(
    grant: WebCallGrant,
    offerSdp: string,
  ): Promise<{ callId: string; sdp: string; hangupKey: string }> {
    checkOffer(offerSdp);
    const port = this.d.sipPort();
    if (!port) throw new AppError('unavailable', 'telephony is not running');
    const user = this.d.registry.issue(grant.businessId, grant.agentId, this.d.answerTimeoutMs);
    let leg: SipLeg | undefined;
    try {
      leg = await this.d.janus().openSipLeg('sip:webcall@127.0.0.1');
      const sdp = await leg.call(`sip:${user}@127.0.0.1:${port}`, offerSdp, this.d.answerTimeoutMs);
      const callId = randomBytes(12).toString('base64url');
      const key = randomBytes(18);
      const entry: LiveLeg = { leg, key, businessId: grant.businessId, startedAtMs: Date.now() };
      this.live.set(callId, entry);
      const onEvent = (ev: SipLegEvent): void => {
        if (ev.kind !== 'hangup' && ev.kind !== 'webrtc-down') return;
        // Either side ended: the SIP leg's BYE or the browser's PeerConnection going away.
        leg?.events.off('event', onEvent);
        if (this.live.get(callId) === entry) this.live.delete(callId);
        void leg?.hangup();
        this.d.log.info({ callId, why: ev.kind, reason: ev.reason }, 'web call ended');
      };
      leg.events.on('event', onEvent);
      this.d.log.info({ callId, businessId: grant.businessId, agentId: grant.agentId }, 'web call answered');
      return { callId, sdp, hangupKey: key.toString('base64url') };
    } catch (err) {
      this.d.registry.revoke(user);
      await leg?.hangup();
      throw toAppError(err);
    }
  }

  /** Ends a live call; the key is the one handed out with its answer. */
  async hangup(callId: string, key: string): Promise<void> {
    const entry = this.live.get(callId);
    const got = Buffer.from(key, 'base64url');
    if (!entry || got.length !== entry.key.length || !timingSafeEqual(got, entry.key))
      throw new AppError('not_found', 'no such web call');
    this.live.delete(callId);
    await entry.leg.hangup();
  }

  async stop(): Promise<void> {
    const legs = [...this.live.values()];
    this.live.clear();
    await Promise.all(legs.map((l) => l.leg.hangup()));
  }
}

/** A browser's offer: SDP with an audio section and ICE credentials; else 400 (nothing is spent). */
export function checkOffer(sdp: string): void {
  if (!/^v=0\r?\n/.test(sdp) || !/\nm=audio \d+ /.test(sdp) || !/\na=ice-ufrag:/.test(sdp))
    throw new AppError('validation_failed', 'the offer is not a WebRTC SDP offer with audio');
}

/** Janus/SIP outcomes in the error taxonomy: the plan's limit, capacity or a missing gateway are 503s. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof JanusError) {
    const sip = err.code;
    if (sip === 404) return new AppError('not_found', 'the agent cannot take web calls');
    if (sip === 403) return new AppError('forbidden', 'the call was refused');
    if (sip === 504)
      return new AppError('unavailable', 'the call was not answered in time', { retryAfterS: 5 });
    return new AppError('unavailable', `the call could not be placed (${err.message})`, { retryAfterS: 5 });
  }
  return new AppError('internal', 'the call could not be placed', { cause: err });
}
