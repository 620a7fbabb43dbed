/**
 * Public API of the knowledge layer (appliance/knowledge): uploads -> durable ingestion ->
 * per-business hybrid (BM25 + HNSW, RRF) index; `search` for the conversation engine.
 *
 *   const knowledge = await knowledgeModule({ app, trainer });   // app/wiring.ts builds it once
 *   const passages = await knowledge.search.query(businessId, 'how much is the XR-200?', { k: 3 });
 *   knowledge.onEvent((e) => { if (e.kind === 'knowledge.ready') ... });   // or onKnowledgeEvent(...)
 */
export {
  knowledgeModule,
  webhookOutbox,
  type KnowledgeModule,
  type KnowledgeModuleOptions,
} from './module.js';
export { onKnowledgeEvent } from './events.js';
export { runtimeEmbedder } from './runtime-embedder.js';
/** The multipart reader of uploads, shared with other uploads (campaign number lists). */
export { readMultipart, type UploadLimits, type UploadedFile } from './upload.js';
export {
  documentKinds,
  documentStatuses,
  type DocumentKind,
  type DocumentStatus,
  type Embedder,
  type KnowledgeEvent,
  type KnowledgeListener,
  type KnowledgeOutbox,
  type FinalKnowledgeEvent,
  type KnowledgePassage,
  type KnowledgeSearch,
} from './types.js';
/** Reading a document into chunks as ingestion does (for tests and tools that build an agent from a file). */
export { extract } from './extract.js';
export { chunkBlocks } from './chunk.js';
