import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RouteCallback } from './call-control.js';
import type { TransportName } from './message/types.js';
import type { CodecName } from './sdp/offer-answer.js';
import type { SrtpPolicy } from './sdp/sdes.js';
import type { TlsSettings } from './transport/tcp.js';
import type { InboundCredentials, SecurityMode } from './security.js';
import type { TimerConfig } from './transaction/timers.js';
import type { RegistrationState } from './uac/register.js';

export interface TrunkOptions {
  /** Registrar / PBX URI, e.g. 'sip:192.0.2.10:5060' or 'sip:pbx.example.com'. */
  readonly registrarUri: string;
  readonly username: string;
  readonly password: string;
  /** Outbound proxy 'host[:port]' (default: the registrar URI's host). */
  readonly proxy?: string;
  /** Requested registration lifetime, default 300 s. */
  readonly expiresS?: number;
  /** Transport towards the trunk, default 'udp'. */
  readonly transport?: TransportName;
  /** Register at start (default true). */
  readonly register?: boolean;
  /** AoR/target domain, default the registrar host. */
  readonly domain?: string;
}

export interface SipLimits {
  /** Max SIP message size, default 65,536 bytes (UDP datagram and TCP message). */
  readonly maxMessageBytes: number;
  /** Max header lines, default 256. */
  readonly maxHeaders: number;
  /**
   * Max simultaneous TCP connections, default 1,024. At the limit the oldest inbound connection
   * that has not sent a valid request yet is closed to make room.
   */
  readonly maxTcpConnections: number;
  /** Max inbound TCP connections from one source address, default 32 (a PBX needs a few). */
  readonly maxTcpConnectionsPerSource: number;
  /** Idle TCP connections are closed after this, default 300,000 ms. */
  readonly tcpIdleTimeoutMs: number;
  /** Inbound TCP connections that have not sent a valid request are closed after this idle time, default 10,000 ms. */
  readonly tcpUnconfirmedIdleTimeoutMs: number;
  /** A partial TCP message must complete within this, default 10,000 ms. */
  readonly tcpIncompleteMessageTimeoutMs: number;
  /**
   * Above this many live transactions new requests get a stateless 503, default 50,000. Finished
   * non-INVITE transactions linger 64*T1 = 32 s over UDP (RFC 3261 timer J), so sustained load of
   * R calls/s holds about 32*R BYE transactions.
   */
  readonly maxTransactions: number;
}

/**
 * Whether this box takes new calls now. OPTIONS is answered 200 while accepting and 503 with
 * Retry-After otherwise, so a front door that probes with OPTIONS (Kamailio's dispatcher) takes the
 * box out of its set while it drains or is full, and back once it answers 200 again.
 */
export type Availability =
  | { readonly accepting: true }
  | {
      readonly accepting: false;
      /** Retry-After of the 503, s. */
      readonly retryAfterS: number;
      /** Reason phrase of the 503, e.g. 'Draining'. */
      readonly reason: string;
    };

export interface SipStackOptions {
  /** Local address to bind, default '0.0.0.0'. */
  readonly bindAddress?: string;
  /** UDP and TCP port, default 5060; 0 picks a free port (see `stack.port`). */
  readonly port?: number;
  readonly transports?: readonly TransportName[];
  /** SIP over TLS (RFC 3261 §26) on its own port, default 5061 (0: any free port; see `stack.tlsPort`). */
  readonly tls?: TlsSettings & { readonly port?: number };
  /** Host written in Via/Contact; default the bind address, or the first non-internal IPv4 when bound to any. */
  readonly publicAddress?: string;
  /**
   * Source IPs/CIDRs of the PBX allowed to send requests. Empty (the default) together with no
   * `inboundCredentials` means OPEN: every source is accepted (development only; logged as a warning).
   * Without `inboundCredentials`, TCP connections from other sources are closed as they are accepted.
   */
  readonly allowFrom?: readonly string[];
  /** When set, sources outside `allowFrom` must pass a 401 digest challenge. */
  readonly inboundCredentials?: InboundCredentials;
  /** How to close an OPEN trunk, in the embedding application's terms (ends the start-up warning). */
  readonly openSecurityHint?: string;
  readonly trunk?: TrunkOptions;
  /** Codecs we accept, in preference order; default PCMU, PCMA, G722. */
  readonly codecs?: readonly CodecName[];
  /**
   * SRTP (SDES, AES_CM_128_HMAC_SHA1_80) for the trunk: `require` (RTP/SAVP only, offers without it
   * get 488), `allow` (default: SRTP when the peer offers it) or `off` (RTP/SAVP offers get 488).
   */
  readonly srtp?: SrtpPolicy;
  /** Answer with the offerer's first supported codec instead of ours (default false). */
  readonly preferOfferOrder?: boolean;
  /** Routing decision per incoming INVITE (default: accept everything). */
  readonly route?: RouteCallback;
  /** Asked for every out-of-dialog OPTIONS (default: always accepting). New INVITEs are the route callback's. */
  readonly availability?: () => Availability;
  readonly logger?: Logger;
  readonly registry?: Registry;
  readonly userAgent?: string;
  readonly limits?: Partial<SipLimits>;
  /** RFC 3261 timer bases (tests shrink them). */
  readonly timers?: Partial<TimerConfig>;
  /** REFER: wait this long for the final NOTIFY, default 30,000 ms. */
  readonly transferTimeoutMs?: number;
}

export interface SipStackStats {
  readonly messagesReceived: number;
  readonly messagesDropped: Readonly<Record<string, number>>;
  readonly activeDialogs: number;
  readonly transactions: number;
  readonly tcpConnections: number;
  readonly tlsConnections: number;
  readonly registration: RegistrationState;
  readonly securityMode: SecurityMode;
}

export const DEFAULT_LIMITS: SipLimits = {
  maxMessageBytes: 65536,
  maxHeaders: 256,
  maxTcpConnections: 1024,
  maxTcpConnectionsPerSource: 32,
  tcpIdleTimeoutMs: 300_000,
  tcpUnconfirmedIdleTimeoutMs: 10_000,
  tcpIncompleteMessageTimeoutMs: 10_000,
  maxTransactions: 50_000,
};
