export { useTestDatabase, createTestDatabase, dropTestDatabase, type TestDatabase } from './test-database.js';
export { withDatabase, TEMPLATE_DATABASE } from './database-urls.js';
export { startReplica, type ReplicaCluster, type StartReplicaOptions } from './start-replica.js';
