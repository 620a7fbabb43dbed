/**
 * No call stays live forever: the live calls of a node that is gone are ended, once, by whoever
 * notices first. A node at start ends the calls its previous run left live (`node_restart`), as
 * of that run's last heartbeat; every node, on its heartbeat, ends the live calls of nodes whose
 * heartbeat is older than `cluster.nodeTimeoutS` or that stopped (`node_lost`), as of the lost
 * node's last heartbeat. Rows without a node (made before migration 0012 by a single box that
 * has restarted since) are ended too.
 *
 * Each call is ended by one conditional UPDATE (`state` still what was read), so two nodes
 * sweeping together, or the owner finishing the call late, count it once: a ringing call (the
 * agent never answered) gives its plan admission back, as the stale sweep does; an answered call
 * keeps it, gets its seconds up to the node's last heartbeat, its conversation ended and the
 * `call.ended` / `transcript.ready` events, like `finishCallRecords`.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { recordCallEnd, releaseCallAdmission } from '../billing/index.js';
import type { Database } from '../db/index.js';
import { emitEvent } from '../webhooks/index.js';

type Db = Kysely<Database>;

/** Call row states that are live (`transferring` is kept for rows that may carry it). */
/** States of a call that is still going: a call in one of these holds a line on its node. */
export const LIVE_CALL_STATES = ['ringing', 'active', 'transferring'] as const;
const LIVE_STATES = [...LIVE_CALL_STATES];

export type NodeEndReason = 'node_restart' | 'node_lost';

interface Deps {
  db: Db;
  now: () => Date;
  log: Logger;
}

/**
 * Ends the live calls of `nodeId` (null: rows without a node) with `reason`, as of `lastSeen`
 * (ISO; undefined: now). Returns how many this call ended.
 */
export async function endNodeCalls(
  d: Deps,
  nodeId: string | null,
  reason: NodeEndReason,
  lastSeen: string | undefined,
): Promise<number> {
  const now = d.now();
  const rows = await (
    nodeId === null
      ? d.db.selectFrom('calls').where('node_id', 'is', null)
      : d.db.selectFrom('calls').where('node_id', '=', nodeId)
  )
    .select([
      'id',
      'business_id',
      'agent_id',
      'conversation_id',
      'state',
      'billing',
      'started_at',
      'answered_at',
    ])
    .where('state', 'in', LIVE_STATES)
    .limit(1000)
    .execute();
  let ended = 0;
  for (const c of rows) {
    const from = c.answered_at ?? c.started_at;
    // The call lasted at most until its node was last heard of (never before it was answered).
    const seenMs = Math.min(now.getTime(), lastSeen ? Date.parse(lastSeen) : now.getTime());
    const endMs = Math.max(Date.parse(from), Number.isFinite(seenMs) ? seenMs : now.getTime());
    const endAt = new Date(endMs);
    const durationMs = c.answered_at ? endMs - Date.parse(c.answered_at) : 0;
    const done = await d.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('calls')
        .set({ state: 'ended', ended_at: endAt.toISOString(), end_reason: reason })
        .where('id', '=', c.id)
        .where('business_id', '=', c.business_id)
        .where('state', '=', c.state)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (c.state === 'ringing' || !c.conversation_id) {
        await releaseCallAdmission(trx, c.business_id, c.billing, c.started_at);
        return true;
      }
      await trx
        .updateTable('conversations')
        .set({
          status: 'ended',
          ended_at: endAt.toISOString(),
          duration_ms: Math.max(0, Math.round(durationMs)),
          summary: reason,
        })
        .where('id', '=', c.conversation_id)
        .where('business_id', '=', c.business_id)
        .where('status', '=', 'active')
        .execute();
      if (c.billing !== 'test') await recordCallEnd(trx, c.business_id, c.conversation_id, durationMs, endAt);
      await emitEvent(
        trx,
        c.business_id,
        'call.ended',
        {
          callId: c.id,
          conversationId: c.conversation_id,
          agentId: c.agent_id,
          reason,
          durationMs: Math.round(durationMs),
        },
        endAt,
      );
      await emitEvent(
        trx,
        c.business_id,
        'transcript.ready',
        { callId: c.id, conversationId: c.conversation_id },
        endAt,
      );
      return true;
    });
    if (done) ended++;
  }
  if (ended) d.log.warn({ nodeId, reason, ended }, 'live calls of a gone node ended');
  return ended;
}

/**
 * Ends the live calls of every other node that is lost (heartbeat older than `timeoutS`, or
 * stopped) and of rows without a node. Returns how many calls were ended.
 */
export async function sweepLostNodeCalls(d: Deps, selfId: string, timeoutS: number): Promise<number> {
  const cutoff = new Date(d.now().getTime() - timeoutS * 1000).toISOString();
  const owners = await d.db
    .selectFrom('calls')
    .leftJoin('nodes', 'nodes.id', 'calls.node_id')
    .select(['calls.node_id', 'nodes.heartbeat_at', 'nodes.state'])
    .distinct()
    .where('calls.state', 'in', LIVE_STATES)
    .where((eb) => eb.or([eb('calls.node_id', 'is', null), eb('calls.node_id', '!=', selfId)]))
    .execute();
  let ended = 0;
  for (const o of owners) {
    const lost =
      o.node_id === null || o.heartbeat_at === null || o.state === 'stopped' || o.heartbeat_at < cutoff;
    if (!lost) continue;
    ended += await endNodeCalls(d, o.node_id, 'node_lost', o.heartbeat_at ?? undefined);
  }
  return ended;
}

/** Live calls per node id (rows without a node under `''`): for the operator's node list. */
export async function liveCallsByNode(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('calls')
    .select(['node_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('state', 'in', LIVE_STATES)
    .groupBy('node_id')
    .execute();
  return new Map(rows.map((r) => [r.node_id ?? '', Number(r.n)]));
}
