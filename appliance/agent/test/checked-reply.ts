import { createAgentBody, type AgentView } from '../../agents/schema.js';
import { chunkBlocks, extract } from '../../knowledge/index.js';
import { checkPlan } from '../answer-check.js';
import { compileAgent, type CompiledAgent } from '../compile.js';
import { sharedWordnet } from '../lexicon/wordnet.js';
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

/**
 * An agent compiled from one uploaded document, read through the real extraction and chunking
 * as an upload is, with a name and nothing in the facts form (the unseen-trade tests).
 */
export async function agentFromDocument(
  kind: 'html' | 'txt' | 'md' | 'pdf' | 'docx',
  document: string | Buffer,
  name: string,
): Promise<CompiledAgent> {
  const { blocks } = await extract(kind, typeof document === 'string' ? Buffer.from(document) : document);
  const chunks = chunkBlocks(blocks).map((c: { text: string }) => ({
    documentId: 'p1',
    title: name,
    text: c.text,
  }));
  const config = createAgentBody.parse({ name, facts: {} });
  const view: AgentView = { ...config, id: 'a1', status: 'ready', createdAt: '', updatedAt: '', version: 1 };
  return compileAgent(
    view,
    { id: 'b1', name, timeZone: 'UTC' },
    { temperature: 0.1, chunks, lexicon: sharedWordnet('/usr/share/wordnet') },
  );
}

/**
 * `ask` for a test over one uploaded document: the agent is compiled (agentFromDocument) on the
 * first question and kept; each question is one fresh conversation's checked reply.
 */
export function documentAsker(
  kind: 'html' | 'txt' | 'md' | 'pdf' | 'docx',
  document: string | Buffer,
  name: string,
): (text: string) => Promise<string> {
  let agent: Promise<CompiledAgent> | undefined;
  return async (text) => checkedReply(await (agent ??= agentFromDocument(kind, document, name)), text);
}
