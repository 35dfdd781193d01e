import type { MikroORM } from '@mikro-orm/postgresql';
import type { AlertFrequency } from '../db/entities/ids.js';
import { buildAlertEmail, type AlertMailConfig } from './alert-email.js';
import { loadAlertTemplates, type AlertTemplates } from './alert-templates.js';
import { matchAlert } from './match-alert.js';

export interface AlertPreview {
  subject: string;
  html: string;
  text: string;
  /** Jobs in the preview. */
  jobs: number;
  /**
   * `next`: the jobs the alert's next email would list; `sample`: nothing is waiting, so recent
   * matching jobs (sent or not) stand in.
   */
  source: 'next' | 'sample';
}

const PREVIEW_SAMPLE = 5;

/**
 * Renders an alert's email as it would go out, without sending or recording anything; null for an
 * unknown alert. Used by `GET /api/v1/admin/alerts/preview`.
 *
 * @example
 * const preview = await previewAlertEmail(orm, alertId, { config });
 */
export async function previewAlertEmail(
  orm: MikroORM, alertId: string, options: { config: AlertMailConfig; templates?: AlertTemplates },
): Promise<AlertPreview | null> {
  const em = orm.em.fork();
  const [alert] = await em.execute<{ id: string; name: string; frequency: AlertFrequency; unsubscribe_token: string; email: string }[]>(
    `select a.id, a.name, a.frequency, a.unsubscribe_token, u.email
       from job_alerts a join users u on u.id = a.user_id where a.id = ?`,
    [alertId],
  );
  if (!alert) return null;
  let jobs = await matchAlert(em, alertId);
  let source: AlertPreview['source'] = 'next';
  if (jobs.length === 0) {
    jobs = await matchAlert(em, alertId, { ignoreHistory: true, limit: PREVIEW_SAMPLE });
    source = 'sample';
  }
  const templates = options.templates ?? (await loadAlertTemplates());
  const message = buildAlertEmail(templates, options.config, {
    alert: { id: alert.id, name: alert.name, frequency: alert.frequency, unsubscribeToken: alert.unsubscribe_token },
    recipient: alert.email,
    jobs,
  });
  return { subject: message.subject, html: message.html, text: message.text, jobs: jobs.length, source };
}
