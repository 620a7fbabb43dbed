export {
  openDb,
  migrateToLatest,
  type Db,
  type Dialect,
  type OpenDbOptions,
  type MigrateOptions,
  type MigrationLog,
} from './database.js';
export { snapshotDatabase, restoreSnapshot, snapshotFileName, postgresTableCount } from './dump.js';
export { migrations } from './migrations/index.js';
export type * from './schema.js';
