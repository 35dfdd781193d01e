export { clusterJobs, type ClusterStageResult, type ClusterOptions } from './cluster-jobs.js';
export { splitFromCluster, readCluster, type ClusterView, type ClusterMemberView, type SplitResult } from './cluster-admin.js';
