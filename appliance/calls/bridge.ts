/**
 * Transfer fallback when the PBX refuses REFER: the appliance places a second call to the human
 * through the trunk and relays decoded audio between the two media sessions (16 kHz frames from
 * one side are queued for playout on the other). Either side hanging up ends both.
 */
import type { Logger } from 'pino';
import type { MediaEngine, MediaEvent, MediaSession } from '../../media/index.js';
import type { ActiveCall, CallControl, Endpoint } from '../../sip/index.js';

export interface BridgeDeps {
  sip: CallControl;
  media: MediaEngine;
  rtpAddress: string;
  inactivityTimeoutMs: number;
  log?: Logger | undefined;
}

export interface Bridge {
  readonly call: ActiveCall;
  readonly media: MediaSession;
  /** Resolves when the second leg has ended and its resources are released. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Dials `target`, starts its media, relays audio with `callerMedia`. Resolves undefined when the target does not answer. */
export async function openBridge(
  deps: BridgeDeps,
  callerMedia: MediaSession,
  target: string,
  answerTimeoutMs = 30_000,
  checkDestination?: (dest: Endpoint) => void,
): Promise<Bridge | undefined> {
  const alloc = await deps.media.allocate();
  let call: ActiveCall;
  try {
    call = await deps.sip.placeCall({
      target,
      media: { rtpAddress: deps.rtpAddress, rtpPort: alloc.localPort },
      answerTimeoutMs,
      ...(checkDestination ? { checkDestination } : {}),
    });
  } catch (err) {
    deps.log?.warn({ err }, 'bridge: the transfer target did not answer');
    await deps.media.release(alloc.sessionId).catch(() => undefined);
    return undefined;
  }
  const m = call.media;
  if (!m) {
    await call.hangup();
    await deps.media.release(alloc.sessionId).catch(() => undefined);
    return undefined;
  }
  const media = await deps.media.start(alloc.sessionId, {
    remoteAddress: m.remoteRtpAddress,
    remotePort: m.remoteRtpPort,
    codec: m.codec,
    ...(m.dtmfPayloadType !== undefined ? { dtmfPayloadType: m.dtmfPayloadType } : {}),
    ptimeMs: m.ptimeMs,
    inactivityTimeoutMs: deps.inactivityTimeoutMs,
    ...(m.srtp
      ? { srtp: { suite: m.srtp.suite, localKey: m.srtp.localKey, remoteKey: m.srtp.remoteKey } }
      : {}),
  });
  const relay =
    (to: MediaSession) =>
    (e: MediaEvent): void => {
      if (e.kind === 'audio') {
        try {
          to.play(e.pcm, e.sampleRateHz);
        } catch {
          /* the other side is stopping */
        }
      }
    };
  const toHuman = relay(media);
  const toCaller = relay(callerMedia);
  callerMedia.on('event', toHuman);
  media.on('event', toCaller);
  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((r) => (markClosed = r));
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      callerMedia.off('event', toHuman);
      media.off('event', toCaller);
      if (call.state !== 'ended') await call.hangup();
      await media.stop().catch(() => undefined);
      markClosed();
    })());
  const unsub = call.on((ev) => {
    if (ev.kind === 'hangup') {
      unsub();
      void close();
    }
  });
  media.on('timeout', () => void close());
  if (call.state === 'ended') void close();
  return { call, media, closed, close };
}
