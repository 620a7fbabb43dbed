/**
 * The canonical form of an agent's number, used when numbers are stored and when a dialed number
 * is routed, so every spelling of one number reaches the same agent and is taken only once.
 *
 * Phone-like input (digits with optional `+`, `*`, `#` and the visual separators of RFC 3966
 * §5.1.1: spaces, `.`, `-`, `(`, `)`, `/`) becomes its digits, `*` and `#` alone: the separators
 * and a leading `+` are dropped, so `+1 (555) 010-0100`, `1.555.010.0100` and `15550100100` are
 * one number. No country code is added or removed: `+49301234567` and `0301234567` stay
 * different numbers. Anything else (a SIP user part with letters such as `sales.desk`) is kept
 * as given, only trimmed. URI parameters (`;phone-context=…`) of a dialed number are ignored.
 */
const SEPARATORS = /[\s.\-()/]/g;

export function canonicalNumber(raw: string): string {
  const s = (raw.split(';')[0] ?? '').trim();
  const stripped = s.replace(SEPARATORS, '');
  if (/^\+?[0-9*#]+$/.test(stripped)) return stripped.replace(/^\+/, '');
  return s;
}
