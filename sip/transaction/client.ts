import { getHeader, getHeaderValues, header } from '../message/headers.js';
import type { Endpoint, SipHeader, SipRequest, SipResponse } from '../message/types.js';
import { cseqOf } from './keys.js';
import { type TimerConfig, TimerSet } from './timers.js';

export type ClientTxState = 'calling' | 'trying' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

export interface ClientTxUser {
  /** Every response that the TU must see (1xx, the first final, and 2xx retransmissions for INVITE). */
  onResponse(res: SipResponse, tx: ClientTransaction): void;
  /** Timer B/F fired, or the transport failed: the TU treats it as a 408. */
  onTimeout(tx: ClientTransaction): void;
}

export interface ClientTxHooks {
  send(dest: Endpoint, req: SipRequest): void;
  terminated(tx: ClientTransaction): void;
}

/** RFC 3261 §17.1 client transaction, INVITE (timers A/B/D, ACK for non-2xx) and non-INVITE (E/F/K). */
export class ClientTransaction {
  state: ClientTxState;
  private readonly timers = new TimerSet();
  private readonly reliable: boolean;
  private ack: SipRequest | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly dest: Endpoint,
    private readonly cfg: TimerConfig,
    private readonly hooks: ClientTxHooks,
    private readonly user: ClientTxUser,
  ) {
    this.reliable = dest.transport !== 'udp';
    this.state = request.method === 'INVITE' ? 'calling' : 'trying';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  start(): void {
    this.hooks.send(this.dest, this.request);
    const t1 = this.cfg.t1Ms;
    if (!this.reliable) this.retransmitAfter(t1);
    this.timers.set('B', 64 * t1, () => {
      if (this.state === 'calling' || this.state === 'trying' || this.state === 'proceeding') {
        this.terminate();
        this.user.onTimeout(this);
      }
    });
  }

  private retransmitAfter(ms: number): void {
    this.timers.set('A', ms, () => {
      const s = this.state;
      if (s === 'calling' || s === 'trying' || (s === 'proceeding' && !this.isInvite)) {
        this.hooks.send(this.dest, this.request);
        const next = this.isInvite
          ? 2 * ms
          : s === 'proceeding'
            ? this.cfg.t2Ms
            : Math.min(2 * ms, this.cfg.t2Ms);
        this.retransmitAfter(next);
      }
    });
  }

  receive(res: SipResponse): void {
    const s = this.state;
    if (s === 'terminated') return;
    if (res.status < 200) {
      if (s === 'calling' || s === 'trying' || s === 'proceeding') {
        if (this.isInvite) this.timers.clear('A');
        this.state = 'proceeding';
        this.user.onResponse(res, this);
      }
      return;
    }
    if (this.isInvite && res.status < 300) {
      // RFC 6026: stay "accepted" for 64*T1, passing 2xx retransmissions up so the TU re-ACKs.
      if (s !== 'accepted') {
        this.state = 'accepted';
        this.timers.clear('A');
        this.timers.clear('B');
        this.timers.set('M', 64 * this.cfg.t1Ms, () => this.terminate());
      }
      this.user.onResponse(res, this);
      return;
    }
    if (s === 'completed' || s === 'accepted') {
      if (this.ack) this.hooks.send(this.dest, this.ack);
      return;
    }
    this.state = 'completed';
    this.timers.clear('A');
    this.timers.clear('B');
    if (this.isInvite) {
      this.ack = buildNon2xxAck(this.request, res);
      this.hooks.send(this.dest, this.ack);
      this.timers.set('D', this.reliable ? 0 : 32000, () => this.terminate());
    } else this.timers.set('K', this.reliable ? 0 : this.cfg.t4Ms, () => this.terminate());
    this.user.onResponse(res, this);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.clearAll();
    this.hooks.terminated(this);
  }
}

/** RFC 3261 §17.1.1.3: ACK for a non-2xx final, same branch, To from the response. */
export function buildNon2xxAck(invite: SipRequest, res: SipResponse): SipRequest {
  const headers: SipHeader[] = [];
  const topVia = getHeaderValues(invite, 'via')[0];
  if (topVia) headers.push(header('via', topVia));
  headers.push(header('max-forwards', '70'));
  for (const name of ['from', 'call-id'] as const) {
    const v = getHeader(invite, name);
    if (v) headers.push(header(name, v));
  }
  headers.push(header('to', getHeader(res, 'to') ?? ''));
  headers.push(header('cseq', `${cseqOf(invite).seq} ACK`));
  for (const h of invite.headers) if (h.name === 'route') headers.push(h);
  return {
    kind: 'request',
    method: 'ACK',
    uri: invite.uri,
    version: 'SIP/2.0',
    headers,
    body: Buffer.alloc(0),
  };
}
