import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { getAgent } from '../agents/service.js';
import type { AgentView } from '../agents/schema.js';
import type { AppContext } from '../context.js';
import type { PostCallExtractor } from '../analytics/index.js';
import { ConversationStore } from '../conversations/index.js';
import { AppError, notFound } from '../errors.js';
import type { BusinessId, ConversationId } from '../ids.js';
import { defaultTemperature } from './calibration.js';
import { spokenCallerName } from './caller-name.js';
import type { SourceChunk } from './book.js';
import { workerBooks } from './book-build.js';
import { compileAgent, type CompiledAgent } from './compile.js';
import { sharedWordnet } from './lexicon/wordnet.js';
import { Conversation } from './conversation.js';
import { defaultLlmOptions, type LlmOptions } from './llm.js';
import { agentMetrics } from './metrics.js';
import { initialState, parseState } from './state.js';
import type { Channel, Embedder, KnowledgeSearch, LlmClient } from './types.js';

/**
 * The conversation engine: compiles agents (cached per agent version), starts or resumes
 * conversations, and hands out Conversation objects for calls and the text channel. Embedder,
 * knowledge and LLM are looked up on each use, so modules that start later are still found.
 */
export interface EngineDeps {
  app: AppContext;
  embedder?: () => Embedder | undefined;
  knowledge?: () => KnowledgeSearch | undefined;
  llm?: () => LlmClient | undefined;
  llmOptions?: Partial<LlmOptions>;
  /** WordNet's folder; default config.lexiconDir. */
  lexiconDir?: string;
  /** Softmax temperature for intent confidence; default fitted on the dialogue suite. */
  temperature?: number;
  log?: Logger;
  registry?: Registry;
  /** The post-call record's LLM step (analytics), for conversations' records. */
  postCall?: PostCallExtractor;
}

/** Chunks read into an agent's book; a business's documents beyond this are searched, not read whole. */
const MAX_BOOK_CHUNKS = 5000;

export interface StartOptions {
  businessId: string;
  agentId: string;
  channel: Channel;
  caller?: string;
  /**
   * The caller's name from the business's CRM, for the greeting. It comes from an outside system:
   * sanitized here (letters, spaces, hyphens, apostrophes; capped) before it is spoken or stored.
   */
  callerName?: string;
  /** Resume this conversation (text channel follow-ups, call recovery). */
  conversationId?: string;
}

export interface AgentEngine {
  start(opts: StartOptions): Promise<Conversation>;
  /** The compiled agent for the current configuration (compiles when stale). */
  compiled(businessId: string, agentId: string): Promise<CompiledAgent>;
  compile(businessId: string, agent: AgentView): Promise<CompiledAgent>;
  readonly store: ConversationStore;
  /** Ends the book builder's worker (the appliance is stopping). */
  close(): Promise<void>;
}

export function createAgentEngine(deps: EngineDeps): AgentEngine {
  const { app } = deps;
  const store = new ConversationStore(app.db.kysely, { postCall: deps.postCall, log: deps.log ?? app.log });
  const metrics = deps.registry ? agentMetrics(deps.registry) : undefined;
  const llmOptions: LlmOptions = { ...defaultLlmOptions, ...deps.llmOptions };
  const lexiconDir = deps.lexiconDir ?? app.config.lexiconDir;
  // Books are built in a worker thread: a business retraining must not stall live calls.
  const books = workerBooks({
    lexiconDir,
    lexicon: () => sharedWordnet(lexiconDir),
    ...(deps.log ? { log: deps.log } : {}),
  });
  const cache = new Map<
    string,
    { version: number; knowledge: number; embedder: string; compiled: Promise<CompiledAgent> }
  >();

  /** The business's knowledge index version: the book is re-read when documents change. */
  const knowledgeVersion = async (businessId: string): Promise<number> => {
    const r = await app.db.kysely
      .selectFrom('knowledge_bases')
      .select('index_version')
      .where('business_id', '=', businessId)
      .executeTakeFirst()
      .catch(() => undefined);
    return r ? Number(r.index_version) : 0;
  };

  /** Chunks of the business's ready documents, in document and position order (capped). */
  const chunks = async (businessId: string): Promise<SourceChunk[]> =>
    app.db.kysely
      .selectFrom('knowledge_chunks')
      .innerJoin('knowledge_documents', 'knowledge_documents.id', 'knowledge_chunks.document_id')
      .select([
        'knowledge_chunks.document_id as documentId',
        'knowledge_documents.title as title',
        'knowledge_chunks.text as text',
      ])
      .where('knowledge_chunks.business_id', '=', businessId)
      .where('knowledge_documents.business_id', '=', businessId)
      .where('knowledge_documents.status', '=', 'ready')
      .orderBy('knowledge_documents.created_at')
      .orderBy('knowledge_chunks.document_id')
      .orderBy('knowledge_chunks.position')
      .limit(MAX_BOOK_CHUNKS)
      .execute();

  const business = async (businessId: string): Promise<{ id: string; name: string; timeZone: string }> => {
    const b = await app.db.kysely
      .selectFrom('businesses')
      .select(['id', 'name', 'timezone'])
      .where('id', '=', businessId)
      .executeTakeFirst();
    if (!b) throw notFound('business');
    return { id: b.id, name: b.name, timeZone: b.timezone };
  };

  const compile = async (businessId: string, agent: AgentView): Promise<CompiledAgent> => {
    const embedder = deps.embedder?.();
    const key = `${businessId}:${agent.id}`;
    const hit = cache.get(key);
    const embedderName = embedder?.name ?? '';
    const kv = await knowledgeVersion(businessId);
    if (hit && hit.version === agent.version && hit.embedder === embedderName && hit.knowledge === kv)
      return hit.compiled;
    metrics?.builds.inc();
    const compiled = Promise.all([business(businessId), chunks(businessId)]).then(([b, c]) =>
      compileAgent(agent, b, {
        ...(embedder ? { embedder } : {}),
        temperature: deps.temperature ?? defaultTemperature,
        chunks: c,
        lexicon: sharedWordnet(lexiconDir),
        books,
        knowledgeVersion: kv,
      }),
    );
    cache.set(key, { version: agent.version, knowledge: kv, embedder: embedderName, compiled });
    // A failed build is not cached: the next call tries again.
    compiled.catch(() => {
      if (cache.get(key)?.compiled === compiled) cache.delete(key);
    });
    return compiled;
  };

  const compiled = async (businessId: string, agentId: string): Promise<CompiledAgent> =>
    compile(businessId, await getAgent(app, businessId as BusinessId, agentId));

  return {
    store,
    compile,
    compiled,
    close: () => books.close(),
    async start(opts) {
      const agent = await compiled(opts.businessId, opts.agentId);
      const convDeps = {
        store,
        knowledge: deps.knowledge?.(),
        llm: deps.llm?.(),
        llmOptions,
        metrics,
        log: deps.log,
        now: app.now,
      };
      if (opts.conversationId) {
        const row = await store.load(opts.businessId, opts.conversationId);
        if (!row) throw notFound('conversation');
        if (row.agentId !== opts.agentId)
          throw new AppError('conflict', 'this conversation belongs to another agent');
        if (row.status !== 'active') throw new AppError('conflict', 'this conversation has ended');
        return new Conversation(
          opts.conversationId as ConversationId,
          opts.businessId,
          opts.agentId,
          row.channel === 'voice' || row.channel === 'webrtc' ? row.channel : 'text',
          row.caller,
          agent,
          parseState(row.state),
          row.nextSeq,
          Date.parse(row.startedAt) || Date.now(),
          convDeps,
        );
      }
      const startedAt = app.now();
      const state = initialState();
      const id = await store.create({
        businessId: opts.businessId,
        agentId: opts.agentId,
        channel: opts.channel,
        caller: opts.caller ?? null,
        startedAt: startedAt.toISOString(),
        state,
      });
      return new Conversation(
        id,
        opts.businessId,
        opts.agentId,
        opts.channel,
        opts.caller ?? null,
        agent,
        state,
        1,
        startedAt.getTime(),
        convDeps,
        spokenCallerName(opts.callerName),
      );
    },
  };
}
