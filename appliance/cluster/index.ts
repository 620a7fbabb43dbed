/**
 * Cluster operations beside the service: the SIP front door's Kamailio configuration
 * (kamailio.ts) and node drain (node-control.ts service side, node-cli.ts operator side).
 */
export { FrontConfigError, kamailioConfig, dispatcherList, type FrontConfig } from './kamailio.js';
export { runKamailioConfigCli, writeKamailioConfig } from './kamailio-cli.js';
export { nodeUsage, runNodeCli } from './node-cli.js';
export { readNodeState, startNodeControl, type DrainTarget, type NodeState } from './node-control.js';
