import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { audit } from '../audit.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import type { KnowledgeEvents } from './events.js';
import type { DocumentFiles } from './files.js';
import type { HybridIndexes } from './hybrid-index.js';
import type { IngestRunner } from './jobs.js';
import { sniff } from './sniff.js';
import { fetchPassages, findBySha, getDocument, listDocuments, type DocumentRow } from './store.js';
import type { DocumentKind, KnowledgePassage } from './types.js';
import type { UploadedFile } from './upload.js';

export interface DocumentView {
  id: string;
  title: string;
  filename: string | null;
  kind: string;
  sizeBytes: number;
  sha256: string;
  status: string;
  error: string | null;
  chunksDone: number;
  chunksTotal: number;
  createdAt: string;
  updatedAt: string;
}

export const documentView = (r: DocumentRow): DocumentView => ({
  id: r.id,
  title: r.title,
  filename: r.filename,
  kind: r.kind,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  status: r.status,
  error: r.error,
  chunksDone: r.chunks_done,
  chunksTotal: r.chunks_total,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface Deps {
  db: Db;
  files: DocumentFiles;
  indexes: HybridIndexes;
  runner: IngestRunner;
  events: KnowledgeEvents;
  log?: Logger | undefined;
  now: () => Date;
}

const isUniqueViolation = (err: unknown): boolean =>
  /unique|duplicate key/i.test(err instanceof Error ? err.message : String(err));

/** Document operations behind the routes and the KnowledgeSearch export. */
export class KnowledgeService {
  constructor(private readonly deps: Deps) {}

  /**
   * Accepts uploads: every file is sniffed first (one unsupported file refuses the request with
   * 415 naming it, nothing stored); then each is stored durably (file fsync'ed, row committed)
   * before the response. The same bytes again return the existing document (`created: false`).
   */
  async ingest(
    principal: Principal,
    uploads: (UploadedFile & { title?: string; kind?: DocumentKind })[],
    ip: string,
  ): Promise<{ created: boolean; document: DocumentView }[]> {
    const typed = uploads.map((u) => {
      if (u.kind) return { ...u, kind: u.kind };
      const s = sniff(u.bytes, u.filename);
      if (!s.ok)
        throw new AppError(
          'unsupported_media_type',
          `file "${u.filename}" is not a supported document type`,
          {
            details: {
              file: u.filename,
              reason: s.reason,
              supported: ['txt', 'md', 'html', 'csv', 'pdf', 'docx'],
            },
          },
        );
      return { ...u, kind: s.kind };
    });
    const out: { created: boolean; document: DocumentView }[] = [];
    const { db } = this.deps;
    const businessId = principal.businessId;
    for (const u of typed) {
      const sha256 = createHash('sha256').update(u.bytes).digest('hex');
      const existing = await findBySha(db.kysely, businessId, sha256);
      if (existing) {
        out.push({ created: false, document: documentView(existing) });
        continue;
      }
      const id = randomUUID();
      await this.deps.files.write(businessId, id, u.bytes);
      const at = this.deps.now();
      const title =
        (u.title ?? path.basename(u.filename).replace(/\.[a-z0-9]{1,5}$/i, '')).slice(0, 300) || 'Untitled';
      try {
        await db.kysely.transaction().execute(async (trx) => {
          await trx
            .insertInto('knowledge_documents')
            .values({
              id,
              business_id: businessId,
              title,
              filename: u.filename,
              kind: u.kind,
              size_bytes: u.bytes.length,
              sha256,
              status: 'queued',
              error: null,
              chunks_total: 0,
              chunks_done: 0,
              attempts: 0,
              lease_until: null,
              created_at: at.toISOString(),
              updated_at: at.toISOString(),
            })
            .execute();
          await audit(
            trx,
            {
              businessId,
              actor: principal,
              action: 'knowledge.upload',
              target: { type: 'knowledge_document', id },
              details: { kind: u.kind, sizeBytes: u.bytes.length },
              ip,
            },
            at,
          );
        });
      } catch (err) {
        await this.deps.files.remove(businessId, id);
        const raced = isUniqueViolation(err) ? await findBySha(db.kysely, businessId, sha256) : undefined;
        if (!raced) throw err;
        out.push({ created: false, document: documentView(raced) });
        continue;
      }
      const row = await getDocument(db.kysely, businessId, id);
      out.push({ created: true, document: documentView(row!) });
    }
    if (out.some((o) => o.created)) this.deps.runner.kick();
    return out;
  }

  list(
    businessId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: DocumentView[]; total: number }> {
    return listDocuments(this.deps.db.kysely, businessId, page).then((r) => ({
      items: r.items.map(documentView),
      total: r.total,
    }));
  }

  async get(businessId: string, id: string): Promise<DocumentView & { chunkCount: number }> {
    const row = await getDocument(this.deps.db.kysely, businessId, id);
    if (!row) throw notFound('document');
    const n = await this.deps.db.kysely
      .selectFrom('knowledge_chunks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('business_id', '=', businessId)
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...documentView(row), chunkCount: Number(n.n) };
  }

  /** Removes the document from search at once, then its rows, vectors and stored file. */
  async remove(principal: Principal, id: string, ip: string): Promise<void> {
    const { db } = this.deps;
    const businessId = principal.businessId;
    const at = this.deps.now();
    const found = await db.kysely.transaction().execute(async (trx) => {
      const doc = await getDocument(trx, businessId, id);
      if (!doc) return undefined;
      const chunks = await trx
        .selectFrom('knowledge_chunks')
        .select('id')
        .where('business_id', '=', businessId)
        .where('document_id', '=', id)
        .execute();
      await trx
        .deleteFrom('knowledge_chunks')
        .where('business_id', '=', businessId)
        .where('document_id', '=', id)
        .execute();
      await trx
        .deleteFrom('knowledge_documents')
        .where('business_id', '=', businessId)
        .where('id', '=', id)
        .execute();
      await audit(
        trx,
        {
          businessId,
          actor: principal,
          action: 'knowledge.delete',
          target: { type: 'knowledge_document', id },
          details: { chunks: chunks.length },
          ip,
        },
        at,
      );
      return { doc, chunkIds: chunks.map((c) => c.id) };
    });
    if (!found) throw notFound('document');
    await this.deps.indexes.removeChunks(businessId, found.chunkIds);
    await this.deps.files.remove(businessId, id);
    this.deps.events.emit(
      { kind: 'knowledge.deleted', businessId, documentId: id, title: found.doc.title },
      (err) => this.deps.log?.error({ err }, 'knowledge event listener failed'),
    );
  }

  /** Hybrid top-k for one business: ranked ids from the index, text from ready documents of that business. */
  async query(businessId: string, text: string, k: number): Promise<KnowledgePassage[]> {
    const q = text.trim().slice(0, 2000);
    if (!q) return [];
    const kk = Math.min(Math.max(1, Math.floor(k)), 50);
    const hits = await this.deps.indexes.search(businessId, q, kk * 2);
    const rows = await fetchPassages(
      this.deps.db.kysely,
      businessId,
      hits.map((h) => h.chunkId),
    );
    const byId = new Map(rows.map((r) => [r.chunkId, r]));
    const out: KnowledgePassage[] = [];
    for (const h of hits) {
      const r = byId.get(h.chunkId);
      if (!r) continue; // deleted or not ready yet
      out.push({
        documentId: r.documentId,
        chunkId: r.chunkId,
        position: r.position,
        title: r.title,
        text: r.text,
        score: Math.round(h.score * 1e6) / 1e6,
      });
      if (out.length === kk) break;
    }
    return out;
  }
}
