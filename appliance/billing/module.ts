import { Counter } from 'prom-client';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { ApiUsageMeter } from './api-meter.js';
import { dueBusinesses } from './lifecycle.js';
import { billingRoutes } from './routes.js';
import { BillingService } from './service.js';

export interface BillingModule extends ApplianceModule {
  readonly name: 'billing';
  readonly service: BillingService;
  /** Charges one authenticated API request to the business (batched; see ApiUsageMeter). */
  countApiRequest(businessId: string): void;
  /** Rolls over ended periods now (what the periodic tick does). */
  tick(): Promise<void>;
  /** Writes the batched API request counts now. */
  flushUsage(): Promise<void>;
}

/**
 * Plans, usage metering and statements. Background work: a roll-over tick every
 * `config.billing.tickMs` (periods also roll over lazily on access) and the API request meter
 * flush every `config.billing.usageFlushMs`.
 */
export function createBillingModule({ app }: ModuleDeps): BillingModule {
  const service = new BillingService(app);
  const log = app.log.child({ module: 'billing' });
  const { tickMs, usageFlushMs } = app.config.billing;
  const meter = new ApiUsageMeter(app.db.kysely, usageFlushMs, log);
  const rolled = new Counter({
    name: 'appliance_billing_period_rollovers_total',
    help: 'Businesses whose ended subscription period the periodic tick rolled over',
    registers: [app.registry],
  });
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  const tick = (): Promise<void> =>
    (ticking ??= (async () => {
      try {
        const due = await dueBusinesses(app.db.kysely, app.now());
        await service.rollOverDue(due);
        rolled.inc(due.length);
      } catch (err) {
        log.error({ err }, 'billing roll-over tick failed');
      } finally {
        ticking = undefined;
      }
    })());
  return {
    name: 'billing',
    service,
    countApiRequest: (businessId) => meter.count(businessId),
    tick,
    flushUsage: () => meter.flush(),
    routes: () => billingRoutes(app, service),
    start: async () => {
      meter.start();
      void tick();
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      await ticking;
      await meter.stop();
    },
  };
}
