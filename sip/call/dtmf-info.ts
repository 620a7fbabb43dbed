import { DTMF_DIGITS, type DtmfDigit } from '../call-control.js';

export const DTMF_INFO_TYPES = ['application/dtmf-relay', 'application/dtmf'] as const;

/** RFC 4733 event codes 10/11 map to '*' and '#'; 12-15 to A-D (application/dtmf-relay may carry them). */
const EVENT_CODES: readonly DtmfDigit[] = DTMF_DIGITS;

/**
 * Parse a DTMF INFO body: application/dtmf-relay (`Signal=5\r\nDuration=160`) or
 * application/dtmf (`5`). Returns null when it carries no valid digit.
 */
export function parseDtmfInfo(
  contentType: string,
  body: string,
): { digit: DtmfDigit; durationMs: number | undefined } | null {
  const ct = contentType.split(';')[0]?.trim().toLowerCase();
  let signal: string | undefined;
  let duration: number | undefined;
  if (ct === 'application/dtmf-relay') {
    for (const line of body.split(/\r?\n/)) {
      const m = /^\s*(signal|duration)\s*=\s*(\S+)\s*$/i.exec(line);
      if (!m) continue;
      if ((m[1] ?? '').toLowerCase() === 'signal') signal = m[2];
      else if (/^\d{1,6}$/.test(m[2] ?? '')) duration = Number(m[2]);
    }
  } else if (ct === 'application/dtmf') signal = body.trim();
  else return null;
  if (signal === undefined) return null;
  let digit: DtmfDigit | undefined;
  const upper = signal.toUpperCase();
  if ((DTMF_DIGITS as readonly string[]).includes(upper)) digit = upper as DtmfDigit;
  else if (/^\d{1,2}$/.test(signal)) digit = EVENT_CODES[Number(signal)];
  if (!digit) return null;
  return { digit, durationMs: duration };
}

export function formatDtmfRelay(digit: DtmfDigit, durationMs: number): string {
  return `Signal=${digit}\r\nDuration=${durationMs}\r\n`;
}
