import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface CapturedMail {
  from: string;
  to: string[];
  /** The whole message, headers and MIME parts, as sent. */
  raw: string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  messages: CapturedMail[];
  /** Refuse the next `count` messages with a 550 after reading them. */
  rejectNext(count?: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port) that keeps every message it accepts. No TLS and no
 * AUTH, like a local relay.
 *
 * @example
 * const smtp = await startSmtpCapture();
 * const mailer = createMailer({ ...config, smtpUrl: smtp.url });
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let rejects = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (rejects > 0) {
          rejects--;
          const error = new Error('Mailbox unavailable (test rejection)') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext(count = 1) {
      rejects += count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
