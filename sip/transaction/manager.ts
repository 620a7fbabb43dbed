import { getHeaderValues } from '../message/headers.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import { responseDestination } from '../transport/route.js';
import { type ClientTxUser, ClientTransaction } from './client.js';
import { clientKey, serverKey } from './keys.js';
import { ServerTransaction } from './server.js';
import type { TimerConfig } from './timers.js';

export interface TransactionSender {
  sendResponse(dest: Endpoint, res: SipResponse): void;
  sendRequest(dest: Endpoint, req: SipRequest): void;
}

/** Owns the server and client transaction tables (RFC 3261 §17) and the concurrency cap. */
export class TransactionManager {
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();

  constructor(
    private readonly cfg: TimerConfig,
    private readonly sender: TransactionSender,
    private readonly maxTransactions: number,
    /** Called when an INVITE server transaction gets no ACK for its final response. */
    private readonly onAckTimeout: (tx: ServerTransaction, status: number) => void,
  ) {}

  get count(): number {
    return this.servers.size + this.clients.size;
  }

  get full(): boolean {
    return this.count >= this.maxTransactions;
  }

  /** Existing server transaction for a (retransmitted) request or a non-2xx ACK. */
  matchServer(req: SipRequest): ServerTransaction | undefined {
    return this.servers.get(serverKey(req));
  }

  /** The INVITE transaction a CANCEL refers to (same branch, RFC 3261 §9.2). */
  matchCancelTarget(cancel: SipRequest): ServerTransaction | undefined {
    return this.servers.get(serverKey(cancel, 'INVITE'));
  }

  /** Create a server transaction; for INVITE a 100 Trying goes out at once (RFC 3261 §17.2.1). */
  createServer(req: SipRequest, source: Endpoint, trying?: SipResponse): ServerTransaction {
    const key = serverKey(req);
    const dest = responseDestination(getHeaderValues(req, 'via')[0], source);
    const tx = new ServerTransaction(key, req, source, dest, this.cfg, {
      send: (d, res) => this.sender.sendResponse(d, res),
      terminated: (t) => {
        if (this.servers.get(t.key) === t) this.servers.delete(t.key);
      },
      ackTimeout: (t, status) => this.onAckTimeout(t, status),
    });
    this.servers.set(key, tx);
    if (trying) tx.respond(trying);
    return tx;
  }

  /** Start a client transaction for `req` (its top Via must carry a fresh branch). */
  request(req: SipRequest, dest: Endpoint, user: ClientTxUser): ClientTransaction {
    const tx = new ClientTransaction(
      clientKey(req),
      req,
      dest,
      this.cfg,
      {
        send: (d, r) => this.sender.sendRequest(d, r),
        terminated: (t) => {
          if (this.clients.get(t.key) === t) this.clients.delete(t.key);
        },
      },
      user,
    );
    this.clients.set(tx.key, tx);
    tx.start();
    return tx;
  }

  /** Route a response to its client transaction; false when none matches (stray response). */
  receiveResponse(res: SipResponse): boolean {
    const tx = this.clients.get(clientKey(res));
    if (!tx) return false;
    tx.receive(res);
    return true;
  }

  stop(): void {
    for (const tx of [...this.servers.values()]) tx.terminate();
    for (const tx of [...this.clients.values()]) tx.terminate();
  }
}
