import type { Kysely } from 'kysely';

/**
 * Conversation turns (one row per caller or agent turn, written as it happens) and agent build
 * artefacts from training (STT phrase list, knowledge index version, intent index summary).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversation_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('intent', 'text')
    .addColumn('confidence', 'real')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('latency', 'text')
    .addColumn('interrupted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('meta', 'text')
    .execute();
  await db.schema
    .createIndex('conversation_turns_seq')
    .on('conversation_turns')
    .columns(['conversation_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('conversations_agent')
    .on('conversations')
    .columns(['business_id', 'agent_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('agent_builds')
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_builds_pk', ['agent_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agent_builds').execute();
  await db.schema.dropIndex('conversations_agent').execute();
  await db.schema.dropTable('conversation_turns').execute();
}
