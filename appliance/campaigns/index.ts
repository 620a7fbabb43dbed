/**
 * Outbound campaigns (appliance/campaigns): a number list (JSON or CSV), an agent, calling
 * windows in the business's time zone, concurrency, retries with backoff, a do-not-call list,
 * the plan's limits, pause/resume/cancel, per-number results and a report, webhook events.
 *
 *   const campaigns = createCampaignsModule(base, { dialer: () => calls.campaignDialer, webhooks });
 *
 * The calls layer implements `CampaignDialer` (one call with answering-machine detection).
 */
export {
  createCampaignsModule,
  defaultCampaignIntervalMs,
  type CampaignsModule,
  type CampaignsModuleDeps,
} from './module.js';
export { CampaignScheduler, type SchedulerOptions } from './scheduler.js';
export { afterAttempt, nextState, retryDelayS } from './state-machine.js';
export { planRefuses } from './store.js';
export { normalizeNumber, parseNumberCsv, maxNumbersPerList } from './csv.js';
export { isWindowOpen, isValidTimeZone, localTime } from './window.js';
export { campaignReport, type CampaignReport } from './report.js';
export {
  campaignCallOutcomes,
  campaignStates,
  numberStates,
  pauseReasons,
  weekdays,
  type CallingWindow,
  type CampaignAction,
  type CampaignCallOutcome,
  type CampaignCallResult,
  type CampaignDialRequest,
  type CampaignDialer,
  type CampaignEventType,
  type CampaignNumberView,
  type CampaignState,
  type CampaignView,
  type NumberState,
  type PauseReason,
  type Weekday,
} from './types.js';
