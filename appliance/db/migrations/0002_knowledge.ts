import type { Kysely } from 'kysely';

/**
 * Knowledge documents and their chunks. The chunk vector (little-endian float32, base64 text) lives
 * in the database on both dialects: it is the source of truth every node's HNSW index is built from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('knowledge_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('chunks_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Re-uploading the same bytes is idempotent per business.
  await db.schema
    .createIndex('knowledge_documents_sha')
    .on('knowledge_documents')
    .columns(['business_id', 'sha256'])
    .unique()
    .execute();
  await db.schema
    .createIndex('knowledge_documents_status')
    .on('knowledge_documents')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('knowledge_chunks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) =>
      c.notNull().references('knowledge_documents.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('vector', 'text')
    .addColumn('embed_model', 'text')
    .execute();
  await db.schema
    .createIndex('knowledge_chunks_doc')
    .on('knowledge_chunks')
    .columns(['document_id', 'position'])
    .unique()
    .execute();
  // No index on knowledge_chunks.business_id alone: SQLite's planner would prefer it to the primary
  // key for the query-time `id IN (...) AND business_id = ?` fetch and scan a business's chunks.
  // Whole-business reads go through knowledge_documents (business_id, sha256) -> (document_id, position).
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('knowledge_chunks').ifExists().execute();
  await db.schema.dropTable('knowledge_documents').ifExists().execute();
}
