/** Why a packet was rejected; stable strings so counters and tests can match on them. */
export const PACKET_ERROR_CODES = [
  'too-short',
  'bad-version',
  'bad-padding',
  'bad-extension',
  'bad-length',
  'bad-payload-type',
  'unknown-rtcp-type',
  'bad-event',
] as const;
export type PacketErrorCode = (typeof PACKET_ERROR_CODES)[number];

/** Thrown by the RTP/RTCP/RFC 4733 parsers for malformed input; the socket handler counts and drops it. */
export class PacketError extends Error {
  readonly code: PacketErrorCode;
  constructor(code: PacketErrorCode, message: string) {
    super(message);
    this.name = 'PacketError';
    this.code = code;
  }
}
