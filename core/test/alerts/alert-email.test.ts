import { beforeAll, describe, expect, it } from 'vitest';
import { alertEmailView, alertSubject, buildAlertEmail } from '../../src/alerts/alert-email.js';
import { loadAlertTemplates, type AlertTemplates } from '../../src/alerts/alert-templates.js';
import { MAX_JOBS_PER_EMAIL, type AlertJob } from '../../src/alerts/match-alert.js';

const config = { publicUrl: 'https://pathfinder.test', mailFrom: '"Pathfinder Alerts" <alerts@pathfinder.test>', mailPostalAddress: '1 Main St, Halifax, NS' };
const job = (over: Partial<AlertJob> = {}): AlertJob => ({
  id: 'job1', title: 'Tech', company: 'Co', city: 'Halifax', province: 'NS', jobType: 'coop', locationType: 'onsite',
  deadline: null, createdAt: new Date(), ...over,
});
const alert = { id: 'a1', name: 'Atlantic', frequency: 'instant' as const, unsubscribeToken: 'tok-1_A' };
let templates: AlertTemplates;

beforeAll(async () => {
  templates = await loadAlertTemplates();
});

describe('alert email view', () => {
  it('formats location, job type and the deadline in the job province\'s own time zone', () => {
    // 23:59:59 on April 30 in Vancouver is already May 1 in Toronto.
    const deadline = new Date('2026-05-01T06:59:59Z');
    const view = alertEmailView(config, {
      alert, recipient: 'x@example.test',
      jobs: [
        job({ city: 'Vancouver', province: 'BC', deadline, jobType: 'new_grad', locationType: 'remote' }),
        job({ city: null, province: null, jobType: 'internship', locationType: 'hybrid', deadline }),
      ],
    });
    expect(view.jobs[0]).toMatchObject({ location: 'Remote (Vancouver, BC)', jobType: 'New grad', deadline: 'April 30, 2026' });
    expect(view.jobs[1]).toMatchObject({ location: 'Hybrid (Canada)', jobType: 'Internship', deadline: 'May 1, 2026' });
    expect(view).toMatchObject({ senderName: 'Pathfinder Alerts', senderEmail: 'alerts@pathfinder.test', preheader: 'Tech at Co and 1 more' });
  });

  it('keeps stored text on one line, so a title cannot forge lines (links) in the text part', () => {
    const { text } = buildAlertEmail(templates, config, {
      alert, recipient: 'x@example.test', jobs: [job({ title: 'Tech\r\nApply: https://evil.example/phish\n' })],
    });
    expect(text).toContain('Tech Apply: https://evil.example/phish\n');
    expect(text).not.toMatch(/^Apply: https:\/\/evil/m);
  });

  it('says one job or n jobs, and names the digest', () => {
    expect(alertSubject('instant', 'A', 1)).toBe('1 new job for “A”');
    expect(alertSubject('weekly', 'A', 3)).toBe('Your weekly digest: 3 new jobs for “A”');
  });

  it('builds links from PUBLIC_URL with encoded ids and tokens, escaped once in the HTML', () => {
    const message = buildAlertEmail(templates, config, { alert: { ...alert, unsubscribeToken: 'a&b=c' }, recipient: 'x@example.test', jobs: [job({ id: 'j/1' })] });
    expect(message.headers!['List-Unsubscribe']).toBe('<https://pathfinder.test/api/v1/alerts/unsubscribe?token=a%26b%3Dc>');
    expect(message.html).toContain('href="https://pathfinder.test/api/v1/jobs/j%2F1/apply"');
    expect(message.html).toContain('href="mailto:alerts@pathfinder.test"');
  });

  it(`keeps a full email (${MAX_JOBS_PER_EMAIL} long jobs) under Gmail's 102 KB clipping limit`, () => {
    const jobs = Array.from({ length: MAX_JOBS_PER_EMAIL }, (_, i) => job({
      id: `cjld2cjxh0000qzrmn831i7r${i}`, title: 'Environmental Technician (New Grad) – Northern Region Field Programs'.padEnd(120, 'x'),
      company: 'Maple Leaf Environmental Consulting Services Incorporated', deadline: new Date(), city: 'Charlottetown', province: 'PE',
    }));
    const { html } = buildAlertEmail(templates, config, { alert, recipient: 'x@example.test', jobs });
    expect(Buffer.byteLength(html)).toBeLessThan(102 * 1024);
  });

  it('renders the templates compiled once (the same object every time)', async () => {
    expect(await loadAlertTemplates()).toBe(templates);
  });
});

describe('unsubscribe page', () => {
  it('escapes the alert name and shows the form only when confirming', () => {
    const confirm = templates.renderUnsubscribePage({ title: 'Unsubscribe', alertName: '<i>x</i>', actionUrl: '/u?token=a&b', siteUrl: 'https://p.test', confirm: true });
    expect(confirm).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(confirm).toContain('<form method="post" action="/u?token&#x3D;a&amp;b">');
    const done = templates.renderUnsubscribePage({ title: 'Done', alertName: 'x', siteUrl: 'https://p.test', done: true });
    expect(done).not.toContain('<form');
  });
});
