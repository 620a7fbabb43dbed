/**
 * Cluster shared state (issue 17): several appliance nodes on one PostgreSQL.
 *
 * - `nodes`: one row per node id (`cluster.nodeId`): where it runs, when this run started and its
 *   last heartbeat (ISO). A node whose heartbeat is older than `cluster.nodeTimeoutS` is lost and
 *   any other node ends its live calls.
 * - `calls.node_id`: the node that holds a call's media and dialog (null: rows from before 0012,
 *   made by a single box that has restarted since, so they are nobody's live calls).
 * - `api_rate_buckets`: the API token buckets when the database is PostgreSQL, so a business's
 *   plan rate holds across nodes (SQLite, one node, keeps them in memory).
 */
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('calls').addColumn('node_id', 'text').execute();
  // The heartbeat's look for live calls (`state in (live states)`, by node) must not scan every call.
  await db.schema.createIndex('calls_state_node').on('calls').columns(['state', 'node_id']).execute();
  await db.schema
    .createTable('api_rate_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    .addColumn('updated_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_rate_buckets').execute();
  await db.schema.dropIndex('calls_state_node').execute();
  await db.schema.alterTable('calls').dropColumn('node_id').execute();
  await db.schema.dropTable('nodes').execute();
}
