/**
 * Cluster (README "Cluster"): the SIP front door's Kamailio configuration (kamailio.ts), node
 * drain (node-control.ts service side, node-cli.ts operator side), and the state several nodes
 * share on one PostgreSQL: node identity, heartbeats and the end of calls left live by gone
 * nodes (module.ts, nodes.ts).
 */
export { FrontConfigError, kamailioConfig, dispatcherList, type FrontConfig } from './kamailio.js';
export { runKamailioConfigCli, writeKamailioConfig } from './kamailio-cli.js';
export { nodeUsage, runNodeCli } from './node-cli.js';
export {
  readNodeState,
  startNodeControl,
  type DrainTarget,
  type NodeState as NodeControlState,
} from './node-control.js';
export { createClusterModule, type ClusterModule, type HeartbeatHook } from './module.js';
export { nodeRows, runNodesCli, type NodeHealth, type NodeRow } from './nodes-cli.js';
export { resolveNodeId, listNodes, type NodeView, type NodeState } from './nodes.js';
