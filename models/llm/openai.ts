/**
 * OpenAI-compatible streaming chat client (llama.cpp server, vLLM, Ollama, LocalAI):
 * POST {baseUrl}/v1/chat/completions with stream:true. Text deltas are passed through as they
 * arrive; tool-call deltas (split name/arguments across chunks, keyed by index) are assembled
 * and emitted whole when the choice finishes. Abort via signal; `timeoutMs` bounds the time to
 * the response headers and `idleTimeoutMs` the gap between chunks.
 */
import type { Logger } from 'pino';
import { ModelError, type EngineStatus } from '../types.js';
import { parseSse } from './sse.js';
import type { ChatEvent, ChatMessage, ChatRequest, LlmEngine } from './types.js';

export interface OpenAiChatOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Until response headers. Default 10000 ms. */
  timeoutMs?: number;
  /** Max silence between stream chunks. Default 30000 ms. */
  idleTimeoutMs?: number;
  logger?: Logger;
}

interface StreamChunk {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  error?: { message?: string };
}

function toWire(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
  if (m.role === 'assistant' && m.toolCalls && m.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.argumentsJson },
      })),
    };
  }
  return { role: m.role, content: m.content };
}

export class OpenAiChatEngine implements LlmEngine {
  readonly name: string;
  constructor(private readonly opts: OpenAiChatOptions) {
    if (!/^https?:\/\//.test(opts.baseUrl))
      throw new ModelError('llm baseUrl must be http(s)://', 'bad-input');
    this.name = `openai-compatible:${opts.model}`;
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  async *chat(req: ChatRequest): AsyncGenerator<ChatEvent> {
    const ctrl = new AbortController();
    const onAbort = (): void => ctrl.abort();
    if (req.signal?.aborted) throw new ModelError('aborted', 'aborted');
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    let timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, this.opts.timeoutMs ?? 10000);
    const armIdle = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, this.opts.idleTimeoutMs ?? 30000);
    };
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/v1/chat/completions`;
    const body = {
      model: this.opts.model,
      stream: true,
      messages: req.messages.map(toWire),
      ...(req.tools && req.tools.length > 0
        ? {
            tools: req.tools.map((t) => ({
              type: 'function',
              function: { name: t.name, description: t.description, parameters: t.parameters },
            })),
          }
        : {}),
      ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
    const fail = (err: unknown): ModelError => {
      if (err instanceof ModelError) return err;
      if (timedOut) return new ModelError('llm request timed out', 'timeout');
      if (req.signal?.aborted) return new ModelError('aborted', 'aborted');
      return new ModelError(`llm request failed: ${(err as Error).message}`, 'engine-failed');
    };
    try {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal: ctrl.signal,
        });
      } catch (err) {
        throw fail(err);
      }
      if (!res.ok || !res.body) {
        const text = await res.text().catch(() => '');
        throw new ModelError(`llm HTTP ${res.status}: ${text.slice(0, 200)}`, 'engine-failed');
      }
      armIdle();
      const calls = new Map<number, { id: string; name: string; args: string }>();
      let finish: string | undefined;
      const flushCalls = function* (): Generator<ChatEvent> {
        for (const [, c] of [...calls].sort((a, b) => a[0] - b[0])) {
          yield { kind: 'tool-call', id: c.id, name: c.name, argumentsJson: c.args || '{}' };
        }
        calls.clear();
      };
      try {
        for await (const ev of parseSse(res.body as unknown as AsyncIterable<Uint8Array>)) {
          armIdle();
          const data = ev.data.trim();
          if (data === '[DONE]') break;
          let chunk: StreamChunk;
          try {
            chunk = JSON.parse(data) as StreamChunk;
          } catch {
            throw new ModelError(`llm stream: malformed JSON chunk: ${data.slice(0, 80)}`, 'engine-failed');
          }
          if (chunk.error)
            throw new ModelError(`llm error: ${chunk.error.message ?? 'unknown'}`, 'engine-failed');
          const choice = chunk.choices?.[0];
          if (!choice) continue;
          const content = choice.delta?.content;
          if (typeof content === 'string' && content.length > 0) yield { kind: 'text', delta: content };
          for (const tc of choice.delta?.tool_calls ?? []) {
            const idx = tc.index ?? 0;
            const cur = calls.get(idx) ?? { id: '', name: '', args: '' };
            if (tc.id) cur.id = tc.id;
            if (tc.function?.name) cur.name += tc.function.name;
            if (tc.function?.arguments) cur.args += tc.function.arguments;
            calls.set(idx, cur);
          }
          if (choice.finish_reason) {
            finish = choice.finish_reason;
            yield* flushCalls();
          }
        }
      } catch (err) {
        throw fail(err);
      }
      yield* flushCalls();
      yield { kind: 'done', finishReason: finish ?? 'stop' };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      ctrl.abort(); // release the socket if the consumer stopped early
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
