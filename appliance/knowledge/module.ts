import { sharedFilesDir } from '../config/index.js';
import { Counter, Histogram } from 'prom-client';
import type { BusinessId } from '../ids.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { KnowledgeEvents } from './events.js';
import { DocumentFiles } from './files.js';
import { HybridIndexes } from './hybrid-index.js';
import { IngestRunner, type IngestOptions } from './jobs.js';
import { knowledgeRoutes } from './routes.js';
import { KnowledgeService } from './service.js';
import type { Embedder, KnowledgeListener, KnowledgeOutbox, KnowledgeSearch } from './types.js';
import { emitEvent } from '../webhooks/index.js';
import { defaultUploadLimits, type UploadLimits } from './upload.js';
import { runtimeEmbedder } from './runtime-embedder.js';

export interface KnowledgeModule extends ApplianceModule {
  readonly name: 'knowledge';
  readonly search: KnowledgeSearch;
  /** Subscribe to knowledge.ready / knowledge.failed / knowledge.deleted; returns unsubscribe. */
  onEvent(listener: KnowledgeListener): () => void;
  /** Resolves when the ingestion queue is empty and index saves are done (tests, benchmarks). */
  idle(): Promise<void>;
}

export interface KnowledgeModuleOptions {
  embedder?: Embedder;
  limits?: Partial<UploadLimits>;
  ingest?: IngestOptions;
  /** Where final statuses queue their webhook event; default the webhooks outbox (`webhookOutbox`). */
  outbox?: KnowledgeOutbox;
}

/** `knowledge.ready` / `knowledge.failed` into the webhooks' transactional outbox. */
export const webhookOutbox: KnowledgeOutbox = (trx, e, at) =>
  e.kind === 'knowledge.ready'
    ? emitEvent(trx, e.businessId, e.kind, { documentId: e.documentId, title: e.title, chunks: e.chunks }, at)
    : emitEvent(trx, e.businessId, e.kind, { documentId: e.documentId, title: e.title, error: e.error }, at);

/**
 * The knowledge module: upload -> durable background ingestion -> per-business hybrid index,
 * and the KnowledgeSearch the conversation engine calls. Embedder: options.embedder, else the
 * models layer's engine (runtime-embedder.ts).
 */
export async function knowledgeModule(
  deps: ModuleDeps,
  options: KnowledgeModuleOptions = {},
): Promise<KnowledgeModule> {
  const { app } = deps;
  const embedder = options.embedder ?? (await runtimeEmbedder(app));
  const limits: UploadLimits = { ...defaultUploadLimits, ...options.limits };
  const log = app.log.child({ module: 'knowledge' });
  const events = new KnowledgeEvents();
  // Originals on the shared directory: any node's job runner may extract them.
  const files = new DocumentFiles(sharedFilesDir(app.config));
  const indexes = new HybridIndexes({
    db: app.db.kysely,
    embedder,
    dataDir: app.config.dataDir,
    log,
    now: app.now,
  });
  const chunksEmbedded = new Counter({
    name: 'knowledge_chunks_embedded_total',
    help: 'Knowledge chunks embedded by the ingestion jobs',
    registers: [app.registry],
  });
  const queryDuration = new Histogram({
    name: 'knowledge_query_duration_seconds',
    help: 'Hybrid knowledge query latency, query embedding included',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [app.registry],
  });
  const runner = new IngestRunner(
    {
      db: app.db.kysely,
      embedder,
      indexes,
      files,
      events,
      outbox: options.outbox ?? webhookOutbox,
      log,
      now: app.now,
      chunksEmbedded,
    },
    {
      ...options.ingest,
      extract: options.ingest?.extract ?? {
        timeoutMs: app.config.knowledge.extractTimeoutMs,
        maxMemoryMb: app.config.knowledge.extractMaxMemoryMb,
        maxInflatedBytes: app.config.knowledge.maxInflatedBytes,
        maxPages: app.config.knowledge.maxPages,
      },
    },
  );
  const service = new KnowledgeService({ db: app.db, files, indexes, runner, events, log, now: app.now });
  const search: KnowledgeSearch = {
    query: async (businessId: BusinessId, text: string, opts?: { k?: number }) => {
      const end = queryDuration.startTimer();
      try {
        return await service.query(businessId, text, opts?.k ?? 5);
      } finally {
        end();
      }
    },
    indexVersion: (businessId: BusinessId) => indexes.version(businessId),
  };
  return {
    name: 'knowledge',
    search,
    routes: () => knowledgeRoutes(service, limits, search),
    onEvent: (listener) => events.on(listener),
    start: async () => {
      await runner.start();
      indexes.warmUp();
    },
    stop: async () => {
      await runner.stop();
      await indexes.stop();
    },
    idle: async () => {
      await runner.drain();
      await indexes.idle();
    },
    status: () => ({ embedder: embedder.name, dims: embedder.dims }),
  };
}
