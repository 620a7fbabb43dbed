import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { BusinessId } from '../ids.js';

/** Lifecycle of an uploaded document; `ready` and `failed` are final. */
export const documentStatuses = [
  'queued',
  'extracting',
  'chunking',
  'embedding',
  'indexing',
  'ready',
  'failed',
] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export const finalStatuses: readonly DocumentStatus[] = ['ready', 'failed'];

/** Types recognised by content sniffing (never by extension or client content-type alone). */
export const documentKinds = ['txt', 'md', 'html', 'csv', 'pdf', 'docx'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export type ChunkKind = 'text' | 'table' | 'faq';

type Brand<T, B extends string> = T & { readonly __brand: B };
export type DocumentId = Brand<string, 'KnowledgeDocumentId'>;
export type ChunkId = Brand<string, 'KnowledgeChunkId'>;

/** One passage returned to the conversation engine or the API. `score`: fused RRF score (higher is better). */
export interface KnowledgePassage {
  documentId: string;
  chunkId: string;
  position: number;
  title: string;
  text: string;
  score: number;
}

export interface KnowledgeSearch {
  /** Top-k passages (default 5, max 50) of this business only; [] when it has no knowledge. */
  query(businessId: BusinessId, text: string, opts?: { k?: number }): Promise<KnowledgePassage[]>;
  /** Bumped on every index change; lets a caller cache answers per version. */
  indexVersion(businessId: BusinessId): Promise<number>;
}

/**
 * The sentence-embedding engine this layer needs; `models` ModelRuntime.embeddings satisfies it.
 * Vectors need not be normalised (the index uses cosine space).
 */
export interface Embedder {
  readonly name: string;
  readonly dims: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export type KnowledgeEvent =
  | { kind: 'knowledge.ready'; businessId: string; documentId: string; title: string; chunks: number }
  | { kind: 'knowledge.failed'; businessId: string; documentId: string; title: string; error: string }
  | { kind: 'knowledge.deleted'; businessId: string; documentId: string; title: string };

export type KnowledgeListener = (e: KnowledgeEvent) => void;

/** The final statuses' events, which webhooks subscribe to. */
export type FinalKnowledgeEvent = Extract<KnowledgeEvent, { kind: 'knowledge.ready' | 'knowledge.failed' }>;

/**
 * Queues a final status's webhook event in the transaction that records the status (the
 * transactional outbox: delivered if and only if the status commits). The knowledge module is
 * given the webhooks' `emitEvent`; tests may pass their own.
 */
export type KnowledgeOutbox = (trx: Kysely<Database>, e: FinalKnowledgeEvent, at: Date) => Promise<unknown>;
