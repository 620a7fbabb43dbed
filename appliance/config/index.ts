export { configSchema, type AppConfig, type ConfigInput } from './schema.js';
export { loadConfig, ConfigError, envBindings } from './load.js';
