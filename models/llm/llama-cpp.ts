/**
 * Local GGUF through node-llama-cpp, an optional dependency: loaded with a dynamic import only
 * when a model file is configured. Not installed / no file -> status 'unavailable' /
 * 'missing-weights', and the appliance runs without an LLM.
 */
import { existsSync } from 'node:fs';
import { ModelError, type EngineStatus } from '../types.js';
import type { ChatEvent, ChatRequest, LlmEngine } from './types.js';

export interface LlamaCppOptions {
  modelPath: string;
  contextSize?: number;
  threads?: number;
}

/** The slice of node-llama-cpp v3 used here (typed locally: it is not a dependency). */
interface LlamaModule {
  getLlama(): Promise<{
    loadModel(o: { modelPath: string }): Promise<{
      createContext(o: {
        contextSize?: number;
        threads?: number;
      }): Promise<{ getSequence(): unknown; dispose(): Promise<void> }>;
      dispose(): Promise<void>;
    }>;
  }>;
  LlamaChatSession: new (o: { contextSequence: unknown; systemPrompt?: string }) => {
    prompt(
      text: string,
      o: {
        maxTokens?: number;
        temperature?: number;
        signal?: AbortSignal;
        onTextChunk?: (t: string) => void;
      },
    ): Promise<string>;
  };
}

export async function llamaCppStatus(opts: LlamaCppOptions | undefined): Promise<EngineStatus> {
  const engine = 'node-llama-cpp';
  if (!opts?.modelPath) return { engine, state: 'unavailable', reason: 'no GGUF model configured' };
  if (!existsSync(opts.modelPath)) {
    return {
      engine,
      state: 'missing-weights',
      reason: `missing ${opts.modelPath}`,
      expectedFiles: [opts.modelPath],
    };
  }
  try {
    await import('node-llama-cpp' as string);
    return { engine, state: 'ready' };
  } catch {
    return { engine, state: 'unavailable', reason: 'npm package node-llama-cpp is not installed' };
  }
}

export class LlamaCppEngine implements LlmEngine {
  readonly name = 'node-llama-cpp';
  private constructor(
    private readonly mod: LlamaModule,
    private readonly ctx: { getSequence(): unknown; dispose(): Promise<void> },
    private readonly model: { dispose(): Promise<void> },
  ) {}

  static async load(opts: LlamaCppOptions): Promise<LlamaCppEngine> {
    const st = await llamaCppStatus(opts);
    if (st.state !== 'ready')
      throw new ModelError(
        `llama.cpp: ${st.reason ?? ''}`,
        st.state === 'missing-weights' ? 'missing-weights' : 'unavailable',
      );
    const mod = (await import('node-llama-cpp' as string)) as LlamaModule;
    const llama = await mod.getLlama();
    const model = await llama.loadModel({ modelPath: opts.modelPath });
    const ctx = await model.createContext({
      contextSize: opts.contextSize ?? 4096,
      ...(opts.threads ? { threads: opts.threads } : {}),
    });
    return new LlamaCppEngine(mod, ctx, model);
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  /** Text only (no tool calls): the history is flattened into the system prompt + last user turn. */
  async *chat(req: ChatRequest): AsyncGenerator<ChatEvent> {
    const system = req.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n');
    const turns = req.messages.filter((m) => m.role !== 'system');
    const last = turns[turns.length - 1];
    const history = turns
      .slice(0, -1)
      .map((m) => `${m.role}: ${m.content}`)
      .join('\n');
    const session = new this.mod.LlamaChatSession({
      contextSequence: this.ctx.getSequence(),
      systemPrompt: [system, history].filter(Boolean).join('\n\n'),
    });
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    let error: unknown;
    session
      .prompt(last?.content ?? '', {
        ...(req.maxTokens !== undefined ? { maxTokens: req.maxTokens } : {}),
        ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        onTextChunk: (t) => {
          queue.push(t);
          wake?.();
        },
      })
      .then(
        () => (done = true),
        (e: unknown) => ((error = e), (done = true)),
      )
      .finally(() => wake?.());
    while (!done || queue.length > 0) {
      const t = queue.shift();
      if (t !== undefined) {
        yield { kind: 'text', delta: t };
        continue;
      }
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    if (error)
      throw new ModelError(
        `llama.cpp: ${(error as Error).message}`,
        req.signal?.aborted ? 'aborted' : 'engine-failed',
      );
    yield { kind: 'done', finishReason: 'stop' };
  }

  async close(): Promise<void> {
    await this.ctx.dispose();
    await this.model.dispose();
  }
}
