/**
 * RFC 4733 telephone-event payload (section 2.3): event(8) | E(1) R(1) volume(6) | duration(16).
 * Events 0-9, 10 = '*', 11 = '#', 12-15 = A-D, 16 = flash.
 */
import { PacketError } from './errors.js';

import { DTMF_DIGITS, type DtmfDigit } from '../../lib/index.js';

export { DTMF_DIGITS, isDtmfDigit, type DtmfDigit } from '../../lib/index.js';

export interface TelephoneEvent {
  /** Event code 0..255 (0..15 are DTMF). */
  event: number;
  end: boolean;
  /** Power level in -dBm0, 0..63 (10 is typical). */
  volume: number;
  /** Duration in RTP clock units since the event's timestamp. */
  duration: number;
}

export function digitToEvent(digit: DtmfDigit): number {
  return DTMF_DIGITS.indexOf(digit);
}

/** DTMF digit for an event code, or undefined for non-DTMF events (flash, tones). */
export function eventToDigit(event: number): DtmfDigit | undefined {
  return DTMF_DIGITS[event];
}

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent {
  // Several events may be stacked (RFC 4733 2.5.1.5, rare); the first one is the current event.
  if (payload.length < 4)
    throw new PacketError('bad-event', `telephone-event payload of ${payload.length} bytes`);
  const b1 = payload[1] ?? 0;
  return {
    event: payload[0] ?? 0,
    end: (b1 & 0x80) !== 0,
    volume: b1 & 0x3f,
    duration: ((payload[2] ?? 0) << 8) | (payload[3] ?? 0),
  };
}

export function serializeTelephoneEvent(ev: TelephoneEvent): Uint8Array {
  const d = Math.max(0, Math.min(0xffff, Math.round(ev.duration)));
  return Uint8Array.of(ev.event & 0xff, (ev.end ? 0x80 : 0) | (ev.volume & 0x3f), d >> 8, d & 0xff);
}
