import type { Classification } from './classifier.js';
import type { CompiledAgent } from './compile.js';
import type { ConversationState } from './state.js';
import type { KnowledgePassage, KnowledgeSearch, ReplyAction, TakenMessage } from './types.js';

/** What the dialogue policy decides for one caller turn, and what it decides from. */
export interface PlannedAction {
  action: ReplyAction;
  target?: string;
  message?: TakenMessage;
}

export interface Plan {
  sentences: string[];
  actions: PlannedAction[];
  intent: string;
  confidence: number;
  grounded: boolean;
  sources: string[];
  state: ConversationState;
  /** The utterance asks something the data may answer: an LLM may improve on this plan. */
  llmEligible: boolean;
  /** Knowledge passages consulted, for an LLM prompt. */
  passages: KnowledgePassage[];
}

export interface PolicyInput {
  agent: CompiledAgent;
  state: ConversationState;
  text: string;
  alternatives: readonly string[];
  classify(text: string): Promise<Classification>;
  knowledge: KnowledgeSearch | undefined;
  now: Date;
  caller: string | null;
}

/** Builds a plan over the turn's base (state, no actions, grounded). */
export type Reply = (p: Partial<Plan> & { sentences: string[]; intent: string; confidence?: number }) => Plan;
