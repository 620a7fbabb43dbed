export { openDb, migrateToLatest, type Db, type Dialect, type OpenDbOptions } from './database.js';
export type * from './schema.js';
