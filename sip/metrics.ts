import { Counter, Gauge, type Registry } from 'prom-client';

/** Prometheus metrics of the SIP layer; all no-ops when no registry is given. */
export class SipMetrics {
  readonly received: Counter<'type'> | undefined;
  readonly dropped: Counter<'reason'> | undefined;
  readonly responsesSent: Counter<'class'> | undefined;
  readonly callsActive: Gauge | undefined;
  readonly transactions: Gauge | undefined;
  readonly registered: Gauge | undefined;

  constructor(
    registry: Registry | undefined,
    gauges: { calls: () => number; transactions: () => number; registered: () => number },
  ) {
    if (!registry) return;
    const registers = [registry];
    this.received = new Counter({
      name: 'sip_messages_received_total',
      help: 'SIP messages received',
      labelNames: ['type'],
      registers,
    });
    this.dropped = new Counter({
      name: 'sip_messages_dropped_total',
      help: 'SIP messages dropped without processing, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.responsesSent = new Counter({
      name: 'sip_responses_sent_total',
      help: 'SIP responses sent',
      labelNames: ['class'],
      registers,
    });
    this.callsActive = new Gauge({
      name: 'sip_calls_active',
      help: 'Calls with a dialog',
      registers,
      collect() {
        this.set(gauges.calls());
      },
    });
    this.transactions = new Gauge({
      name: 'sip_transactions_active',
      help: 'Live SIP transactions',
      registers,
      collect() {
        this.set(gauges.transactions());
      },
    });
    this.registered = new Gauge({
      name: 'sip_registered',
      help: '1 when registered to the trunk',
      registers,
      collect() {
        this.set(gauges.registered());
      },
    });
  }
}
