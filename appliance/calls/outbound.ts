/**
 * The outbound call a campaign places (appliance/campaigns): what it asks for and what came of
 * it. The campaigns layer owns the list, windows and retries; this layer only dials, screens who
 * answered (amd-screen.ts) and runs the agent on a person.
 */
import { CallFailedError } from '../../sip/index.js';

export const outboundOutcomes = ['answered', 'voicemail', 'no-answer', 'busy', 'failed'] as const;
export type OutboundOutcome = (typeof outboundOutcomes)[number];

export interface OutboundCallRequest {
  businessId: string;
  agentId: string;
  /** A number (sent to the trunk) or a SIP URI the operator's outbound policy allows. PII. */
  number: string;
  /** Said after an answering machine's beep; null: hang up on machines. */
  voicemailMessage: string | null;
  /** Screen who answered (answering-machine detection) before the agent speaks. */
  amd: boolean;
}

export interface OutboundCallResult {
  outcome: OutboundOutcome;
  callId?: string;
  /** Talk time once answered, s. */
  durationS?: number;
  reason?: string;
}

/** Ring time before giving up, ms (an answering machine usually picks up after 20-30 s). */
export const OUTBOUND_ANSWER_TIMEOUT_MS = 40_000;

/** The outcome of a call that was never answered, from the SIP final status. */
export function notConnectedOutcome(err: unknown): { outcome: OutboundOutcome; reason: string } {
  if (!(err instanceof CallFailedError))
    return { outcome: 'failed', reason: err instanceof Error ? err.message : String(err) };
  const reason = `${err.status} ${err.reason}`;
  // 486 Busy Here, 600 Busy Everywhere; 408/480/487 nobody picked up (or our timeout's CANCEL).
  if (err.status === 486 || err.status === 600) return { outcome: 'busy', reason };
  if (err.status === 408 || err.status === 480 || err.status === 487) return { outcome: 'no-answer', reason };
  return { outcome: 'failed', reason };
}
