import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { PathfinderConfig } from '../config/load-config.js';

/** One email, ready to go. */
export interface MailMessage {
  to: string;
  /** Default: the mailer's `from` (MAIL_FROM). */
  from?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

export interface SentMail {
  /** The Message-ID header the email went out with. */
  messageId: string;
}

/**
 * Sends email. `send` resolves once the SMTP server accepted the message (or the `.eml` file is
 * written) and rejects when it refused it; nothing is retried here, the caller decides.
 */
export interface Mailer {
  /** `smtp` with SMTP_URL, `outbox` when mail goes to `.eml` files. */
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

export interface MailerOptions {
  /** Where to say what the mailer does (the outbox line); default: nowhere. */
  log?: (line: string) => void;
  /** SMTP connections kept open (default 3). */
  maxConnections?: number;
}

/** Outgoing lines must not carry CR/LF (header injection) or other control characters. */
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

function toNodemailer(message: MailMessage, defaultFrom: string) {
  return {
    from: message.from ?? defaultFrom,
    to: message.to,
    subject: oneLine(message.subject),
    html: message.html,
    text: message.text,
    headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, oneLine(v)])),
  };
}

/**
 * The mailer the configuration asks for: a pooled nodemailer SMTP transport to `SMTP_URL`
 * (a connection per message costs ~110 ms, a pooled one 2–3 ms), or, without `SMTP_URL`,
 * `.eml` files in `<dataDir>/outbox` that any mail client opens.
 *
 * @example
 * const mailer = createMailer(config, { log: console.log });
 * const { messageId } = await mailer.send({ to: 'a@example.ca', subject: 'Hi', text: 'Hi', html: '<p>Hi</p>' });
 * await mailer.close();
 */
export function createMailer(config: Pick<PathfinderConfig, 'smtpUrl' | 'dataDir' | 'mailFrom'>, options: MailerOptions = {}): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, options) : outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom, options);
}

/**
 * nodemailer (~40 modules) is imported when the first message goes out, not when the mailer is
 * created at start: most processes send nothing for hours, some never.
 */
function lazyTransport(create: (nodemailer: typeof import('nodemailer').default) => Transporter): { get(): Promise<Transporter>; close(): void } {
  let transport: Promise<Transporter> | undefined;
  return {
    get: () => (transport ??= import('nodemailer').then((m) => create(m.default))),
    // Nothing to close when nothing was sent.
    close: () => void transport?.then((t) => t.close(), () => undefined),
  };
}

function smtpMailer(url: string, from: string, options: MailerOptions): Mailer {
  const transport = lazyTransport((nodemailer) => nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    // nodemailer's defaults (2 min to connect, 10 min idle) would hold an alert pass far too long.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  }));
  return {
    kind: 'smtp',
    async send(message) {
      const info = await (await transport.get()).sendMail(toNodemailer(message, from));
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

function outboxMailer(outbox: string, from: string, options: MailerOptions): Mailer {
  const transport = lazyTransport((nodemailer) => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
  options.log?.(`mail: SMTP_URL is not set, so email is not sent but written as .eml files to ${outbox}`);
  return {
    kind: 'outbox',
    async send(message) {
      const info = await (await transport.get()).sendMail(toNodemailer(message, from));
      await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
      // Sortable by time, unique across processes.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
      await fs.writeFile(path.join(outbox, name), info.message as Buffer, { mode: 0o600 });
      options.log?.(`mail: wrote ${name} to the outbox (to ${oneLine(message.to)})`);
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}
