import type { ApplianceModule, ModuleDeps } from '../module.js';
import { campaignRoutes } from './routes.js';
import { CampaignScheduler } from './scheduler.js';
import type { CampaignDialer } from './types.js';

/** How often running campaigns are looked at, ms: due retries start within this of their time. */
export const defaultCampaignIntervalMs = 5_000;

export interface CampaignsModuleDeps {
  /** The calls layer's dialer once it can place calls (undefined: campaigns wait, nothing is dialed). */
  dialer: () => CampaignDialer | undefined;
  /** The webhooks module (or anything with a dispatcher to kick): events go out at once. */
  webhooks?: { dispatcher: { kick(): void } };
  /** Scheduler period, ms (default 5000); tests drive `scheduler.tick()` themselves. */
  intervalMs?: number;
}

export interface CampaignsModule extends ApplianceModule {
  readonly name: 'campaigns';
  readonly scheduler: CampaignScheduler;
}

/**
 * Outbound campaigns: number lists, calling windows, retries, do-not-call list, reports and
 * webhook events. The calls themselves are the dialer's (`CampaignDialer`, calls layer).
 */
export function createCampaignsModule(base: ModuleDeps, deps: CampaignsModuleDeps): CampaignsModule {
  const { app } = base;
  const scheduler = new CampaignScheduler({
    db: app.db.kysely,
    log: app.log.child({ module: 'campaigns' }),
    now: app.now,
    nodeId: app.nodeId,
    dialer: deps.dialer,
    ...(deps.webhooks ? { kick: () => deps.webhooks?.dispatcher.kick() } : {}),
    intervalMs: deps.intervalMs ?? defaultCampaignIntervalMs,
  });
  return {
    name: 'campaigns',
    scheduler,
    routes: () => campaignRoutes({ app, scheduler }),
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    status: () => ({ callsInFlight: scheduler.inFlight, dialer: deps.dialer() !== undefined }),
  };
}
