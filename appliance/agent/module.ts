import type { AgentView } from '../agents/schema.js';
import type { PostCallExtractor } from '../analytics/index.js';
import { conversationRoutes } from '../conversations/index.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { chatRoute } from './chat-route.js';
import { createAgentEngine, type AgentEngine } from './engine.js';
import { knowledgeGraphRoute } from './graph/route.js';
import type { LlmOptions } from './llm.js';
import { sttGrammar, sttPhrases } from './stt-phrases.js';
import type { Embedder, KnowledgeSearch, LlmClient } from './types.js';
import { agentWarmUp, type WarmStatus } from './warm-up.js';

export interface AgentModule extends ApplianceModule {
  readonly name: 'agent';
  readonly engine: AgentEngine;
  /** The STT phrase list and grammar stored by the last training, for the calls layer. */
  sttBias(businessId: string, agentId: string): Promise<{ phrases: string[]; grammar: string } | undefined>;
  /** The start-up compile of the agents calls reach; resolves when it has ended. */
  warmed(): Promise<WarmStatus>;
}

export interface AgentModuleDeps extends ModuleDeps {
  /** The knowledge module's search (answers from the business's documents). */
  knowledge?: KnowledgeSearch;
  /** The analytics module's post-call LLM step, for conversations that end here. */
  postCall?: PostCallExtractor;
}

export interface AgentModuleOptions {
  /** Overrides for tests; by default taken from app.models. */
  llm?: LlmClient;
  embedder?: Embedder;
  llmOptions?: Partial<LlmOptions>;
}

/**
 * The models runtime's embeddings, when they are a sentence encoder (MiniLM). Word-vector
 * averages (wink SIF, the runtime's fallback) rate all short phrases alike and lowered intent
 * accuracy on the dialogue suite from 94% to 87%, so intents stay lexical with those.
 */
function sentenceEmbedder(e: Embedder | undefined): Embedder | undefined {
  return e && !/wink|sif/i.test(e.name) ? e : undefined;
}

/**
 * The `agent` module: conversation engine, text channel (POST /agents/{id}/chat), conversations
 * API, and three training steps (intent index, knowledge index version, STT biasing).
 */
export function createAgentModule(
  { app, trainer, knowledge, postCall }: AgentModuleDeps,
  opts: AgentModuleOptions = {},
): AgentModule {
  {
    // The model runtime loads in the background (models.warmOnStart); until it is loaded, and
    // for conversations started before that, the engine runs without LLM and dense embeddings.
    const models = (): { embeddings?: Embedder; llm?: LlmClient | undefined } | undefined =>
      app.models.loaded();
    const engine = createAgentEngine({
      app,
      embedder: () => opts.embedder ?? sentenceEmbedder(models()?.embeddings),
      knowledge: () => knowledge,
      llm: () => {
        const llm = opts.llm ?? models()?.llm;
        return llm && typeof llm.chat === 'function' ? llm : undefined;
      },
      ...(opts.llmOptions ? { llmOptions: opts.llmOptions } : {}),
      log: app.log,
      registry: app.registry,
      ...(postCall ? { postCall } : {}),
    });
    const save = (agent: AgentView, businessId: string, kind: string, data: unknown): Promise<void> =>
      engine.store.saveBuild({
        agentId: agent.id,
        businessId,
        kind,
        version: agent.version,
        data,
        at: app.now().toISOString(),
      });

    trainer.addStep({
      name: 'intent-index',
      run: async (agent, { businessId }) => {
        const c = await engine.compile(businessId, agent);
        await save(agent, businessId, 'intent_index', {
          examples: c.index.exampleCount,
          intents: new Set(c.index.candidates.map((x) => x.name)).size,
          embeddings: c.index.usesEmbeddings,
          temperature: c.index.temperature,
        });
      },
    });
    trainer.addStep({
      name: 'knowledge-version',
      run: async (agent, { businessId }) => {
        // The knowledge module versions its index; answers cached per agent build can be checked against it.
        const k = knowledge;
        const versioned = k as
          (KnowledgeSearch & { indexVersion?: (b: string) => Promise<number> }) | undefined;
        const indexVersion = versioned?.indexVersion ? await versioned.indexVersion(businessId) : 0;
        await save(agent, businessId, 'knowledge_version', { indexVersion, available: Boolean(k) });
      },
    });
    trainer.addStep({
      // The documents read sentence by sentence and their knowledge graph, recorded with the build.
      name: 'knowledge-graph',
      run: async (agent, { businessId }) => {
        const c = await engine.compile(businessId, agent);
        await save(agent, businessId, 'knowledge_graph', {
          knowledgeVersion: c.knowledgeVersion,
          sentences: c.book.size,
          entities: c.graph.entities.length,
          relations: c.graph.relations.length,
        });
      },
    });
    trainer.addStep({
      name: 'stt-phrases',
      run: async (agent, { businessId }) => {
        const b = await app.db.kysely
          .selectFrom('businesses')
          .select('name')
          .where('id', '=', businessId)
          .executeTakeFirst();
        const titles = await app.db.kysely
          .selectFrom('knowledge_documents')
          .select('title')
          .where('business_id', '=', businessId)
          .limit(200)
          .execute()
          .catch(() => [] as { title: string }[]);
        // The documents' text: corpus of the agent's speech-recognition language model.
        const chunks = await app.db.kysely
          .selectFrom('knowledge_chunks')
          .innerJoin('knowledge_documents', 'knowledge_documents.id', 'knowledge_chunks.document_id')
          .select('knowledge_chunks.text')
          .where('knowledge_documents.business_id', '=', businessId)
          .orderBy('knowledge_chunks.document_id')
          .orderBy('knowledge_chunks.position')
          .limit(2000)
          .execute()
          .catch(() => [] as { text: string }[]);
        const phrases = sttPhrases(agent, {
          ...(b ? { businessName: b.name } : {}),
          knowledgeTitles: titles.map((t) => t.title),
          knowledgeText: chunks.map((c) => c.text),
        });
        await save(agent, businessId, 'stt_phrases', { phrases, grammar: sttGrammar(phrases) });
      },
    });

    const warm = agentWarmUp(app, engine);

    const module: AgentModule = {
      name: 'agent',
      engine,
      routes: () => [chatRoute(engine), knowledgeGraphRoute(engine), ...conversationRoutes(engine.store)],
      sttBias: async (businessId, agentId) =>
        (
          await engine.store.loadBuild<{ phrases: string[]; grammar: string }>(
            businessId,
            agentId,
            'stt_phrases',
          )
        )?.data,
      // In the background: boot and the first calls do not wait for it (a call to an agent being
      // compiled waits on that same build).
      start: () => {
        warm.start();
        return Promise.resolve();
      },
      warmed: () => warm.ended(),
      stop: async () => {
        const ended = warm.stop();
        // Closing the builder rejects the build in flight, so the warm-up ends at once.
        await engine.close();
        await ended;
      },
      status: () => ({
        warmUp: warm.status(),
        llm: Boolean(opts.llm ?? models()?.llm),
        embeddings: (opts.embedder ?? sentenceEmbedder(models()?.embeddings))?.name ?? null,
      }),
    };
    return module;
  }
}
