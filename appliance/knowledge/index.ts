/**
 * Public API of the knowledge layer (appliance/knowledge): uploads -> durable ingestion ->
 * per-business hybrid (BM25 + HNSW, RRF) index; `search` for the conversation engine.
 *
 *   const knowledge = deps.modules.get('knowledge') as KnowledgeModule;
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
