import type { Endpoint } from './message/types.js';
import type { LocalMedia, NegotiatedMedia } from './sdp/offer-answer.js';

/** Branded call identifier (unique per stack instance; not the SIP Call-ID). */
export type CallId = string & { readonly __brand: 'CallId' };

export { DTMF_DIGITS, type DtmfDigit } from '../lib/index.js';
import type { DtmfDigit } from '../lib/index.js';

export type HangupReason = 'bye' | 'ack-timeout' | 'transferred' | 'request-timeout' | 'stack-stopped';

export type TransferResult =
  /** The transfer target answered (final NOTIFY sipfrag 2xx), or the peer ended the call after accepting REFER. */
  | { readonly kind: 'transferred'; readonly confirmedByNotify: boolean }
  /** The peer refused REFER itself (4xx/5xx/6xx): fall back, e.g. keep the caller with the agent. */
  | { readonly kind: 'refer-rejected'; readonly status: number }
  /** REFER accepted, but the transfer target failed (sipfrag final status). */
  | { readonly kind: 'transfer-failed'; readonly status: number }
  | { readonly kind: 'timeout' };

export type CallEvent =
  | { readonly kind: 'ringing' }
  | { readonly kind: 'answered'; readonly media: NegotiatedMedia }
  /** The ACK for our 2xx arrived (inbound) / we sent the ACK (outbound). */
  | { readonly kind: 'confirmed' }
  | {
      readonly kind: 'dtmf';
      readonly digit: DtmfDigit;
      readonly durationMs: number | undefined;
      readonly source: 'info';
    }
  /** Re-INVITE (hold/unhold, session refresh, new address) answered; `media` is the new state. */
  | { readonly kind: 'reinvite'; readonly media: NegotiatedMedia }
  | { readonly kind: 'hangup'; readonly by: 'remote' | 'local'; readonly reason: HangupReason }
  /** The caller cancelled before the call was answered (inbound only). */
  | { readonly kind: 'cancelled' };

export type CallEventListener = (ev: CallEvent) => void;

export type CallState = 'offered' | 'early' | 'answering' | 'active' | 'ended';

/** A call with a (possibly early) dialog: what the rest of the appliance drives. */
export interface ActiveCall {
  readonly id: CallId;
  /** SIP Call-ID (for logs/correlation). */
  readonly sipCallId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly state: CallState;
  /** Current negotiated media (null until answered). */
  readonly media: NegotiatedMedia | null;
  /** Subscribe to events; returns an unsubscribe function. */
  on(listener: CallEventListener): () => void;
  /** BYE (or CANCEL/480 before answer). Resolves when done; never rejects. */
  hangup(): Promise<void>;
  /** Blind transfer with REFER (RFC 3515). `target` is a SIP URI or an extension at the PBX. */
  transfer(target: string): Promise<TransferResult>;
  /** DTMF via SIP INFO (application/dtmf-relay). Resolves with the peer's final status. */
  sendDtmfInfo(digit: DtmfDigit, durationMs?: number): Promise<number>;
}

export interface IncomingCall extends ActiveCall {
  /** Request-URI user part, %-unescaped (or the tel: number). PII. */
  readonly dialedNumber: string;
  /** From user part, unescaped. PII. */
  readonly callerNumber: string | undefined;
  readonly callerName: string | undefined;
  /** Negotiation of the caller's offer against our codecs; null for a late-offer INVITE. */
  readonly offer: NegotiatedMedia | null;
  /** Where the INVITE came from. */
  readonly remote: Endpoint;
  /** The opaque value the route callback returned. */
  readonly route: unknown;
  /** Send 180 Ringing. */
  ringing(): void;
  /** Send 200 OK with our SDP answer and resolve with the negotiated media. */
  answer(local: LocalMedia): Promise<NegotiatedMedia>;
  /** Final non-2xx answer (e.g. 486, 480, 503). */
  reject(status: number, reason?: string): void;
}

export interface PlaceCallOptions {
  /** SIP URI, or a number/extension sent to the trunk's domain. */
  readonly target: string;
  /** Our user part in From (default: trunk username or 'appliance'). */
  readonly from?: string;
  readonly displayName?: string;
  readonly media: LocalMedia;
  /** Give up (CANCEL) if not answered within this time, default 60,000 ms. */
  readonly answerTimeoutMs?: number;
  /** Abort to CANCEL before answer. */
  readonly signal?: AbortSignal;
  /**
   * Called with the resolved address when the INVITE goes to the target itself (not to the
   * trunk), before anything is sent; throwing refuses the call (the caller's outbound policy).
   */
  readonly checkDestination?: (dest: Endpoint) => void | Promise<void>;
}

/** Rejects `placeCall` with the final status (408 for timeouts, 487 when cancelled). */
export class CallFailedError extends Error {
  override readonly name = 'CallFailedError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`call failed: ${status} ${reason}`);
  }
}

export type RouteRequest = {
  readonly dialedNumber: string;
  readonly callerNumber: string | undefined;
  readonly remote: Endpoint;
};

/** The appliance's routing decision, taken before any dialog exists. */
export type RouteDecision =
  | {
      readonly action: 'accept';
      readonly route: unknown;
      /**
       * Frees what the route callback reserved for this call (a call slot). The stack calls it
       * exactly once, on every path: at once when the call is never handed to the incoming-call
       * handler (CANCEL or stack stop while the callback ran, no handler, an error), otherwise
       * when the call ends (rejected, cancelled, ACK timeout, BYE either way, stack stopped).
       */
      readonly release?: () => void;
    }
  /** e.g. 404 (no agent for this number), 480, 486, 503 (at capacity), 403. */
  /** `retryAfterS`: a Retry-After header (RFC 3261 20.33), e.g. with a 503 for load. */
  | {
      readonly action: 'reject';
      readonly status: number;
      readonly reason?: string;
      readonly retryAfterS?: number;
    };

export type RouteCallback = (req: RouteRequest) => Promise<RouteDecision> | RouteDecision;

/**
 * The narrow call-control surface the appliance depends on. This stack implements it; a
 * drachtio-srf + FreeSWITCH backend could implement it too.
 */
export interface CallControl {
  onIncomingCall(handler: (call: IncomingCall) => void | Promise<void>): void;
  placeCall(opts: PlaceCallOptions): Promise<ActiveCall>;
  stop(): Promise<void>;
}
