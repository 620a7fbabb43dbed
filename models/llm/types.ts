import type { EngineStatus } from '../types.js';

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatToolCallRef {
  readonly id: string;
  readonly name: string;
  readonly argumentsJson: string;
}

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
  /** For role 'tool': the id of the call this answers. */
  readonly toolCallId?: string;
  /** For role 'assistant': tool calls it made. */
  readonly toolCalls?: readonly ChatToolCallRef[];
}

export interface ChatTool {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  tools?: readonly ChatTool[];
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

export type ChatEvent =
  | { kind: 'text'; delta: string }
  | { kind: 'tool-call'; id: string; name: string; argumentsJson: string }
  | { kind: 'done'; finishReason: string };

export interface LlmEngine {
  readonly name: string;
  status(): EngineStatus;
  chat(req: ChatRequest): AsyncIterable<ChatEvent>;
  close(): Promise<void>;
}
