import type { PathfinderConfig } from '../config/load-config.js';
import type { AlertFrequency } from '../db/entities/ids.js';
import type { MailMessage } from '../mail/mailer.js';
import type { AlertEmailView, AlertTemplates } from './alert-templates.js';
import type { AlertJob } from './match-alert.js';

/** The configuration an alert email needs: links, the sender and the CASL mailing address. */
export type AlertMailConfig = Pick<PathfinderConfig, 'publicUrl' | 'mailFrom' | 'mailPostalAddress'>;

export interface AlertEmailInput {
  alert: { id: string; name: string; frequency: AlertFrequency; unsubscribeToken: string };
  /** The user's email address. */
  recipient: string;
  jobs: AlertJob[];
}

const JOB_TYPE_LABELS: Record<string, string> = { coop: 'Co-op', internship: 'Internship', new_grad: 'New grad' };
const LOCATION_TYPE_LABELS: Record<string, string> = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site' };
const FREQUENCY_LABELS: Record<AlertFrequency, string> = { instant: 'as jobs arrive', daily: 'daily digest', weekly: 'weekly digest' };

/** Deadlines are the end of a local day: print them in the job's own province, or Toronto's. */
const PROVINCE_TIMEZONES: Record<string, string> = {
  BC: 'America/Vancouver', AB: 'America/Edmonton', SK: 'America/Regina', MB: 'America/Winnipeg',
  ON: 'America/Toronto', QC: 'America/Toronto', NB: 'America/Moncton', NS: 'America/Halifax',
  PE: 'America/Halifax', NL: 'America/St_Johns', YT: 'America/Whitehorse', NT: 'America/Yellowknife', NU: 'America/Iqaluit',
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDeadline(deadline: Date, province: string | null): string {
  const timeZone = (province && PROVINCE_TIMEZONES[province]) || 'America/Toronto';
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'long', day: 'numeric' });
    dateFormats.set(timeZone, format);
  }
  return format.format(deadline);
}

/** Stored text can hold anything: one line (no forged lines in the text part), bounded length. */
function clean(value: string | null | undefined, max: number): string {
  // eslint-disable-next-line no-control-regex
  const line = (value ?? '').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function parseSender(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(from);
  if (match) return { name: match[1]!.trim() || 'Pathfinder', email: match[2]! };
  return { name: 'Pathfinder', email: from.trim() };
}

/** `PUBLIC_URL/api/v1/jobs/{id}/apply`: the click is counted, then the user goes to the posting. */
export const applyUrl = (publicUrl: string, jobId: string) => `${publicUrl}/api/v1/jobs/${encodeURIComponent(jobId)}/apply`;

/** `PUBLIC_URL/api/v1/alerts/unsubscribe?token=…`: GET confirms, POST (one-click, RFC 8058) stops the alert. */
export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/api/v1/alerts/unsubscribe?token=${encodeURIComponent(token)}`;

/** The subject line, e.g. `3 new jobs for “BC co-ops”` or `Your daily digest: 1 new job for “Data”`. */
export function alertSubject(frequency: AlertFrequency, alertName: string, count: number): string {
  const jobs = `${count} new job${count === 1 ? '' : 's'} for “${clean(alertName, 120)}”`;
  return frequency === 'instant' ? jobs : `Your ${frequency} digest: ${jobs}`;
}

/** What the templates print for one alert email, every value cleaned and formatted. */
export function alertEmailView(config: AlertMailConfig, input: AlertEmailInput): AlertEmailView {
  const { alert, jobs } = input;
  const sender = parseSender(config.mailFrom);
  const alertName = clean(alert.name, 120);
  const count = jobs.length;
  const jobViews = jobs.map((job) => {
    const place = [clean(job.city, 120), job.province ?? ''].filter(Boolean).join(', ') || 'Canada';
    const mode = LOCATION_TYPE_LABELS[job.locationType] ?? 'On-site';
    return {
      title: clean(job.title, 200),
      company: clean(job.company, 120),
      location: job.locationType === 'onsite' ? place : `${mode} (${place})`,
      jobType: JOB_TYPE_LABELS[job.jobType] ?? clean(job.jobType, 40),
      deadline: job.deadline ? formatDeadline(job.deadline, job.province) : undefined,
      applyUrl: applyUrl(config.publicUrl, job.id),
    };
  });
  const first = jobViews[0];
  return {
    subject: alertSubject(alert.frequency, alert.name, count),
    preheader: first ? `${first.title} at ${first.company}${count > 1 ? ` and ${count - 1} more` : ''}` : '',
    heading: `${count} new job${count === 1 ? '' : 's'} for “${alertName}”`,
    intro: alert.frequency === 'instant' ? 'Just posted, matching your alert:' : `New since your last ${alert.frequency} digest:`,
    jobs: jobViews,
    recipient: clean(input.recipient, 320),
    alertName,
    frequencyLabel: FREQUENCY_LABELS[alert.frequency],
    unsubscribeUrl: unsubscribeUrl(config.publicUrl, alert.unsubscribeToken),
    siteUrl: config.publicUrl,
    senderName: sender.name,
    senderEmail: sender.email,
    senderMailto: `mailto:${sender.email}`,
    postalAddress: clean(config.mailPostalAddress, 300),
  };
}

/**
 * The whole email for one alert: HTML and text from the compiled templates, the CASL footer, and
 * the one-click unsubscribe headers (RFC 2369 `List-Unsubscribe`, RFC 8058 `List-Unsubscribe-Post`).
 *
 * @example
 * const message = buildAlertEmail(await loadAlertTemplates(), config, { alert, recipient: user.email, jobs });
 * await mailer.send(message);
 */
export function buildAlertEmail(templates: AlertTemplates, config: AlertMailConfig, input: AlertEmailInput): MailMessage {
  const view = alertEmailView(config, input);
  const { html, text } = templates.renderEmail(view);
  return {
    to: input.recipient,
    from: config.mailFrom,
    subject: view.subject,
    html,
    text,
    headers: {
      'List-Unsubscribe': `<${view.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
