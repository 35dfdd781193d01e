export * from './config/load-config.js';
export * from './errors/codes.js';
export * from './db/entities/index.js';
export { createOrm, ormOptions, MIGRATIONS_DIR, type Orm } from './db/orm.js';
export { migrate } from './db/migrate.js';
export { openDatabase, connectAndMigrate, DEFAULT_DATABASE, type OpenedDatabase } from './db/database.js';
export { startEmbeddedPostgres, ensureDatabase, type EmbeddedCluster } from './db/embedded-postgres.js';
