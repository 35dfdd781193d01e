import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useTestApp } from '../helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../support/auth.js';

const t = useTestApp({ services: { rateLimits: RELAXED_RATE_LIMITS } });

/** Every route helper A owns: method, OpenAPI path, whether it needs a session. */
const ROUTES: Array<[string, string, boolean]> = [
  ['post', '/api/v1/auth/register', false],
  ['post', '/api/v1/auth/login', false],
  ['post', '/api/v1/auth/logout', true],
  ['post', '/api/v1/auth/logout-all', true],
  ['post', '/api/v1/auth/mfa/setup', true],
  ['post', '/api/v1/auth/mfa/enable', true],
  ['post', '/api/v1/auth/mfa/verify', true],
  ['post', '/api/v1/auth/mfa/disable', true],
  ['post', '/api/v1/auth/password/forgot', false],
  ['post', '/api/v1/auth/password/reset', false],
  ['post', '/api/v1/auth/password/change', true],
  ['get', '/api/v1/users/me', true],
  ['patch', '/api/v1/users/me', true],
  ['delete', '/api/v1/users/me', true],
  ['get', '/api/v1/users/me/export', true],
  ['post', '/api/v1/users/me/consent', true],
  ['get', '/api/v1/users/me/saved-jobs', true],
  ['post', '/api/v1/users/me/saved-jobs/{jobId}', true],
  ['delete', '/api/v1/users/me/saved-jobs/{jobId}', true],
  ['get', '/api/v1/users/me/alerts', true],
  ['post', '/api/v1/users/me/alerts', true],
  ['patch', '/api/v1/users/me/alerts/{id}', true],
  ['delete', '/api/v1/users/me/alerts/{id}', true],
];

describe('OpenAPI document for the account routes', () => {
  it('is valid OpenAPI and lists every route with tags, summary, responses and security', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    for (const [method, path, authed] of ROUTES) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.tags?.length, path).toBeGreaterThan(0);
      expect(op.summary, path).toBeTruthy();
      const codes = Object.keys(op.responses);
      expect(codes.some((c) => c.startsWith('2')), path).toBe(true);
      if (authed) {
        expect(op.security, path).toEqual([{ bearer: [] }, { cookie: [] }]);
        expect(codes, path).toContain('401');
      }
    }
  });

  it('never shows password hashes or MFA keys in a response schema', async () => {
    const text = (await t.app.inject('/api/openapi.json')).body;
    expect(text).not.toMatch(/passwordHash|mfaSecret|mfaPendingSecret|secretHash|unsubscribeToken/);
  });
});

describe('hostile input never makes a 5xx', () => {
  const payloads: Array<string | object> = [
    '{"email": ', 'null', '[]', '"string"', '{"email": {"$gt": ""}, "password": ["a"]}', { email: "' or 1=1 --@x.io", password: 'x' },
    { name: '\u0000\u202e'.repeat(50), q: "'); drop table users; --", province: ['\u0000\u0000'] }, { code: '１２３４５６' }, { token: '\u0000'.repeat(64), password: 'p'.repeat(300) },
    { firstName: '\ud800', graduationYear: 1e308, province: 'o\u0000' }, { given: null },
  ];
  it('on every account route, anonymous and signed in', async () => {
    const s = await createUserSession(t.app, 'student');
    // Deleting the account goes last, so every other route is also tried with a live session.
    const ordered = [...ROUTES].sort((a, b) => Number(a[0] === 'delete' && a[1] === '/api/v1/users/me') - Number(b[0] === 'delete' && b[1] === '/api/v1/users/me'));
    for (const [method, path] of ordered) {
      const url = path.replace('{jobId}', "j'\u0000%00").replace('{id}', '..%2F..%2Fetc');
      for (const headers of [{}, s.headers, { authorization: `Bearer ${'a'.repeat(5000)}.${'b'.repeat(10)}` }, { cookie: `pf_session=${'%'.repeat(300)}` }]) {
        for (const payload of payloads) {
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: { ...headers, 'content-type': 'application/json' },
            ...(method === 'get' ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
          });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)} -> ${res.body}`).toBeLessThan(500);
          if (method === 'get') break;
        }
      }
    }
  });
});
