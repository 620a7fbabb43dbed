/**
 * The conversation engine's vocabulary: what it consumes (utterances, knowledge, embeddings,
 * an optional LLM) and what it produces (reply events).
 */

/** `voice`: phone calls; `webrtc`: browser calls (spoken like phone calls); `text`: typed chat. */
export const channels = ['voice', 'text', 'webrtc'] as const;
export type Channel = (typeof channels)[number];

export interface Utterance {
  text: string;
  /** STT confidence 0..1, when the recogniser gives one. */
  confidence?: number;
  /** N-best alternatives from STT; tried when the best text is not understood. */
  alternatives?: string[];
}

export const replyActions = ['transfer', 'end_call', 'take_message'] as const;
export type ReplyAction = (typeof replyActions)[number];

export interface TakenMessage {
  name?: string;
  callbackNumber?: string;
  text?: string;
}

export type ReplyEvent =
  | { kind: 'sentence'; text: string }
  | { kind: 'action'; action: ReplyAction; target?: string; message?: TakenMessage }
  | {
      kind: 'done';
      intent: string;
      confidence: number;
      /** Every fact in the answer came from the business's data (or no fact was stated). */
      grounded: boolean;
      /** Where the answer came from: "facts.hours", "faq:3", "knowledge:<chunkId>", "llm". */
      sources: string[];
      /** Utterance in -> done, ms. */
      agentMs: number;
    };

export interface AgentReply {
  text: string;
  sentences: string[];
}

/** Sentence embeddings (the models layer's runtime.embeddings satisfies this). */
export interface Embedder {
  readonly name: string;
  readonly dims: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** What the knowledge module exports (appliance/knowledge). */
export interface KnowledgePassage {
  documentId: string;
  chunkId: string;
  position: number;
  title: string;
  text: string;
  score: number;
}
export interface KnowledgeSearch {
  query(businessId: string, text: string, opts: { k: number }): Promise<KnowledgePassage[]>;
}

/** OpenAI-style chat, as the models layer's LLM runtime streams it. */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
export interface LlmTool {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}
export type LlmEvent =
  | { kind: 'text'; delta: string }
  | { kind: 'tool-call'; name: string; argumentsJson: string }
  | { kind: 'done'; finishReason: string };
export interface LlmClient {
  chat(req: {
    messages: LlmMessage[];
    tools?: LlmTool[];
    signal?: AbortSignal;
    maxTokens?: number;
    temperature?: number;
  }): AsyncIterable<LlmEvent>;
}
