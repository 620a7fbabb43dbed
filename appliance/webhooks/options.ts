import type { AppConfig } from '../config/index.js';
import { OUTBOX_CLAIM_BATCH, type DispatcherOptions } from './outbox.js';

/**
 * Outbox timings from the validated configuration (`config.outbox`; environment variables
 * APPLIANCE_OUTBOX_POLL_MS, _TIMEOUT_MS, _MAX_ATTEMPTS, _BACKOFF_BASE_MS, _BACKOFF_MAX_MS bind
 * to it in config/load.ts). The claim batch size is not configurable.
 */
export function dispatcherOptionsFromConfig(outbox: AppConfig['outbox']): DispatcherOptions {
  return {
    pollMs: outbox.pollMs,
    batch: OUTBOX_CLAIM_BATCH,
    timeoutMs: outbox.timeoutMs,
    maxAttempts: outbox.maxAttempts,
    backoffBaseMs: outbox.backoffBaseMs,
    backoffMaxMs: outbox.backoffMaxMs,
  };
}
