import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import { type TimerConfig, TimerSet } from './timers.js';

export type ServerTxState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export interface ServerTxHooks {
  send(dest: Endpoint, res: SipResponse): void;
  /** Removes the transaction from the manager's table. */
  terminated(tx: ServerTransaction): void;
  /** INVITE only: no ACK arrived for a final response within 64*T1 (timer H / 2xx give-up). */
  ackTimeout?(tx: ServerTransaction, status: number): void;
}

/**
 * RFC 3261 §17.2 server transaction (INVITE and non-INVITE), with the RFC 6026 "accepted"
 * state for INVITE 2xx: the 2xx is retransmitted over UDP (T1 doubling to T2) until the
 * dialog's ACK arrives (`ackReceived()`), or gives up after 64*T1.
 */
export class ServerTransaction {
  state: ServerTxState;
  private lastResponse: SipResponse | undefined;
  private readonly timers = new TimerSet();
  private readonly reliable: boolean;
  /** Set by the core: called when a CANCEL matches this INVITE transaction. */
  onCancel: (() => void) | undefined;
  /** Set by the core: the final response to this INVITE was never ACKed. */
  onAckTimeout: ((status: number) => void) | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly source: Endpoint,
    readonly responseDest: Endpoint,
    private readonly cfg: TimerConfig,
    private readonly hooks: ServerTxHooks,
  ) {
    this.reliable = source.transport !== 'udp';
    this.state = request.method === 'INVITE' ? 'proceeding' : 'trying';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  get finalStatus(): number | undefined {
    return this.lastResponse && this.lastResponse.status >= 200 ? this.lastResponse.status : undefined;
  }

  /** Send a response (provisional or final) through this transaction. Ignored once final. */
  respond(res: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.lastResponse = res;
    this.hooks.send(this.responseDest, res);
    if (res.status < 200) {
      this.state = 'proceeding';
      return;
    }
    const t1 = this.cfg.t1Ms;
    if (!this.isInvite) {
      this.state = 'completed';
      this.timers.set('J', this.reliable ? 0 : 64 * t1, () => this.terminate());
      return;
    }
    this.state = res.status < 300 ? 'accepted' : 'completed';
    if (!this.reliable) this.scheduleRetransmit(t1);
    this.timers.set('H', 64 * t1, () => {
      const status = res.status;
      this.terminate();
      this.hooks.ackTimeout?.(this, status);
    });
  }

  private scheduleRetransmit(intervalMs: number): void {
    this.timers.set('G', intervalMs, () => {
      if ((this.state === 'completed' || this.state === 'accepted') && this.lastResponse) {
        this.hooks.send(this.responseDest, this.lastResponse);
        this.scheduleRetransmit(Math.min(2 * intervalMs, this.cfg.t2Ms));
      }
    });
  }

  /** A retransmission of the request arrived: resend the last response (RFC 3261 §17.2.1/17.2.2). */
  retransmission(): void {
    if (this.lastResponse && this.state !== 'confirmed' && this.state !== 'terminated')
      this.hooks.send(this.responseDest, this.lastResponse);
  }

  /** ACK matching this transaction (non-2xx: same branch) or the dialog ACK for a 2xx. */
  ackReceived(): void {
    if (this.state === 'completed') {
      this.state = 'confirmed';
      this.timers.clear('G');
      this.timers.clear('H');
      this.timers.set('I', this.reliable ? 0 : this.cfg.t4Ms, () => this.terminate());
    } else if (this.state === 'accepted') {
      this.timers.clear('G');
      this.timers.clear('H');
      // The ACK proves the UAC has our 2xx and stops retransmitting the INVITE: linger only T4
      // (UDP) for copies already in flight instead of RFC 6026's 64*T1, which at hundreds of
      // calls per second would keep tens of thousands of finished transactions alive.
      this.state = 'confirmed';
      this.timers.set('L', this.reliable ? 0 : this.cfg.t4Ms, () => this.terminate());
    }
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clearAll();
    this.hooks.terminated(this);
  }
}
