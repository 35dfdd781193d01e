import { beforeAll, describe, expect, it } from 'vitest';
import { recordAccess } from '../src/audit/access-log.js';
import { useTestApp } from './helpers.js';
import { createUserSession, type TestSession } from './support/auth.js';
import { sql } from './jobs/seed-jobs.js';

// A route that records an access-log entry with whatever details it is handed, to prove the audit
// trail keeps entries whose details Postgres could not store as they are.
const t = useTestApp({
  beforeReady: (app) => {
    app.post('/test-only/audit', async (request) => {
      await recordAccess(request, { action: 'test.audit', resource: 'test:\u0000\ud800', outcome: 'failure', statusCode: 400, details: { note: 'bad \ud800 text \u0000', ['key\udc00']: ['\ud83d'] } });
      return { ok: true };
    });
  },
});
let admin: TestSession;
let employer: TestSession;

beforeAll(async () => {
  [admin, employer] = await Promise.all([createUserSession(t.app, 'admin'), createUserSession(t.app, 'employer')]);
});

const deep = (levels: number) => {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('unstorable input is refused at the door with a 400 in the one error shape', () => {
  it('an unpaired surrogate in a job text field, a profile field, or a key', async () => {
    const job = { title: 'Junior Developer Co-op \ud800', originalUrl: 'https://careers.example.com/jobs/42', description: 'A co-op term.', city: 'Waterloo', province: 'ON' };
    for (const res of [
      await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: employer.headers, payload: job }),
      await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: employer.headers, payload: { ...job, title: 'Co-op', ['x\udfff']: 1 } }),
      await t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: employer.headers, payload: { city: 'Waterloo \udc00' } }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'PF_ERR_VALIDATION' });
    }
    const body = (await t.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: employer.headers, payload: job })).json();
    expect(body.message).toMatch(/unpaired UTF-16 surrogate .*: body\/title\.$/);
    expect(body.details).toEqual([{ path: '/title', message: 'must not contain an unpaired UTF-16 surrogate' }]);
  });

  it('a well-formed pair (an emoji) is text like any other; a query string cannot carry a lone surrogate (UTF-8 has none)', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/jobs?q=${encodeURIComponent('co-op 🚀')}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs?q=%ED%A0%80' })).statusCode).toBe(200);
  });

  it('a plugin config nested 2,000 levels deep (and any body deeper than 32)', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/plugins/civicjobs', headers: admin.headers, payload: { config: deep(2000) } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PF_ERR_VALIDATION', message: expect.stringMatching(/nested deeper than 32 levels/) });
    // 31 levels of config pass the door (and are then judged by the plugin's schema).
    const shallow = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/plugins/civicjobs', headers: admin.headers, payload: { config: deep(30) } });
    expect(shallow.json().message ?? '').not.toMatch(/nested deeper/);
  });
});

describe('the audit trail keeps every entry', () => {
  it('a refused admin write whose path holds %00 is logged, the NUL marked', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/users/ab%00cd', headers: admin.headers, payload: { role: 'student' } });
    expect(res.statusCode).toBe(400);
    const rows = await sql(t.app, "select resource, path, outcome, status_code from access_logs where action = 'admin.user.update' and path like ?", ['%ab\\%00cd']);
    expect(rows).toEqual([{ resource: 'user:ab\\0cd', path: '/api/v1/admin/users/ab%00cd', outcome: 'failure', status_code: 400 }]);
  });

  it('details, resource and keys holding a lone surrogate or a NUL are stored with U+FFFD and \\0 in their place', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/test-only/audit' })).statusCode).toBe(200);
    const rows = await sql(t.app, "select resource, details from access_logs where action = 'test.audit'");
    expect(rows).toEqual([{ resource: 'test:\\0\ufffd', details: { note: 'bad \ufffd text \\0', ['key\ufffd']: ['\ufffd'] } }]);
  });
});

describe('a first PATCH /users/me', () => {
  it('sent six times at once by an account without a profile: all 200, one profile', async () => {
    const student = await createUserSession(t.app, 'student');
    await sql(t.app, 'delete from user_profiles where user_id = ?', [student.user.id]);
    const answers = await Promise.all(['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'].map((firstName) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: student.headers, payload: { firstName } })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await sql(t.app, 'select count(*)::int as n from user_profiles where user_id = ?', [student.user.id])).toEqual([{ n: 1 }]);
  });
});
