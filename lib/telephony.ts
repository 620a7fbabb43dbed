/**
 * Telephony constants shared by the SIP and media layers: the DTMF keys in RFC 4733 event-code
 * order (events 0-9, 10 = '*', 11 = '#', 12-15 = A-D), so a digit's index is its event code.
 */
export const DTMF_DIGITS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '*',
  '#',
  'A',
  'B',
  'C',
  'D',
] as const;
export type DtmfDigit = (typeof DTMF_DIGITS)[number];

export function isDtmfDigit(s: string): s is DtmfDigit {
  return (DTMF_DIGITS as readonly string[]).includes(s);
}
