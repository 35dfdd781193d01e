import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../src/mail/mailer.js';
import { parseMail } from './mime.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const FROM = 'Pathfinder <alerts@pathfinder.test>';
const message = {
  to: 'student@example.test',
  subject: 'Hello “there”',
  text: 'Plain text, R&D',
  html: '<p>HTML, R&amp;D</p>',
  headers: { 'List-Unsubscribe': '<https://pathfinder.test/u?token=abc>' },
};

describe('the SMTP mailer', () => {
  let smtp: SmtpCapture;
  let mailer: Mailer;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    mailer = createMailer({ smtpUrl: smtp.url, dataDir: '/nonexistent', mailFrom: FROM });
  });
  afterAll(async () => {
    await mailer.close();
    await smtp.close();
  });

  it('delivers through a pooled connection and returns the Message-ID', async () => {
    expect(mailer.kind).toBe('smtp');
    const first = await mailer.send(message);
    const second = await mailer.send({ ...message, subject: 'Second' });
    expect(smtp.messages).toHaveLength(2);
    const mail = parseMail(smtp.messages[0]!.raw);
    expect(smtp.messages[0]!.to).toEqual(['student@example.test']);
    expect(smtp.messages[0]!.from).toBe('alerts@pathfinder.test');
    expect(mail.headers['message-id']).toBe(first.messageId);
    expect(first.messageId).not.toBe(second.messageId);
    expect(mail.headers.subject).toBe('Hello “there”');
    expect(mail.headers['list-unsubscribe']).toBe('<https://pathfinder.test/u?token=abc>');
    expect(mail.text).toBe('Plain text, R&D');
    expect(mail.html).toBe('<p>HTML, R&amp;D</p>');
  });

  it('rejects when the server refuses the message, and sends again afterwards', async () => {
    const before = smtp.messages.length;
    smtp.rejectNext();
    await expect(mailer.send(message)).rejects.toThrow(/550|unavailable/i);
    await mailer.send(message);
    expect(smtp.messages).toHaveLength(before + 1);
  });

  it('cannot be used to inject headers through the subject or a header value', async () => {
    await mailer.send({ ...message, subject: 'Hi\r\nBcc: victim@example.test', headers: { 'X-Test': 'a\r\nBcc: victim2@example.test' } });
    const raw = smtp.messages.at(-1)!.raw;
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(smtp.messages.at(-1)!.to).toEqual(['student@example.test']);
  });
});

describe('the outbox mailer (no SMTP_URL)', () => {
  it('writes .eml files into <dataDir>/outbox and says so in the log', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pf-outbox-'));
    const lines: string[] = [];
    const mailer = createMailer({ dataDir, mailFrom: FROM }, { log: (line) => lines.push(line) });
    try {
      expect(mailer.kind).toBe('outbox');
      expect(lines[0]).toContain('SMTP_URL is not set');
      expect(lines[0]).toContain(path.join(dataDir, 'outbox'));
      const { messageId } = await mailer.send(message);
      const files = await fs.readdir(path.join(dataDir, 'outbox'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const mail = parseMail(await fs.readFile(path.join(dataDir, 'outbox', files[0]!), 'utf8'));
      expect(mail.headers['message-id']).toBe(messageId);
      expect(mail.headers.to).toBe('student@example.test');
      expect(mail.text).toBe('Plain text, R&D');
      expect(lines.some((l) => l.includes(files[0]!))).toBe(true);
    } finally {
      await mailer.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
