import type { Endpoint } from '../message/types.js';

export type InboundHandler = (data: Buffer, source: Endpoint) => void;

/** Reasons a transport drops bytes without handing them up (label of sip_messages_dropped_total). */
export type TransportDropReason =
  | 'tcp-framing'
  | 'tcp-too-many-connections'
  | 'tcp-too-many-from-source'
  | 'tcp-source-not-allowed'
  | 'tcp-evicted-unconfirmed'
  | 'tcp-body-timeout'
  | 'tls-handshake-failed'
  | 'tls-pin-mismatch'
  | 'oversize-datagram'
  | 'send-failed';

export interface TransportEvents {
  onMessage: InboundHandler;
  onDrop: (reason: TransportDropReason) => void;
}
