import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { Database } from '../db/index.js';
import { chunkBlocks } from './chunk.js';
import type { KnowledgeEvents } from './events.js';
import { ExtractError } from './extract.js';
import { defaultExtractLimits, extractIsolated, type ExtractLimits } from './sandbox.js';
import type { DocumentFiles } from './files.js';
import type { HybridIndexes } from './hybrid-index.js';
import {
  chunksWithoutVector,
  claimNext,
  countChunks,
  getDocument,
  renewLease,
  replaceChunks,
  requeueUnfinished,
  saveVectors,
  setStatus,
  type DocumentRow,
} from './store.js';
import type { DocumentKind, Embedder, FinalKnowledgeEvent, KnowledgeOutbox } from './types.js';

export interface IngestOptions {
  /** Documents processed at once (default 2: the box has 2 cores and calls come first). */
  concurrency?: number;
  /** How often the queue is polled when idle (ms, default 500); an upload also wakes the runner. */
  pollMs?: number;
  /** Chunks embedded per batch and per transaction (default 64). */
  embedBatch?: number;
  /** A claimed job's lease (ms, default 60 000); another node takes it over after expiry. */
  leaseMs?: number;
  /** Transient failures (database, disk) retried this many times before the document fails (default 3). */
  maxAttempts?: number;
  /** Limits of the extraction worker (time, heap, decompressed bytes, pages); config.knowledge. */
  extract?: ExtractLimits;
}

interface Deps {
  db: Kysely<Database>;
  embedder: Embedder;
  indexes: HybridIndexes;
  files: DocumentFiles;
  events: KnowledgeEvents;
  /** Queues `knowledge.ready`/`knowledge.failed` for webhooks in the final status's transaction. */
  outbox: KnowledgeOutbox;
  log?: Logger | undefined;
  now: () => Date;
  chunksEmbedded?: Counter | undefined;
}

/** Permanent failures: the document's content is at fault, retrying cannot help. */
class ContentError extends Error {}

/**
 * The durable ingestion job runner: polls the database for queued documents (and ones whose
 * lease expired), then extract -> clean -> chunk -> embed (batches) -> index, writing progress
 * to the document row at each step. At start, documents a crash left half-done are re-queued;
 * chunk rows are rebuilt idempotently, vectors already stored are kept.
 */
export class IngestRunner {
  private timer: NodeJS.Timeout | undefined;
  private readonly active = new Set<Promise<void>>();
  private stopping = false;
  private polled: Promise<void> | undefined;
  private readonly opts: Required<IngestOptions>;

  constructor(
    private readonly deps: Deps,
    opts: IngestOptions = {},
  ) {
    this.opts = {
      concurrency: opts.concurrency ?? 2,
      pollMs: opts.pollMs ?? 500,
      embedBatch: opts.embedBatch ?? 64,
      leaseMs: opts.leaseMs ?? 60_000,
      maxAttempts: opts.maxAttempts ?? 3,
      extract: opts.extract ?? defaultExtractLimits,
    };
  }

  async start(): Promise<void> {
    const n = await requeueUnfinished(this.deps.db, this.deps.now().toISOString(), 5, (trx, doc, error) =>
      this.deps.outbox(
        trx,
        {
          kind: 'knowledge.failed',
          businessId: doc.business_id,
          documentId: doc.id,
          title: doc.title,
          error,
        },
        this.deps.now(),
      ),
    );
    if (n) this.deps.log?.info({ documents: n }, 'knowledge: resuming interrupted ingestion');
    this.stopping = false;
    this.schedule(0);
  }

  /** Wakes the runner now (after an upload). */
  kick(): void {
    if (!this.stopping) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.active]);
  }

  /** Resolves when no job is running and none is queued (tests, benchmarks). */
  async drain(): Promise<void> {
    for (;;) {
      // A poll already under way (a kick's) may have looked before the caller's upload committed:
      // wait for it, then look again ourselves.
      await this.polled;
      await this.poll();
      if (this.active.size === 0) return;
      await Promise.allSettled([...this.active]);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.poll().finally(() => {
        if (!this.stopping) this.schedule(this.opts.pollMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One poll at a time; callers during a poll share it. */
  private poll(): Promise<void> {
    this.polled ??= this.pollOnce().finally(() => {
      this.polled = undefined;
    });
    return this.polled;
  }

  private async pollOnce(): Promise<void> {
    try {
      while (!this.stopping && this.active.size < this.opts.concurrency) {
        const now = this.deps.now();
        const doc = await claimNext(
          this.deps.db,
          now.toISOString(),
          new Date(now.getTime() + this.opts.leaseMs).toISOString(),
        );
        if (!doc) break;
        const job = this.run(doc).finally(() => {
          this.active.delete(job);
          this.kick();
        });
        this.active.add(job);
      }
    } catch (err) {
      this.deps.log?.error({ err }, 'knowledge: polling the ingestion queue failed');
    }
  }

  private async run(doc: DocumentRow): Promise<void> {
    const { db, log } = this.deps;
    const nowIso = (): string => this.deps.now().toISOString();
    const lease = (): string => new Date(this.deps.now().getTime() + this.opts.leaseMs).toISOString();
    const t0 = Date.now();
    try {
      const existing = await countChunks(db, doc.id);
      let total = existing.total;
      if (!(existing.total > 0 && existing.total === doc.chunks_total)) {
        // extracting
        const bytes = await this.deps.files.read(doc.business_id, doc.id);
        const extracted = await extractIsolated(doc.kind as DocumentKind, bytes, this.opts.extract);
        if (!(await setStatus(db, doc.id, 'chunking', nowIso(), { leaseUntil: lease() }))) return; // deleted
        const chunks = chunkBlocks(extracted.blocks);
        if (chunks.length === 0) {
          throw new ContentError(
            doc.kind === 'pdf'
              ? 'no text found in the PDF (a scanned PDF needs OCR, which is not supported)'
              : 'no text found in the document',
          );
        }
        await replaceChunks(
          db,
          doc,
          chunks.map((c) => ({ id: randomUUID(), ...c })),
          nowIso(),
        );
        total = chunks.length;
      } else {
        await setStatus(db, doc.id, 'embedding', nowIso(), { leaseUntil: lease() });
      }
      // embedding: only chunks still without a vector (a resumed job keeps earlier batches)
      for (;;) {
        if (this.stopping) return; // left in 'embedding': re-queued at the next start
        const batch = await chunksWithoutVector(db, doc.id, this.opts.embedBatch);
        if (!batch.length) break;
        const vectors = await this.deps.embedder.embed(batch.map((c) => c.text));
        await saveVectors(
          db,
          doc.id,
          batch.map((c, i) => ({ ...c, vector: vectors[i]! })),
          this.deps.embedder.name,
          nowIso(),
        );
        this.deps.chunksEmbedded?.inc(batch.length);
        await renewLease(db, doc.id, lease());
        await new Promise((r) => setImmediate(r));
      }
      if (!(await setStatus(db, doc.id, 'indexing', nowIso(), { leaseUntil: lease() }))) return;
      await this.deps.indexes.addDocument(doc.business_id, doc.id);
      const ready: FinalKnowledgeEvent = {
        kind: 'knowledge.ready',
        businessId: doc.business_id,
        documentId: doc.id,
        title: doc.title,
        chunks: total,
      };
      if (!(await this.finish(doc.id, 'ready', null, ready))) return; // deleted meanwhile
      log?.info({ documentId: doc.id, chunks: total, ms: Date.now() - t0 }, 'knowledge document ready');
      this.deps.events.emit(ready, (err) => log?.error({ err }, 'knowledge event listener failed'));
    } catch (err) {
      await this.fail(doc, err);
    }
  }

  private async fail(doc: DocumentRow, err: unknown): Promise<void> {
    const { db, log } = this.deps;
    const permanent = err instanceof ContentError || err instanceof ExtractError;
    const message = err instanceof Error ? err.message : String(err);
    try {
      const current = await getDocument(db, doc.business_id, doc.id);
      if (!current) return;
      if (!permanent && current.attempts < this.opts.maxAttempts && !this.stopping) {
        log?.warn({ err, documentId: doc.id }, 'knowledge ingestion failed; retrying');
        await setStatus(db, doc.id, 'queued', this.deps.now().toISOString(), { leaseUntil: null });
        return;
      }
      const reason = permanent ? message : `ingestion failed: ${message}`;
      const failed: FinalKnowledgeEvent = {
        kind: 'knowledge.failed',
        businessId: doc.business_id,
        documentId: doc.id,
        title: doc.title,
        error: reason,
      };
      if (!(await this.finish(doc.id, 'failed', reason, failed))) return;
      log?.warn({ documentId: doc.id, reason }, 'knowledge document failed');
      this.deps.events.emit(failed, (e) => log?.error({ err: e }, 'knowledge event listener failed'));
    } catch (e) {
      log?.error({ err: e, documentId: doc.id }, 'knowledge: recording a failure failed');
    }
  }

  /** A final status and its webhook event commit together; false when the document is gone. */
  private finish(
    id: string,
    status: 'ready' | 'failed',
    error: string | null,
    event: FinalKnowledgeEvent,
  ): Promise<boolean> {
    const at = this.deps.now();
    return this.deps.db.transaction().execute(async (trx) => {
      if (!(await setStatus(trx, id, status, at.toISOString(), { error, leaseUntil: null }))) return false;
      await this.deps.outbox(trx, event, at);
      return true;
    });
  }
}
