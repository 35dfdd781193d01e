export * from './ids.js';
export * from './user.js';
export * from './user-profile.js';
export * from './session.js';
export * from './province.js';
export * from './major.js';
export * from './skill.js';
export * from './data-source.js';
export * from './job.js';
export * from './scrape-log.js';
export * from './access-log.js';
export * from './saved-job.js';
export * from './job-alert.js';
export * from './alert-delivery.js';
export * from './job-click.js';
export * from './host-slot.js';
export * from './password-reset-token.js';
export * from './rate-limit-bucket.js';
export * from './login-throttle.js';
export * from './url-validator.js';
export * from './skipped-posting.js';
export * from './robots-file.js';
export * from './job-cluster.js';
export * from './job-cluster-member.js';
export * from './job-cluster-split.js';

import { User } from './user.js';
import { UserProfile } from './user-profile.js';
import { Session } from './session.js';
import { Province } from './province.js';
import { Major } from './major.js';
import { Skill } from './skill.js';
import { DataSource } from './data-source.js';
import { Job } from './job.js';
import { ScrapeLog } from './scrape-log.js';
import { AccessLog } from './access-log.js';
import { SavedJob } from './saved-job.js';
import { JobAlert } from './job-alert.js';
import { AlertDelivery } from './alert-delivery.js';
import { JobClick } from './job-click.js';
import { HostSlot } from './host-slot.js';
import { PasswordResetToken } from './password-reset-token.js';
import { RateLimitBucket } from './rate-limit-bucket.js';
import { LoginThrottle } from './login-throttle.js';
import { UrlValidator } from './url-validator.js';
import { SkippedPosting } from './skipped-posting.js';
import { RobotsFile } from './robots-file.js';
import { JobCluster } from './job-cluster.js';
import { JobClusterMember } from './job-cluster-member.js';
import { JobClusterSplit } from './job-cluster-split.js';

/** Every entity, for the ORM's discovery. */
export const entities = [
  User, UserProfile, Session, Province, Major, Skill, DataSource, Job, ScrapeLog, AccessLog,
  SavedJob, JobAlert, AlertDelivery, JobClick, HostSlot, PasswordResetToken, RateLimitBucket, LoginThrottle,
  UrlValidator, SkippedPosting, RobotsFile, JobCluster, JobClusterMember, JobClusterSplit,
];
