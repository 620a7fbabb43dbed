import { checkPlan } from '../answer-check.js';
import type { CompiledAgent } from '../compile.js';
import { plan } from '../policy.js';
import { initialState } from '../state.js';

/**
 * One caller turn as a conversation says it, for tests of the answer path: the policy's plan for
 * a fresh conversation (no knowledge search, no caller), then the final check (answer-check.ts).
 */
export async function checkedReply(agent: CompiledAgent, text: string): Promise<string> {
  const p = await plan({
    agent,
    state: initialState(),
    text,
    alternatives: [],
    classify: (s) => agent.index.classify(s),
    knowledge: undefined,
    now: new Date('2026-12-02T12:00:00Z'),
    caller: null,
  });
  return checkPlan(agent, text, p).sentences.join(' ');
}
