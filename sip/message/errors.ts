import type { SipHeader } from './types.js';

export const PARSE_ERROR_CODES = [
  'empty',
  'too-large',
  'too-many-headers',
  'bad-start-line',
  'bad-version',
  'bad-header',
  'bad-content-length',
  'truncated-body',
  'missing-header',
  'duplicate-header',
  'bad-cseq',
  'bad-uri',
  'bad-via',
  'bad-name-addr',
  'bad-status',
  'bad-max-forwards',
] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

/**
 * Typed parse failure. When the message was recognisably a request with a usable Via (and ideally
 * From/To/Call-ID/CSeq), `respondWith` carries those headers so the caller can send a stateless 400.
 */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  constructor(
    readonly code: ParseErrorCode,
    readonly detail: string,
    readonly respondWith?: {
      readonly method: string;
      readonly headers: readonly SipHeader[];
    },
  ) {
    super(`${code}: ${detail}`);
  }
}
