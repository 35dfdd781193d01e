import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';

export interface AccountMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends a transactional account email (password reset…): over SMTP when `SMTP_URL` is set,
 * otherwise written as an `.eml` file into `<dataDir>/outbox` so a developer can open it.
 * Small on purpose; the alerts mailer is a separate, richer module.
 *
 * @example
 * await sendAccountMail(app.ctx, { to: user.email, subject: 'Reset your password', text, html });
 */
export async function sendAccountMail(ctx: Pick<AppContext, 'config'>, mail: AccountMail): Promise<void> {
  const { config } = ctx;
  // Imported on the first email (password reset…), not with the routes at start.
  const { default: nodemailer } = await import('nodemailer');
  const message = { from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html };
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    try {
      await transport.sendMail(message);
    } finally {
      transport.close();
    }
    return;
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail(message);
  const outbox = path.join(config.dataDir, 'outbox');
  await fs.mkdir(outbox, { recursive: true });
  // Sortable by time, unique across processes.
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
  await fs.writeFile(path.join(outbox, name), info.message as Buffer, { mode: 0o600 });
}
