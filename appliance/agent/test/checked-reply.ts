import { checkPlan } from '../answer-check.js';
import type { CompiledAgent } from '../compile.js';
import { plan } from '../policy.js';
import { initialState, type ConversationState } from '../state.js';

/**
 * One caller turn as a conversation says it, for tests of the answer path: the policy's plan for
 * a fresh conversation (no knowledge search, no caller), then the final check (answer-check.ts).
 */
export async function checkedReply(agent: CompiledAgent, text: string): Promise<string> {
  return (await checkedTurns(agent, [text])).at(-1) ?? '';
}

/** Several caller turns of one conversation (the state carried from turn to turn); the replies. */
export async function checkedTurns(agent: CompiledAgent, texts: readonly string[]): Promise<string[]> {
  let state = initialState();
  const replies: string[] = [];
  for (const text of texts) {
    const p = checkPlan(agent, text, await planTurn(agent, text, state));
    state = p.state;
    replies.push(p.sentences.join(' '));
  }
  return replies;
}

/** The policy's plan for one caller turn (no knowledge search, no caller, a fixed clock), unchecked. */
export function planTurn(agent: CompiledAgent, text: string, state: ConversationState = initialState()) {
  return plan({
    agent,
    state,
    text,
    alternatives: [],
    classify: (s) => agent.index.classify(s),
    knowledge: undefined,
    now: new Date('2026-12-02T12:00:00Z'),
    caller: null,
  });
}
