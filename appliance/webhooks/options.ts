import { defaultDispatcherOptions, type DispatcherOptions } from './outbox.js';

const num = (name: string, fallback: number, min: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
};

/**
 * Outbox timings, overridable by environment (tests run with millisecond backoffs):
 * APPLIANCE_OUTBOX_POLL_MS (1000), APPLIANCE_OUTBOX_TIMEOUT_MS (10000),
 * APPLIANCE_OUTBOX_MAX_ATTEMPTS (8), APPLIANCE_OUTBOX_BACKOFF_BASE_MS (10000),
 * APPLIANCE_OUTBOX_BACKOFF_MAX_MS (3600000). Invalid values fall back to the default.
 */
export function dispatcherOptionsFromEnv(): DispatcherOptions {
  const d = defaultDispatcherOptions;
  return {
    pollMs: num('APPLIANCE_OUTBOX_POLL_MS', d.pollMs, 10),
    batch: d.batch,
    timeoutMs: num('APPLIANCE_OUTBOX_TIMEOUT_MS', d.timeoutMs, 50),
    maxAttempts: num('APPLIANCE_OUTBOX_MAX_ATTEMPTS', d.maxAttempts, 1),
    backoffBaseMs: num('APPLIANCE_OUTBOX_BACKOFF_BASE_MS', d.backoffBaseMs, 1),
    backoffMaxMs: num('APPLIANCE_OUTBOX_BACKOFF_MAX_MS', d.backoffMaxMs, 1),
  };
}
