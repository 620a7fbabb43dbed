import type { Logger } from 'pino';
import type { Dialog } from './dialog/dialog.js';
import type { Endpoint, SipRequest, SipResponse, TransportName } from './message/types.js';
import type { CodecName } from './sdp/offer-answer.js';
import type { SrtpPolicy } from './sdp/sdes.js';
import type { ClientTxUser } from './transaction/client.js';
import type { TransactionManager } from './transaction/manager.js';
import type { ServerTransaction } from './transaction/server.js';

/** What call objects need from the stack (kept narrow so calls stay testable and small). */
export interface StackCore {
  readonly tx: TransactionManager;
  readonly logger: Logger | undefined;
  readonly codecs: readonly CodecName[];
  readonly preferOurCodecOrder: boolean;
  /** The trunk's SRTP policy (SDES): require, allow or off. */
  readonly srtpPolicy: SrtpPolicy;
  readonly userAgent: string;
  readonly allowHeader: string;
  /** Give up on a REFER whose final NOTIFY never comes, default 30,000 ms. */
  readonly transferTimeoutMs: number;
  /** Fresh top Via for a request towards `dest`. */
  via(transport: TransportName): string;
  /** Our Contact header value for this transport. */
  contact(transport: TransportName, user?: string): string;
  /** Send outside any transaction (ACK for 2xx, stateless responses). */
  sendRaw(dest: Endpoint, msg: SipRequest | SipResponse): void;
  /** Start a client transaction. */
  request(req: SipRequest, dest: Endpoint, user: ClientTxUser): void;
  registerDialog(dialog: Dialog, owner: DialogOwner): void;
  unregisterDialog(dialog: Dialog): void;
  /** True once stop() began: late async work must not answer anymore. */
  readonly stopped: boolean;
  /** Our host as written in Via/Contact/SDP-free headers. */
  readonly publicHost: string;
  /** Domain for bare transfer targets ('2000' -> sip:2000@domain); undefined: the dialog peer's address. */
  readonly trunkDomain: string | undefined;
}

/** A call object that handles requests inside its dialog. */
export interface DialogOwner {
  handleInDialog(req: SipRequest, tx: ServerTransaction): void;
  handleAck(req: SipRequest): void;
  /** End the call with BYE / CANCEL / 480 as its state requires; never rejects. */
  hangup(): Promise<void>;
  /** The stack is stopping: end without signalling. */
  abort(): void;
}
