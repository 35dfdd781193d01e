import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** A fresh data folder for a test file (outbox, secret.key). */
export const tempDataDir = (): string => path.join(os.tmpdir(), `pf-auth-test-${crypto.randomBytes(6).toString('hex')}`);

export const STRONG_PASSWORD = 'maple-syrup Rivers 42 okay';

let n = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++n}@example.test`;

/** Registers through the API; returns the created user's JSON. */
export async function register(app: FastifyInstance, body: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: uniqueEmail(), password: STRONG_PASSWORD, role: 'student', consent: true, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().user as { id: string; email: string; role: string; mfaEnabled: boolean };
}

export async function login(app: FastifyInstance, email: string, password = STRONG_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { token: string; mfaRequired: boolean; user: { id: string } };
  return { ...body, headers: { authorization: `Bearer ${body.token}` }, response: res };
}

/** The .eml files written to the outbox, oldest first. */
export async function outboxMessages(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
}

/** Undoes quoted-printable (soft line breaks and `=XX`), enough to read our own emails. */
export const decodeQuotedPrintable = (text: string): string =>
  text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
