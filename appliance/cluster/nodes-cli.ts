/**
 * `appliance cluster nodes`: the nodes sharing this database, read from the `nodes` table (the
 * same rows the heartbeat writes), with each one's live calls. A node is `lost` when it did not
 * stop cleanly and its heartbeat is older than `cluster.nodeTimeoutS` (the other nodes then end
 * its calls). Exit 0; 1 when some node is lost, so a monitoring script can alert on it.
 */
import type { Kysely } from 'kysely';
import { liveCallsByNode } from '../calls/index.js';
import type { Database } from '../db/index.js';
import { listNodes } from './nodes.js';

export interface NodesCliIo {
  out(line: string): void;
}

export type NodeHealth = 'running' | 'stopped' | 'lost';

export interface NodeRow {
  id: string;
  health: NodeHealth;
  address: string;
  heartbeatAgeS: number;
  startedAt: string;
  liveCalls: number;
}

export async function nodeRows(db: Kysely<Database>, nodeTimeoutS: number, now: Date): Promise<NodeRow[]> {
  const [nodes, live] = await Promise.all([listNodes(db), liveCallsByNode(db)]);
  return nodes.map((n) => {
    const ageS = Math.max(0, (now.getTime() - Date.parse(n.heartbeatAt)) / 1000);
    const health: NodeHealth = n.state === 'stopped' ? 'stopped' : ageS > nodeTimeoutS ? 'lost' : 'running';
    return {
      id: n.id,
      health,
      address: n.address,
      heartbeatAgeS: Math.round(ageS * 10) / 10,
      startedAt: n.startedAt,
      liveCalls: live.get(n.id) ?? 0,
    };
  });
}

/** Prints one line per node (or JSON with `--json`). */
export async function runNodesCli(
  args: string[],
  db: Kysely<Database>,
  nodeTimeoutS: number,
  io: NodesCliIo,
  now: Date = new Date(),
): Promise<number> {
  const rows = await nodeRows(db, nodeTimeoutS, now);
  if (args.includes('--json')) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out('no nodes have registered with this database yet');
  else
    for (const r of rows)
      io.out(
        `${r.id}  ${r.health}  heartbeat ${r.heartbeatAgeS} s ago  ${r.liveCalls} live call${r.liveCalls === 1 ? '' : 's'}  since ${r.startedAt}  (${r.address})`,
      );
  return rows.some((r) => r.health === 'lost') ? 1 : 0;
}
