/**
 * Node identity and liveness. Every appliance process is a node with a stable id; it registers
 * at start (the previous run's heartbeat is returned, so the calls that run left live can be
 * ended as of then) and writes a heartbeat every `cluster.heartbeatMs`. Heartbeats are the node's
 * wall clock (ISO), compared by the other nodes' clocks: nodes must keep time (NTP), and the
 * 15 s default timeout leaves room for seconds of skew.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

type Db = Kysely<Database>;

export type NodeState = 'running' | 'stopped';

export interface NodeView {
  id: string;
  address: string;
  startedAt: string;
  heartbeatAt: string;
  state: NodeState;
}

/**
 * The configured id, else `<hostname>-<8 hex of the data dir's absolute path>`: two installs on
 * one host differ, a restart of one install keeps its id.
 */
export function resolveNodeId(configured: string, dataDir: string, hostname: string = os.hostname()): string {
  if (configured) return configured;
  const host =
    hostname
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 48) || 'node';
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 8);
  return `${host}-${hash}`;
}

/**
 * Registers this run of the node (insert or take over its row) and returns the previous run's
 * last heartbeat (undefined: first start), read in the same transaction.
 */
export async function registerNode(
  db: Db,
  n: { id: string; address: string; at: Date },
): Promise<{ previousHeartbeatAt: string | undefined }> {
  return db.transaction().execute(async (trx) => {
    const prev = await trx
      .selectFrom('nodes')
      .select('heartbeat_at')
      .where('id', '=', n.id)
      .executeTakeFirst();
    const at = n.at.toISOString();
    await trx
      .insertInto('nodes')
      .values({ id: n.id, address: n.address, started_at: at, heartbeat_at: at, state: 'running' })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ address: n.address, started_at: at, heartbeat_at: at, state: 'running' }),
      )
      .execute();
    return { previousHeartbeatAt: prev?.heartbeat_at };
  });
}

/** One heartbeat; also revives the row if another node had marked it stopped after a long stall. */
export async function heartbeat(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('nodes')
    .set({ heartbeat_at: at.toISOString(), state: 'running' })
    .where('id', '=', id)
    .execute();
}

/** A clean stop: the node's calls have ended; others need not wait out its timeout. */
export async function markStopped(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('nodes')
    .set({ heartbeat_at: at.toISOString(), state: 'stopped' })
    .where('id', '=', id)
    .execute();
}

export async function listNodes(db: Db): Promise<NodeView[]> {
  const rows = await db.selectFrom('nodes').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    address: r.address,
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
    state: r.state === 'stopped' ? 'stopped' : 'running',
  }));
}
