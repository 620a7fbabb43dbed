import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, KnowledgeDocumentsTable } from '../db/index.js';
import type { ChunkKind, DocumentStatus } from './types.js';

/** Database access of the knowledge layer. Every statement is scoped by business_id or a document id. */
export type DocumentRow = Selectable<KnowledgeDocumentsTable>;
type K = Kysely<Database>;

export const encodeVector = (v: Float32Array): string =>
  Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

export function decodeVector(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Float32Array(buf.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

export const findBySha = (db: K, businessId: string, sha256: string): Promise<DocumentRow | undefined> =>
  db
    .selectFrom('knowledge_documents')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();

export const getDocument = (db: K, businessId: string, id: string): Promise<DocumentRow | undefined> =>
  db
    .selectFrom('knowledge_documents')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();

export async function listDocuments(
  db: K,
  businessId: string,
  page: { limit: number; offset: number },
): Promise<{ items: DocumentRow[]; total: number }> {
  const items = await db
    .selectFrom('knowledge_documents')
    .selectAll()
    .where('business_id', '=', businessId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('knowledge_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function setStatus(
  db: K,
  id: string,
  status: DocumentStatus,
  nowIso: string,
  extra: { error?: string | null; chunksTotal?: number; leaseUntil?: string | null } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('knowledge_documents')
    .set({
      status,
      updated_at: nowIso,
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(extra.chunksTotal !== undefined ? { chunks_total: extra.chunksTotal } : {}),
      ...(extra.leaseUntil !== undefined ? { lease_until: extra.leaseUntil } : {}),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

const working: DocumentStatus[] = ['queued', 'extracting', 'chunking', 'embedding', 'indexing'];

/**
 * At boot: this node's unfinished jobs died with the previous process; queue them again. A
 * document that was claimed `maxClaims` times without finishing (it keeps killing the process,
 * e.g. a pathological PDF) fails instead of looping forever.
 */
export async function requeueUnfinished(
  db: K,
  nowIso: string,
  maxClaims = 5,
  onFailed?: (trx: K, doc: DocumentRow, error: string) => Promise<unknown>,
): Promise<number> {
  const error = `ingestion was interrupted ${maxClaims} times; the document may be too large or malformed`;
  // Each one fails with its `knowledge.failed` event in one transaction.
  const stuck = await db
    .selectFrom('knowledge_documents')
    .selectAll()
    .where('status', 'in', working)
    .where('attempts', '>=', maxClaims)
    .execute();
  for (const doc of stuck)
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('knowledge_documents')
        .set({ status: 'failed', error, lease_until: null, updated_at: nowIso })
        .where('id', '=', doc.id)
        .where('status', 'in', working)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) > 0) await onFailed?.(trx, doc, error);
    });
  const r = await db
    .updateTable('knowledge_documents')
    .set({ status: 'queued', lease_until: null, updated_at: nowIso })
    .where(
      'status',
      'in',
      working.filter((s) => s !== 'queued'),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Claims the oldest queued document (or one whose lease expired: its node died) with a
 * compare-and-set on status and lease, so two runners (or two nodes) never take the same job.
 */
export async function claimNext(db: K, nowIso: string, leaseUntil: string): Promise<DocumentRow | undefined> {
  const candidates = await db
    .selectFrom('knowledge_documents')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', 'in', working), eb('lease_until', '<', nowIso)]),
      ]),
    )
    .orderBy('created_at')
    .limit(5)
    .execute();
  for (const doc of candidates) {
    const r = await db
      .updateTable('knowledge_documents')
      .set({ status: 'extracting', lease_until: leaseUntil, updated_at: nowIso, attempts: sql`attempts + 1` })
      .where('id', '=', doc.id)
      .where('status', '=', doc.status)
      .where((eb) =>
        doc.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', doc.lease_until),
      )
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return { ...doc, status: 'extracting', lease_until: leaseUntil };
  }
  return undefined;
}

export const renewLease = async (db: K, id: string, leaseUntil: string): Promise<void> => {
  await db.updateTable('knowledge_documents').set({ lease_until: leaseUntil }).where('id', '=', id).execute();
};

export const countChunks = async (
  db: K,
  documentId: string,
): Promise<{ total: number; embedded: number }> => {
  const r = await db
    .selectFrom('knowledge_chunks')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('vector').as('embedded')])
    .where('document_id', '=', documentId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), embedded: Number(r.embedded) };
};

/** Replaces a document's chunks (idempotent rebuild after a crash mid-chunking). */
export async function replaceChunks(
  db: K,
  doc: { id: string; business_id: string },
  chunks: { id: string; kind: ChunkKind; text: string }[],
  nowIso: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('knowledge_chunks').where('document_id', '=', doc.id).execute();
    for (let i = 0; i < chunks.length; i += 200) {
      const batch = chunks.slice(i, i + 200).map((c, j) => ({
        id: c.id,
        business_id: doc.business_id,
        document_id: doc.id,
        position: i + j,
        kind: c.kind,
        text: c.text,
        vector: null,
        embed_model: null,
      }));
      if (batch.length) await trx.insertInto('knowledge_chunks').values(batch).execute();
    }
    await trx
      .updateTable('knowledge_documents')
      .set({ status: 'embedding', chunks_total: chunks.length, chunks_done: 0, updated_at: nowIso })
      .where('id', '=', doc.id)
      .execute();
  });
}

export const chunksWithoutVector = (db: K, documentId: string, limit: number) =>
  db
    .selectFrom('knowledge_chunks')
    .select(['id', 'business_id', 'position', 'kind', 'text'])
    .where('document_id', '=', documentId)
    .where('vector', 'is', null)
    .orderBy('position')
    .limit(limit)
    .execute();

/**
 * Stores a batch of vectors and advances chunks_done in one transaction (a counter, not
 * read-modify-write). The vectors go in as one multi-row upsert on the chunk id (portable
 * `ON CONFLICT (id) DO UPDATE`), not one UPDATE per chunk.
 */
export async function saveVectors(
  db: K,
  documentId: string,
  vectors: {
    id: string;
    business_id: string;
    position: number;
    kind: string;
    text: string;
    vector: Float32Array;
  }[],
  model: string,
  nowIso: string,
): Promise<void> {
  if (vectors.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // Only chunks that still exist (the document may have been deleted meanwhile).
    const alive = new Set(
      (
        await trx
          .selectFrom('knowledge_chunks')
          .select('id')
          .where('document_id', '=', documentId)
          .where(
            'id',
            'in',
            vectors.map((v) => v.id),
          )
          .execute()
      ).map((r) => r.id),
    );
    const rows = vectors
      .filter((v) => alive.has(v.id))
      .map((v) => ({
        id: v.id,
        business_id: v.business_id,
        document_id: documentId,
        position: v.position,
        kind: v.kind,
        text: v.text,
        vector: encodeVector(v.vector),
        embed_model: model,
      }));
    if (rows.length === 0) return;
    await trx
      .insertInto('knowledge_chunks')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          vector: eb.ref('excluded.vector'),
          embed_model: eb.ref('excluded.embed_model'),
        })),
      )
      .execute();
    await trx
      .updateTable('knowledge_documents')
      .set({ chunks_done: sql`chunks_done + ${rows.length}`, updated_at: nowIso })
      .where('id', '=', documentId)
      .execute();
  });
}

/**
 * Writes back vectors re-made by another embedding engine (after a model switch), so the next
 * index load (a restart, another node) finds them in the database instead of re-embedding every
 * chunk again. One transaction, an UPDATE per chunk (this runs once per chunk per switch).
 */
export async function saveReembedded(
  db: K,
  businessId: string,
  vectors: { id: string; vector: Float32Array }[],
  model: string,
): Promise<void> {
  if (vectors.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const v of vectors)
      await trx
        .updateTable('knowledge_chunks')
        .set({ vector: encodeVector(v.vector), embed_model: model })
        .where('id', '=', v.id)
        .where('business_id', '=', businessId)
        .execute();
  });
}

export interface IndexableChunk {
  id: string;
  text: string;
  vector: string | null;
  embed_model: string | null;
}

/** A document's chunks, for adding to the index. */
export const documentChunks = (db: K, documentId: string): Promise<IndexableChunk[]> =>
  db
    .selectFrom('knowledge_chunks')
    .select(['id', 'text', 'vector', 'embed_model'])
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();

/** Every indexable chunk of a business (documents being indexed or ready), for a full rebuild. */
export const businessChunks = (db: K, businessId: string): Promise<IndexableChunk[]> =>
  db
    .selectFrom('knowledge_chunks')
    .innerJoin('knowledge_documents', 'knowledge_documents.id', 'knowledge_chunks.document_id')
    .select([
      'knowledge_chunks.id as id',
      'knowledge_chunks.text as text',
      'knowledge_chunks.vector as vector',
      'knowledge_chunks.embed_model as embed_model',
    ])
    .where('knowledge_chunks.business_id', '=', businessId)
    .where('knowledge_documents.business_id', '=', businessId)
    .where('knowledge_documents.status', 'in', ['indexing', 'ready'])
    .execute();

/** Passages for the ids the index ranked: ready documents of this business only. */
export const fetchPassages = (db: K, businessId: string, chunkIds: string[]) =>
  chunkIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('knowledge_chunks')
        .innerJoin('knowledge_documents', 'knowledge_documents.id', 'knowledge_chunks.document_id')
        .select([
          'knowledge_chunks.id as chunkId',
          'knowledge_chunks.document_id as documentId',
          'knowledge_chunks.position as position',
          'knowledge_chunks.text as text',
          'knowledge_documents.title as title',
        ])
        .where('knowledge_chunks.business_id', '=', businessId)
        .where('knowledge_documents.business_id', '=', businessId)
        .where('knowledge_documents.status', '=', 'ready')
        .where('knowledge_chunks.id', 'in', chunkIds)
        .execute();

/** Index version per business; the knowledge_bases row's id is the business id (one per business). */
export async function indexVersion(db: K, businessId: string): Promise<number> {
  const r = await db
    .selectFrom('knowledge_bases')
    .select('index_version')
    .where('business_id', '=', businessId)
    .where('id', '=', businessId)
    .executeTakeFirst();
  return Number(r?.index_version ?? 0);
}

export async function bumpIndexVersion(db: K, businessId: string, nowIso: string): Promise<number> {
  await db
    .insertInto('knowledge_bases')
    .values({
      id: businessId,
      business_id: businessId,
      name: 'default',
      index_version: 0,
      status: 'ready',
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .updateTable('knowledge_bases')
    .set({ index_version: sql`index_version + 1`, updated_at: nowIso })
    .where('id', '=', businessId)
    .where('business_id', '=', businessId)
    .execute();
  return indexVersion(db, businessId);
}
