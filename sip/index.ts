/**
 * SIP signalling layer: RFC 3261 UA (UDP/TCP transports, transactions, dialogs), UAS for calls
 * from the PBX trunk, UAC for REGISTER / outbound INVITE / REFER transfer, SDP offer/answer.
 *
 * Wiring (appliance):
 *   const sip = await createSipStack({ bindAddress, port, allowFrom, inboundCredentials, trunk,
 *     codecs, route: async ({ dialedNumber }) => agentFor(dialedNumber)
 *       ? { action: 'accept', route: agent } : { action: 'reject', status: 404 }, logger, registry });
 *   sip.onIncomingCall(async (call) => {
 *     call.ringing();
 *     const rtp = await media.allocate();                    // media layer owns RTP ports
 *     const media = await call.answer({ rtpAddress, rtpPort: rtp.port });
 *     call.on((ev) => { if (ev.kind === 'dtmf') ...; if (ev.kind === 'hangup') rtp.close(); });
 *   });
 */
export type {
  ActiveCall,
  CallControl,
  CallEvent,
  CallEventListener,
  CallId,
  CallState,
  DtmfDigit,
  HangupReason,
  IncomingCall,
  PlaceCallOptions,
  RouteCallback,
  RouteDecision,
  RouteRequest,
  TransferResult,
} from './call-control.js';
export { CallFailedError, DTMF_DIGITS } from './call-control.js';
export {
  SipStack,
  createSipStack,
  type Availability,
  type SipLimits,
  type SipStackOptions,
  type SipStackStats,
  type TrunkOptions,
} from './stack.js';
export type { RegistrationState } from './uac/register.js';
export type { InboundCredentials, SecurityMode } from './security.js';
export {
  CODEC_NAMES,
  type CodecName,
  type LocalMedia,
  type MediaDirection,
  type NegotiatedMedia,
} from './sdp/offer-answer.js';
export {
  SRTP_POLICIES,
  SDES_SUITE,
  parseCryptoLine,
  formatCryptoLine,
  newSdesKey,
  type NegotiatedSrtp,
  type SrtpPolicy,
} from './sdp/sdes.js';
export { certificateFingerprint, normalizeFingerprint, type TlsSettings } from './transport/tcp.js';
export type {
  Endpoint,
  SipHeader,
  SipMessage,
  SipRequest,
  SipResponse,
  TransportName,
} from './message/types.js';
export { parseMessage, type ParseOptions, type ParseResult } from './message/parse.js';
export { serializeMessage } from './message/serialize.js';
export { SipParseError, type ParseErrorCode } from './message/errors.js';
export type { TimerConfig } from './transaction/timers.js';
