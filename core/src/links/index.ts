export { runLinkCheck, type LinkCheckOptions, type LinkCheckSummary } from './run-link-check.js';
export { checkLink, type LinkOutcome } from './check-link.js';
export { registerLinkCheck, queueLinkCheck, type LinkCheckJobOptions } from './link-check-job.js';
export { linkReport, type LinkReport, type FailingLink } from './link-report.js';
