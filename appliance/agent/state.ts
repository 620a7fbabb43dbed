import type { TakenMessage } from './types.js';
import type { Weekday } from './text.js';

/**
 * Per-conversation dialogue state, persisted as conversations.state (JSON) after every turn so
 * a conversation resumes after a restart or on another request of the text channel.
 */
export interface ConversationState {
  v: 1;
  lastIntent?: string;
  /** Content words of the last question answered from FAQ/knowledge ("margherita pizza"). */
  lastTopic?: string;
  lastDay?: Weekday;
  /** The last reply, sentence by sentence, for "repeat". */
  lastReply?: string[];
  pending?:
    | { kind: 'message'; step: 'name' | 'number' | 'text'; message: TakenMessage }
    | { kind: 'offer'; offer: 'message' | 'transfer' }
    /** The agent asked which of these items the caller means (and offered a message). */
    | { kind: 'choose'; options: string[] };
  /** The agent just asked "anything else?": a "no" ends the call. */
  askedAnythingElse?: boolean;
  /** Turns not understood in a row; the second one offers a human. */
  misunderstood: number;
  callerTurns: number;
  dtmfBuffer?: string;
  ended?: boolean;
}

export const initialState = (): ConversationState => ({ v: 1, misunderstood: 0, callerTurns: 0 });

/** Accepts only what this code wrote; anything else starts fresh rather than failing the call. */
export function parseState(raw: unknown): ConversationState {
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) return initialState();
  const s = raw as Partial<ConversationState>;
  return {
    ...initialState(),
    ...s,
    misunderstood: typeof s.misunderstood === 'number' ? s.misunderstood : 0,
    callerTurns: typeof s.callerTurns === 'number' ? s.callerTurns : 0,
    v: 1,
  };
}
