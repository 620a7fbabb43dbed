/**
 * Outbound campaigns (issue #20): the words shared by the store, the scheduler and the routes,
 * and the port through which a campaign places its calls (`CampaignDialer`, implemented by the
 * calls layer: SIP INVITE with answering-machine detection).
 */

/** What one placed call came to. `answered` and `voicemail` end a number; the rest are retried. */
export const campaignCallOutcomes = ['answered', 'voicemail', 'no-answer', 'busy', 'failed'] as const;
export type CampaignCallOutcome = (typeof campaignCallOutcomes)[number];

export interface CampaignCallResult {
  outcome: CampaignCallOutcome;
  /** The call row's id (calls table), when the call got that far. */
  callId?: string;
  /** Talk time, s (answered or voicemail left); counted in the report's minutes. */
  durationS?: number;
  /** Why it failed, for the per-number results (SIP reason phrase, AMD verdict...). */
  reason?: string;
}

export interface CampaignDialRequest {
  campaignId: string;
  businessId: string;
  agentId: string;
  /** Normalised: `+` and digits (E.164) or plain digits (PBX extension/national form). */
  number: string;
  /** Text the agent leaves after the beep when a machine answers; null: hang up on machines. */
  voicemailMessage: string | null;
  /** Answering-machine detection on (default true). */
  amd: boolean;
}

/**
 * Places one call and resolves when it has ended. Rejects with AppError code 'unavailable' when
 * the box has no free slot (the scheduler retries later without counting an attempt), and with
 * 'plan_limit_reached' when the business's plan refuses the call (the campaign pauses itself,
 * reason `plan-limit`, and the attempt is not counted). Any other rejection counts as `failed`.
 */
export interface CampaignDialer {
  dial(req: CampaignDialRequest): Promise<CampaignCallResult>;
}

/**
 * draft -> running <-> paused -> completed | cancelled (scheduler.ts holds the transitions).
 * `completed` is reached only by the scheduler, once no number is left to dial.
 */
export const campaignStates = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

/** What a user (or the scheduler) asks of a campaign; illegal ones are 409 conflicts. */
export const campaignActions = ['start', 'pause', 'resume', 'cancel', 'complete'] as const;
export type CampaignAction = (typeof campaignActions)[number];

/** Why a campaign is paused: by a user, or by itself when the plan (or no subscription) refused more calls. */
export const pauseReasons = ['user', 'plan-limit'] as const;
export type PauseReason = (typeof pauseReasons)[number];

/**
 * A number's life: pending -> dialing -> done (with its outcome) | retry (nextAttemptAt) ->
 * dialing ...; `dnc-skipped` at upload or at dial time; `cancelled` when its campaign is.
 */
export const numberStates = ['pending', 'dialing', 'retry', 'done', 'dnc-skipped', 'cancelled'] as const;
export type NumberState = (typeof numberStates)[number];

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * Calls may start on `days` between `from` and `to` (HH:MM, local time of the campaign's time
 * zone; `to` exclusive, may be 24:00). A window with `to` before `from` runs past midnight into
 * the next day (e.g. fri 22:00-02:00 covers Saturday 00:00-02:00).
 */
export interface CallingWindow {
  days: Weekday[];
  from: string;
  to: string;
}

export interface CampaignView {
  id: string;
  name: string;
  agentId: string;
  status: CampaignState;
  /** Set while paused. */
  pauseReason: PauseReason | null;
  timeZone: string;
  windows: CallingWindow[];
  concurrency: number;
  maxAttempts: number;
  retryBackoffS: number;
  voicemailMessage: string | null;
  amd: boolean;
  /** Numbers in the list (all states). */
  numbers: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface CampaignNumberView {
  id: string;
  number: string;
  name: string | null;
  /** The line of the uploaded CSV (1-based) or the index in a JSON list (1-based). */
  line: number;
  status: NumberState;
  attempts: number;
  /** The last attempt's outcome (the final one once `done`). */
  outcome: CampaignCallOutcome | null;
  lastCallId: string | null;
  lastReason: string | null;
  nextAttemptAt: string | null;
  /** Talk time over all attempts, s. */
  durationS: number;
  updatedAt: string;
}

/** A number to add, already normalised (csv.ts). */
export interface NumberEntry {
  number: string;
  name: string | null;
  line: number;
}

/** Webhook events of campaigns (webhooks/events.ts lists them for subscriptions). */
export type CampaignEventType =
  'campaign.started' | 'campaign.paused' | 'campaign.completed' | 'campaign.number.completed';
