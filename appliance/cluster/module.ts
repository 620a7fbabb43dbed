/**
 * The `cluster` module: this node's row in `nodes`, its heartbeat, and the end of calls left
 * live by gone nodes (calls/node-calls.ts). Started first, so the calls the previous run of this
 * node left live are ended before it takes new ones; stopped last, after the calls module has
 * finished its calls, marking the node stopped.
 */
import os from 'node:os';
import { endNodeCalls, sweepLostNodeCalls } from '../calls/index.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import { heartbeat, listNodes, markStopped, registerNode, type NodeView } from './nodes.js';

export interface ClusterModule extends ApplianceModule {
  readonly name: 'cluster';
  readonly nodeId: string;
  /** One heartbeat and lost-node sweep now (the timer runs it every `cluster.heartbeatMs`); returns calls ended. */
  tick(): Promise<number>;
  nodes(): Promise<NodeView[]>;
}

/** Extra work on every heartbeat (e.g. the knowledge module noticing a retrain on another node). */
export type HeartbeatHook = () => Promise<void>;

export function createClusterModule(
  { app }: ModuleDeps,
  hooks: readonly HeartbeatHook[] = [],
): ClusterModule {
  const log = app.log.child({ module: 'cluster', nodeId: app.nodeId });
  const db = app.db.kysely;
  const cfg = app.config.cluster;
  const deps = { db, now: () => app.now(), log };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let lastError: string | undefined;

  const tick = async (): Promise<number> => {
    await heartbeat(db, app.nodeId, app.now());
    const ended = await sweepLostNodeCalls(deps, app.nodeId, cfg.nodeTimeoutS);
    for (const h of hooks) await h().catch((err: unknown) => log.error({ err }, 'heartbeat hook failed'));
    return ended;
  };
  const onTimer = (): void => {
    if (running) return; // a slow database: never two ticks at once
    running = tick()
      .then((n) => {
        lastError = undefined;
        return n;
      })
      .catch((err: unknown) => {
        lastError = String(err);
        log.error({ err }, 'cluster heartbeat failed');
        return 0;
      })
      .finally(() => (running = undefined));
  };

  return {
    name: 'cluster',
    nodeId: app.nodeId,
    tick,
    nodes: () => listNodes(db),
    routes: () => [],
    async start() {
      const address = [
        os.hostname(),
        app.config.sip.enabled ? `sip ${app.config.sip.publicAddress || app.config.sip.bindAddress}` : '',
        `http ${app.config.http.bindAddress}`,
      ]
        .filter(Boolean)
        .join(' ');
      const { previousHeartbeatAt } = await registerNode(db, { id: app.nodeId, address, at: app.now() });
      // Calls the previous run of this node left live: ended as of its last heartbeat.
      if (previousHeartbeatAt !== undefined)
        await endNodeCalls(deps, app.nodeId, 'node_restart', previousHeartbeatAt);
      await sweepLostNodeCalls(deps, app.nodeId, cfg.nodeTimeoutS).catch((err: unknown) =>
        log.error({ err }, 'lost node sweep failed'),
      );
      log.info({ previousHeartbeatAt }, 'node registered');
      if (cfg.heartbeatMs * 2 > cfg.nodeTimeoutS * 1000)
        log.warn(
          { heartbeatMs: cfg.heartbeatMs, nodeTimeoutS: cfg.nodeTimeoutS },
          'cluster.heartbeatMs is over half of cluster.nodeTimeoutS: live nodes may be taken for lost',
        );
      timer = setInterval(onTimer, cfg.heartbeatMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      await markStopped(db, app.nodeId, app.now()).catch((err: unknown) =>
        log.error({ err }, 'marking the node stopped failed'),
      );
    },
    status: () => ({ nodeId: app.nodeId, ...(lastError ? { error: lastError } : {}) }),
  };
}
