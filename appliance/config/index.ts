export { configSchema, type AppConfig, type ConfigInput } from './schema.js';
export { loadConfig, ConfigError, envBindings } from './load.js';

/** Where the files every node reads live (`cluster.sharedDir`, else the data directory). */
export const sharedFilesDir = (c: { dataDir: string; cluster: { sharedDir: string } }): string =>
  c.cluster.sharedDir || c.dataDir;
