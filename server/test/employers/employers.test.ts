import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';
import { createUserSession, type TestSession } from '../support/auth.js';
import { seedSource } from '../jobs/seed-jobs.js';

const t = useTestApp();
let employer: TestSession;
let student: TestSession;

beforeAll(async () => {
  [employer, student] = await Promise.all([createUserSession(t.app, 'employer'), createUserSession(t.app, 'student')]);
});

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: TestSession, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('/employers/me', () => {
  it('creates the employer\'s source on first use and shows it', async () => {
    const res = await inject('GET', '/employers/me', employer);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: employer.user.email, contactEmail: employer.user.email, preferredContact: 'email', availableForEvents: false, isSponsor: false });
    // The same source every time.
    expect((await inject('GET', '/employers/me', employer)).json().id).toBe(res.json().id);
  });

  it('changes the profile; null clears a field', async () => {
    const res = await inject('PATCH', '/employers/me', employer, {
      name: 'Acme Robotics', website: 'https://acme.example.com', contactFirstName: 'Ada', contactLastName: 'Lovelace',
      contactPhone: '+1 (416) 555-0100', preferredContact: 'phone', availableForEvents: true, employeeCount: '11-50',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Acme Robotics', website: 'https://acme.example.com', contactFirstName: 'Ada', contactPhone: '+1 (416) 555-0100',
      preferredContact: 'phone', availableForEvents: true, employeeCount: '11-50',
    });
    expect((await inject('PATCH', '/employers/me', employer, { contactPhone: null })).json().contactPhone).toBeNull();
    // The name shows on the employer's jobs.
    const job = await inject('POST', '/jobs', employer, { title: 'Robotics Co-op', originalUrl: 'https://acme.example.com/jobs/1', description: 'Build robots.' });
    expect(job.json()).toMatchObject({ companyName: 'Acme Robotics', source: { name: 'Acme Robotics' } });
  });

  it.each([
    [{}],
    [{ name: '' }],
    [{ name: '   ' }],
    [{ website: 'javascript:alert(1)' }],
    [{ website: 'http://169.254.169.254/latest/meta-data/' }],
    [{ website: 'http://127.0.0.1:5432/' }],
    [{ contactEmail: 'not-an-email' }],
    [{ contactPhone: 'call me' }],
    [{ preferredContact: 'pigeon' }],
    [{ employeeCount: 'x'.repeat(41) }],
    [{ availableForEvents: 'maybe' }],
  ])('validates %j', async (body) => {
    expect((await inject('PATCH', '/employers/me', employer, body)).statusCode).toBe(400);
  });

  it('a name another source holds is a 409', async () => {
    await seedSource(t.app, { name: 'Taken Name Inc' });
    const res = await inject('PATCH', '/employers/me', employer, { name: 'Taken Name Inc' });
    expect(res.statusCode).toBe(409);
  });

  it('is for employers only', async () => {
    expect((await inject('GET', '/employers/me')).statusCode).toBe(401);
    expect((await inject('GET', '/employers/me', student)).statusCode).toBe(403);
    expect((await inject('PATCH', '/employers/me', student, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('GET /employers/me/jobs', () => {
  it('lists the employer\'s own jobs, newest first, archived included, paged', async () => {
    const mine = await createUserSession(t.app, 'employer');
    const other = await createUserSession(t.app, 'employer');
    const ids: string[] = [];
    for (const title of ['First Co-op', 'Second Co-op', 'Third Co-op']) {
      const res = await inject('POST', '/jobs', mine, { title, originalUrl: `https://e.example.com/${ids.length}`, description: 'Work.', employerNotes: 'note' });
      ids.push(res.json().id);
    }
    await inject('POST', '/jobs', other, { title: 'Not Mine Co-op', originalUrl: 'https://o.example.com/1', description: 'Work.' });
    await inject('DELETE', `/jobs/${ids[0]}`, mine);

    const all = (await inject('GET', '/employers/me/jobs', mine)).json();
    expect(all.items.map((j: { title: string }) => j.title)).toEqual(['Third Co-op', 'Second Co-op', 'First Co-op']);
    expect(all.total).toBe(3);
    expect(all.items[2]).toMatchObject({ isActive: false, archiveReason: 'removed by employer', employerNotes: 'note' });
    expect((await inject('GET', '/employers/me/jobs?status=active', mine)).json().total).toBe(2);
    expect((await inject('GET', '/employers/me/jobs?status=archived', mine)).json().items.map((j: { id: string }) => j.id)).toEqual([ids[0]]);

    const first = (await inject('GET', '/employers/me/jobs?limit=2', mine)).json();
    expect(first.items).toHaveLength(2);
    const second = (await inject('GET', `/employers/me/jobs?limit=2&cursor=${first.nextCursor}`, mine)).json();
    expect(second.items.map((j: { title: string }) => j.title)).toEqual(['First Co-op']);
    expect(second.nextCursor).toBeNull();
    expect((await inject('GET', '/employers/me/jobs?cursor=bogus', mine)).statusCode).toBe(400);
    expect((await inject('GET', '/employers/me/jobs?status=deleted', mine)).statusCode).toBe(400);
    expect((await inject('GET', '/employers/me/jobs', student)).statusCode).toBe(403);
  });
});
