export { hasMailConsent, CONSENT_SQL, type ConsentFields } from './alert-consent.js';
export { matchAlert, MATCH_OVERLAP_MS, MAX_JOBS_PER_EMAIL, type AlertJob, type MatchOptions, type SqlRunner } from './match-alert.js';
export { DIGEST_SCHEDULES, DIGEST_TIMEZONE, isDigestDue, latestDigestSlot, type DigestFrequency } from './digest-schedule.js';
export { loadAlertTemplates, type AlertTemplates, type AlertEmailView, type AlertEmailJobView, type UnsubscribePageView } from './alert-templates.js';
export { buildAlertEmail, alertEmailView, alertSubject, applyUrl, unsubscribeUrl, type AlertMailConfig, type AlertEmailInput } from './alert-email.js';
export { sendInstantAlerts, sendDigests, MAX_SEND_ATTEMPTS, type AlertSendOptions, type AlertRunSummary } from './send-alerts.js';
export { findAlertByToken, unsubscribeAlert, newUnsubscribeToken, type TokenAlert } from './alert-unsubscribe.js';
export { previewAlertEmail, type AlertPreview } from './alert-preview.js';
export {
  registerAlertJobs, ALERT_SCHEDULES,
  type AlertJobScheduler, type AlertJobDeps, type AlertJobs, type InstantJobData, type DigestJobData,
} from './alert-jobs.js';
