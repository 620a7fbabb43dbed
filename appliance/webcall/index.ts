/** Browser calls (WebRTC through a Janus Gateway on the box): module `webcall`. */
export { createWebCallModule, type WebCallModule } from './module.js';
export { WebCallRegistry } from './registry.js';
export { janusConfigFiles, writeJanusConfig, type JanusConfigOptions } from './janus-config.js';
export { EMBED_JS } from './embed.js';
