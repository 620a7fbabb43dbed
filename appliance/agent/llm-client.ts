import type { LlmClient, LlmEvent, LlmMessage, LlmTool } from './types.js';

/**
 * A minimal OpenAI-compatible streaming chat client (POST {baseUrl}/chat/completions with
 * stream: true, server-sent events). The models layer's runtime provides the production client;
 * this one lets the engine talk to any compatible server (llama.cpp server, vLLM) meanwhile.
 */
export function openAiCompatibleClient(opts: { baseUrl: string; model: string; apiKey?: string }): LlmClient {
  return {
    async *chat(req: {
      messages: LlmMessage[];
      tools?: LlmTool[];
      signal?: AbortSignal;
      maxTokens?: number;
      temperature?: number;
    }): AsyncIterable<LlmEvent> {
      const res = await fetch(`${opts.baseUrl.replace(/\/$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: opts.model,
          stream: true,
          messages: req.messages,
          max_tokens: req.maxTokens ?? 160,
          temperature: req.temperature ?? 0.2,
          ...(req.tools?.length
            ? { tools: req.tools.map((t) => ({ type: 'function', function: t })), tool_choice: 'auto' }
            : {}),
        }),
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (!res.ok || !res.body) throw new Error(`LLM server answered ${res.status}`);
      const calls = new Map<number, { name: string; args: string }>();
      let finishReason = 'stop';
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line.startsWith('data:')) continue;
          const data = line.slice(5).trim();
          if (data === '[DONE]') continue;
          let parsed: {
            choices?: {
              delta?: {
                content?: string | null;
                tool_calls?: { index?: number; function?: { name?: string; arguments?: string } }[];
              };
              finish_reason?: string | null;
            }[];
          };
          try {
            parsed = JSON.parse(data) as typeof parsed;
          } catch {
            throw new Error('LLM server sent malformed JSON');
          }
          const choice = parsed.choices?.[0];
          if (choice?.delta?.content) yield { kind: 'text', delta: choice.delta.content };
          for (const tc of choice?.delta?.tool_calls ?? []) {
            const i = tc.index ?? 0;
            const cur = calls.get(i) ?? { name: '', args: '' };
            cur.name += tc.function?.name ?? '';
            cur.args += tc.function?.arguments ?? '';
            calls.set(i, cur);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
        }
      }
      for (const c of calls.values())
        yield { kind: 'tool-call', name: c.name, argumentsJson: c.args || '{}' };
      yield { kind: 'done', finishReason };
    },
  };
}
