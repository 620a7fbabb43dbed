import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { Bm25Index } from './bm25.js';
import {
  businessChunks,
  bumpIndexVersion,
  decodeVector,
  documentChunks,
  indexVersion,
  saveReembedded,
  type IndexableChunk,
} from './store.js';
import type { Embedder } from './types.js';
import { VectorIndex } from './vector-index.js';

/** Reciprocal rank fusion constant (Cormack et al.): score = Σ 1 / (RRF_K + rank). */
export const RRF_K = 60;
/** A background rebuild starts once this share of the HNSW labels are deleted (and at least 64). */
const REBUILD_DELETED_SHARE = 0.25;
/** How often a query checks the database for an index version another node published (ms). */
const FRESHNESS_CHECK_MS = 2000;
/**
 * Index writes are coalesced: one save this long after the last change (ms), and never sooner
 * than 5x the previous save's duration after it (a 100k-chunk file takes ~0.3 s to write), so
 * saving cannot starve a burst of ingestion.
 */
const PERSIST_DEBOUNCE_MS = 500;
const PERSIST_DUTY_FACTOR = 5;
/** Yield to the event loop every this many points while building, so queries keep flowing. */
const YIELD_EVERY = 256;

interface Entry {
  vec: VectorIndex;
  bm25: Bm25Index;
  version: number;
  checkedAtMs: number;
  /** Mutations of this business's index run one after another. */
  chain: Promise<void>;
  persistTimer: NodeJS.Timeout | undefined;
  lastPersistMs: number;
  lastPersistAt: number;
  rebuilding: boolean;
}

export interface HybridHit {
  chunkId: string;
  score: number;
}

const yieldLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Per-business hybrid index: HNSW (vectors) + BM25 (keywords), fused with RRF. Loaded lazily at a
 * business's first query from `<dataDir>/knowledge-index/<businessId>/v<version>.{bin,json}`, or
 * rebuilt from the database (the source of truth) when the file is missing, corrupt or stale.
 * Updates add points to the live index in small slices (queries interleave), bump
 * knowledge_bases.index_version and save the next version file (temp + rename). Deletes are
 * immediate (markDelete, BM25 slot dead); many deletes trigger a rebuild that is swapped in whole.
 */
export class HybridIndexes {
  private readonly entries = new Map<string, Promise<Entry>>();
  private stopped = false;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      embedder: Embedder;
      dataDir: string;
      log?: Logger | undefined;
      now: () => Date;
    },
  ) {}

  private dir(businessId: string): string {
    return path.join(this.deps.dataDir, 'knowledge-index', businessId);
  }

  private base(businessId: string, version: number): string {
    return path.join(this.dir(businessId), `v${version}`);
  }

  private entry(businessId: string): Promise<Entry> {
    let e = this.entries.get(businessId);
    if (!e) {
      e = this.load(businessId);
      this.entries.set(businessId, e);
      e.catch(() => this.entries.delete(businessId));
    }
    return e;
  }

  /** Number of chunks searchable for the business (loads its index). */
  async size(businessId: string): Promise<number> {
    return (await this.entry(businessId)).bm25.size;
  }

  async version(businessId: string): Promise<number> {
    return indexVersion(this.deps.db, businessId);
  }

  private async load(businessId: string): Promise<Entry> {
    const { db, embedder, log } = this.deps;
    const version = await indexVersion(db, businessId);
    const chunks = await businessChunks(db, businessId);
    const bm25 = new Bm25Index();
    for (let i = 0; i < chunks.length; i++) {
      bm25.add(chunks[i]!.id, chunks[i]!.text);
      if (i % 2048 === 2047) await yieldLoop();
    }
    let vec: VectorIndex | undefined;
    if (version > 0) {
      try {
        vec = await VectorIndex.load(this.base(businessId, version), embedder.dims, embedder.name);
        const want = new Set(
          chunks.filter((c) => c.vector && c.embed_model === embedder.name).map((c) => c.id),
        );
        const have = vec.chunkIds();
        if (have.length !== want.size || have.some((id) => !want.has(id))) {
          log?.info({ businessId, version }, 'knowledge index file is stale; rebuilding from the database');
          vec = undefined;
        }
      } catch (err) {
        log?.info({ businessId, version, err }, 'knowledge index file missing or unreadable; rebuilding');
        vec = undefined;
      }
    }
    const entry: Entry = {
      vec: vec ?? new VectorIndex(embedder.dims, embedder.name, chunks.length + 64),
      bm25,
      version,
      checkedAtMs: Date.now(),
      chain: Promise.resolve(),
      persistTimer: undefined,
      lastPersistMs: 0,
      lastPersistAt: 0,
      rebuilding: false,
    };
    if (!vec) {
      await this.fill(entry.vec, chunks, businessId);
      if (chunks.length > 0) {
        entry.version = await bumpIndexVersion(db, businessId, this.deps.now().toISOString());
        this.schedulePersist(businessId, entry);
      }
    }
    return entry;
  }

  /**
   * Adds chunks' vectors in slices that yield. Chunks embedded by another engine (the models were
   * switched) are re-embedded and written back, so this happens once per switch, not per load.
   */
  private async fill(vec: VectorIndex, chunks: IndexableChunk[], businessId: string): Promise<void> {
    const { embedder, db, log } = this.deps;
    for (let i = 0; i < chunks.length; i += YIELD_EVERY) {
      const slice = chunks.slice(i, i + YIELD_EVERY);
      const stale = slice.filter((c) => !c.vector || c.embed_model !== embedder.name);
      const fresh = stale.length ? await embedder.embed(stale.map((c) => c.text)) : [];
      if (stale.length)
        await saveReembedded(
          db,
          businessId,
          stale.map((c, j) => ({ id: c.id, vector: fresh[j]! })),
          embedder.name,
        ).catch((err: unknown) =>
          // The in-memory index is still right; the next load re-embeds these chunks again.
          log?.warn({ err, businessId, chunks: stale.length }, 're-embedded vectors not saved'),
        );
      const freshBy = new Map(stale.map((c, j) => [c.id, fresh[j]!]));
      for (const c of slice) {
        const v = freshBy.get(c.id) ?? decodeVector(c.vector!);
        vec.add(c.id, v);
      }
      await yieldLoop();
    }
  }

  private serial(businessId: string, entry: Entry, work: () => Promise<void>): Promise<void> {
    const run = entry.chain.then(work);
    entry.chain = run.catch((err: unknown) =>
      this.deps.log?.error({ err, businessId }, 'knowledge index update failed'),
    );
    return run;
  }

  /** Makes a document's (embedded) chunks searchable; resolves once they are in the index. */
  async addDocument(businessId: string, documentId: string): Promise<void> {
    const entry = await this.entry(businessId);
    await this.serial(businessId, entry, async () => {
      const chunks = (await documentChunks(this.deps.db, documentId)).filter(
        (c) => !entry.bm25.has(c.id) || !entry.vec.has(c.id),
      );
      if (!chunks.length) return;
      await this.fill(entry.vec, chunks, businessId);
      for (const c of chunks) entry.bm25.add(c.id, c.text);
      entry.version = await bumpIndexVersion(this.deps.db, businessId, this.deps.now().toISOString());
      this.schedulePersist(businessId, entry);
    });
  }

  /** Removes chunks from search at once (only if the business's index is loaded), then saves. */
  async removeChunks(businessId: string, chunkIds: string[]): Promise<void> {
    const pending = this.entries.get(businessId);
    if (!pending) {
      // Not loaded here: the next load reads the database, which no longer has them. The version
      // still moves so callers caching answers per version drop the deleted passages.
      await bumpIndexVersion(this.deps.db, businessId, this.deps.now().toISOString());
      return;
    }
    const entry = await pending;
    for (const id of chunkIds) {
      entry.vec.remove(id);
      entry.bm25.remove(id);
    }
    await this.serial(businessId, entry, async () => {
      entry.version = await bumpIndexVersion(this.deps.db, businessId, this.deps.now().toISOString());
      this.schedulePersist(businessId, entry);
    });
    const dead = entry.vec.deleted;
    if (dead >= 64 && dead > REBUILD_DELETED_SHARE * (dead + entry.vec.size)) this.rebuild(businessId, entry);
  }

  /** Builds a fresh HNSW + BM25 from the database next to the live one and swaps it in whole. */
  private rebuild(businessId: string, entry: Entry, adoptVersion?: number): void {
    if (entry.rebuilding) return;
    entry.rebuilding = true;
    void this.serial(businessId, entry, async () => {
      const chunks = await businessChunks(this.deps.db, businessId);
      const vec = new VectorIndex(this.deps.embedder.dims, this.deps.embedder.name, chunks.length + 64);
      const bm25 = new Bm25Index();
      await this.fill(vec, chunks, businessId);
      for (const c of chunks) bm25.add(c.id, c.text);
      entry.vec = vec;
      entry.bm25 = bm25;
      // Adopting another node's version must not bump it again (nodes would leapfrog forever).
      if (adoptVersion !== undefined) entry.version = adoptVersion;
      else {
        entry.version = await bumpIndexVersion(this.deps.db, businessId, this.deps.now().toISOString());
        this.schedulePersist(businessId, entry);
      }
    }).finally(() => {
      entry.rebuilding = false;
    });
  }

  private schedulePersist(businessId: string, entry: Entry): void {
    if (this.stopped) return;
    clearTimeout(entry.persistTimer);
    const earliest = entry.lastPersistAt + PERSIST_DUTY_FACTOR * entry.lastPersistMs - Date.now();
    entry.persistTimer = setTimeout(
      () => {
        entry.persistTimer = undefined;
        void this.serial(businessId, entry, () => this.persist(businessId, entry));
      },
      Math.max(PERSIST_DEBOUNCE_MS, earliest),
    );
    entry.persistTimer.unref();
  }

  private async persist(businessId: string, entry: Entry): Promise<void> {
    const dir = this.dir(businessId);
    await mkdir(dir, { recursive: true });
    const version = entry.version;
    const t0 = Date.now();
    await entry.vec.save(this.base(businessId, version));
    entry.lastPersistAt = Date.now();
    entry.lastPersistMs = entry.lastPersistAt - t0;
    // Keep the current version only: older files are never read again.
    for (const f of await readdir(dir)) {
      const m = /^v(\d+)\.(bin|json)(\.tmp)?$/.exec(f);
      if (m && Number(m[1]) !== version) await rm(path.join(dir, f), { force: true });
    }
  }

  /** Hybrid search: vector and BM25 candidate lists fused by RRF; best first. */
  async search(businessId: string, text: string, n: number): Promise<HybridHit[]> {
    const entry = await this.entry(businessId);
    this.checkFreshness(businessId, entry);
    if (entry.bm25.size === 0) return [];
    const candidates = Math.max(n, 20);
    const [qv] = await this.deps.embedder.embed([text]);
    const vecHits = qv ? entry.vec.search(qv, candidates) : [];
    const kwHits = entry.bm25.search(text, candidates);
    const fused = new Map<string, number>();
    vecHits.forEach((h, i) => fused.set(h.chunkId, (fused.get(h.chunkId) ?? 0) + 1 / (RRF_K + i + 1)));
    kwHits.forEach((h, i) => fused.set(h.chunkId, (fused.get(h.chunkId) ?? 0) + 1 / (RRF_K + i + 1)));
    return [...fused]
      .map(([chunkId, score]) => ({ chunkId, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, n);
  }

  /** Another node may have published a newer version (shared PostgreSQL): reload in the background. */
  private checkFreshness(businessId: string, entry: Entry): void {
    const nowMs = Date.now();
    if (nowMs - entry.checkedAtMs < FRESHNESS_CHECK_MS) return;
    entry.checkedAtMs = nowMs;
    void indexVersion(this.deps.db, businessId).then(
      (v) => {
        if (v > entry.version && !entry.rebuilding) this.rebuild(businessId, entry, v);
      },
      () => undefined,
    );
  }

  /**
   * Loads the indexes of every business with ready documents, one after another, in the
   * background after start, so the first caller's question does not pay for the load
   * (a 100k-chunk business takes seconds). Errors are logged; the lazy path still works.
   */
  warmUp(): void {
    void (async () => {
      const rows = await this.deps.db
        .selectFrom('knowledge_documents')
        .select('business_id')
        .distinct()
        .where('status', '=', 'ready')
        .execute();
      for (const r of rows) {
        if (this.stopped) return;
        await this.entry(r.business_id);
      }
    })().catch((err: unknown) => this.deps.log?.warn({ err }, 'knowledge index warm-up failed'));
  }

  /** Waits for pending updates and saves (tests, shutdown). */
  async idle(): Promise<void> {
    for (const p of [...this.entries.values()]) {
      const e = await p.catch(() => undefined);
      if (!e) continue;
      if (e.persistTimer) {
        clearTimeout(e.persistTimer);
        e.persistTimer = undefined;
        const id = [...this.entries].find(([, v]) => v === p)?.[0];
        if (id) void this.serial(id, e, () => this.persist(id, e));
      }
      await e.chain;
    }
  }

  async stop(): Promise<void> {
    await this.idle();
    this.stopped = true;
  }
}
