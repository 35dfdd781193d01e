import { describe, expect, it } from 'vitest';
import { AccessLog, Session } from '@pathfinder/core';
import { useTestApp } from '../helpers.js';
import { createUserSession } from '../support/auth.js';
import { optionalAuth, requireAuth } from '../../src/auth/guards.js';
import { recordAccess } from '../../src/audit/access-log.js';

const t = useTestApp({
  beforeReady(app) {
    app.get('/test/me', { preHandler: requireAuth() }, async (req) => ({ id: req.auth!.user.id, role: req.auth!.user.role }));
    app.post('/test/admin', { preHandler: requireAuth('admin', 'superuser') }, async (req) => {
      await recordAccess(req, { action: 'test.admin', resource: 'thing:1', outcome: 'success', statusCode: 200 });
      return { ok: true };
    });
    app.post('/test/optional', { preHandler: optionalAuth }, async (req) => ({ who: req.auth?.user.id ?? null }));
  },
});

describe('auth guards', () => {
  it('401 without a token, with a malformed one, or with a wrong secret', async () => {
    const s = await createUserSession(t.app, 'student');
    expect((await t.app.inject('/test/me')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/test/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/test/me', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
    const [id] = s.token.split('.');
    const wrong = await t.app.inject({ url: '/test/me', headers: { authorization: `Bearer ${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('PF_ERR_UNAUTHENTICATED');
  });

  it('accepts the Bearer token and the cookie', async () => {
    const s = await createUserSession(t.app, 'graduate');
    const bearer = await t.app.inject({ url: '/test/me', headers: s.headers });
    expect(bearer.json()).toEqual({ id: s.user.id, role: 'graduate' });
    const cookie = await t.app.inject({ url: '/test/me', cookies: { pf_session: s.token } });
    expect(cookie.statusCode).toBe(200);
  });

  it('403 for a role not allowed, 200 and an access-log row for one allowed', async () => {
    const student = await createUserSession(t.app, 'student');
    const denied = await t.app.inject({ method: 'POST', url: '/test/admin', headers: student.headers });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('PF_ERR_FORBIDDEN');
    const admin = await createUserSession(t.app, 'admin');
    expect((await t.app.inject({ method: 'POST', url: '/test/admin', headers: admin.headers })).statusCode).toBe(200);
    const rows = await t.app.ctx.orm.em.fork().find(AccessLog, { action: 'test.admin' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resource: 'thing:1', method: 'POST', path: '/test/admin', outcome: 'success', statusCode: 200 });
    expect((rows[0]!.user as unknown as { id: string }).id).toBe(admin.user.id);
  });

  it('refuses a pending (not MFA-verified) session', async () => {
    const s = await createUserSession(t.app, 'student');
    const em = t.app.ctx.orm.em.fork();
    await em.nativeUpdate(Session, { id: s.token.split('.')[0] }, { mfaVerified: false });
    expect((await t.app.inject({ url: '/test/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('cookie + state change needs our own Origin or Referer', async () => {
    const admin = await createUserSession(t.app, 'admin');
    const cookies = { pf_session: admin.token };
    const none = await t.app.inject({ method: 'POST', url: '/test/admin', cookies });
    expect(none.statusCode).toBe(403);
    const evil = await t.app.inject({ method: 'POST', url: '/test/admin', cookies, headers: { origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    const ours = await t.app.inject({ method: 'POST', url: '/test/admin', cookies, headers: { origin: 'http://localhost:8000' } });
    expect(ours.statusCode).toBe(200);
    const referer = await t.app.inject({ method: 'POST', url: '/test/admin', cookies, headers: { referer: 'http://localhost:3000/some/page' } });
    expect(referer.statusCode).toBe(200);
    // Bearer needs no origin: another site cannot make a browser send it.
    expect((await t.app.inject({ method: 'POST', url: '/test/admin', headers: admin.headers })).statusCode).toBe(200);
  });

  it('optionalAuth attaches a valid caller and otherwise runs as anonymous', async () => {
    const s = await createUserSession(t.app, 'student');
    expect((await t.app.inject({ method: 'POST', url: '/test/optional', headers: s.headers })).json()).toEqual({ who: s.user.id });
    expect((await t.app.inject({ method: 'POST', url: '/test/optional' })).json()).toEqual({ who: null });
    expect((await t.app.inject({ method: 'POST', url: '/test/optional', headers: { authorization: 'Bearer x.y' } })).json()).toEqual({ who: null });
    const crossSite = await t.app.inject({ method: 'POST', url: '/test/optional', cookies: { pf_session: s.token }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.json()).toEqual({ who: null });
  });
});
