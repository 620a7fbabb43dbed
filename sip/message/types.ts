/** One header field line. `name` is the canonical lower-case long form (compact forms expanded). */
export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

interface SipMessageBase {
  /** e.g. 'SIP/2.0'; other versions parse so that the UAS can answer 505. */
  readonly version: string;
  /** In wire order. Content-Length is not kept here: the serializer derives it from `body`. */
  readonly headers: readonly SipHeader[];
  readonly body: Buffer;
}

export interface SipRequest extends SipMessageBase {
  readonly kind: 'request';
  readonly method: string;
  /** Request-URI exactly as on the wire. */
  readonly uri: string;
}

export interface SipResponse extends SipMessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

export type TransportName = 'udp' | 'tcp' | 'tls';

/** Where a message came from / goes to. */
export interface Endpoint {
  readonly transport: TransportName;
  readonly address: string;
  readonly port: number;
  /** Set for TCP and TLS: the connection the message arrived on (responses go back on it). */
  readonly connectionId?: number;
  /** TLS: the host name the server certificate must carry (a sips:/transport=tls URI's host). */
  readonly serverName?: string;
}
