import { conflict } from '../errors.js';
import type { CampaignAction, CampaignCallOutcome, CampaignState } from './types.js';

/**
 * The campaign state machine: what each action leads to from each state. Anything absent is a
 * 409. `complete` is the scheduler's own, once no number is left to dial.
 */
const transitions: Record<CampaignState, Partial<Record<CampaignAction, CampaignState>>> = {
  draft: { start: 'running', cancel: 'cancelled' },
  running: { pause: 'paused', cancel: 'cancelled', complete: 'completed' },
  paused: { resume: 'running', cancel: 'cancelled' },
  completed: {},
  cancelled: {},
};

/** The state `action` leads to from `from`, or a 409 naming both. */
export function nextState(from: CampaignState, action: CampaignAction): CampaignState {
  const to = transitions[from][action];
  if (!to) throw conflict(`a ${from} campaign cannot ${action}`, { status: from, action });
  return to;
}

/** `answered` and `voicemail` end a number; the others are retried up to maxAttempts. */
export const finalOutcomes: readonly CampaignCallOutcome[] = ['answered', 'voicemail'];

/** Delay before attempt n+1 after n failed attempts, s: backoff doubled per attempt (600, 1200, ...). */
export const retryDelayS = (backoffS: number, attempts: number): number =>
  backoffS * 2 ** Math.max(0, attempts - 1);

/**
 * A number after an attempt (the number's state machine): `done` once the outcome is final or
 * the attempts are used up; else `retry` after the backoff, or `cancelled` when its campaign
 * was cancelled meanwhile.
 */
export function afterAttempt(o: {
  outcome: CampaignCallOutcome;
  attempts: number;
  maxAttempts: number;
  backoffS: number;
  campaign: CampaignState | undefined;
  at: Date;
}): { status: 'done' | 'retry' | 'cancelled'; nextAttemptAt: string | null } {
  if (finalOutcomes.includes(o.outcome) || o.attempts >= o.maxAttempts)
    return { status: 'done', nextAttemptAt: null };
  if (o.campaign === 'cancelled') return { status: 'cancelled', nextAttemptAt: null };
  const next = new Date(o.at.getTime() + retryDelayS(o.backoffS, o.attempts) * 1000);
  return { status: 'retry', nextAttemptAt: next.toISOString() };
}
