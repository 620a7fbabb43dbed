/**
 * Cluster: several appliance nodes sharing one PostgreSQL (README "Cluster"). Node identity,
 * heartbeats and the end of calls left live by gone nodes.
 */
export { createClusterModule, type ClusterModule, type HeartbeatHook } from './module.js';
export { resolveNodeId, listNodes, type NodeView, type NodeState } from './nodes.js';
