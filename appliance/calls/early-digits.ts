import type { MediaEvent } from '../../media/index.js';
import type { CallEvent } from '../../sip/index.js';
import type { CallMedia, DtmfSource, SessionCall } from './call-session.js';

/**
 * Keypad digits pressed between the answer and the call session's start. The call is answered
 * (media flows) before its conversation is ready: the agent may still be compiling (the first
 * call after a restart) and the CRM lookup may still run. A caller who presses keys at once
 * ("press 1 for ...", an IVR in front of us) must not lose them: the digits, from RTP
 * (RFC 4733) and SIP INFO alike, are held here in arrival order, and the session takes them when
 * it starts (`CallSessionDeps.heldDigits`), after its own listeners are in.
 */
export interface HeldDigit {
  digit: string;
  source: DtmfSource;
  durationMs: number | undefined;
}

export interface EarlyDigits {
  /** The digits held so far, in arrival order; holding stops (later digits reach the session). */
  take(): HeldDigit[];
}

/** Most digits held before a session starts (a stuck key must not grow without bound). */
const MAX_HELD = 64;

export function holdEarlyDigits(
  media: Pick<CallMedia, 'on' | 'off'>,
  call: Pick<SessionCall, 'on'>,
): EarlyDigits {
  const held: HeldDigit[] = [];
  let holding = true;
  const hold = (d: HeldDigit): void => {
    if (holding && held.length < MAX_HELD) held.push(d);
  };
  const onMedia = (e: MediaEvent): void => {
    if (e.kind === 'dtmf')
      hold({
        digit: e.digit,
        source: e.source === 'info' ? 'sip-info' : 'rfc4733',
        durationMs: e.durationMs,
      });
  };
  media.on('event', onMedia);
  const offCall = call.on((e: CallEvent) => {
    if (e.kind === 'dtmf') hold({ digit: e.digit, source: 'sip-info', durationMs: e.durationMs });
  });
  return {
    take() {
      if (holding) {
        holding = false;
        media.off('event', onMedia);
        offCall();
      }
      return held.splice(0);
    },
  };
}
