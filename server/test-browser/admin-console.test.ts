/// <reference lib="dom" />
/**
 * The admin console in a real browser (issue 11): an admin signs in with MFA, disables CivicJobs
 * (the API then reports it disabled and unscheduled), re-enables it, points its baseUrl at recorded
 * CivicJobs pages on 127.0.0.1, presses Run now, watches the run's row go from running (its live
 * counters) to success without a reload, and finds the new jobs in search. A bad cron and a bad setting are refused at their
 * fields. A student is told in words they lack access; a superuser sees the console read-only.
 * Every page is checked with axe-core (no serious or critical violation).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateTOTP } from '@oslojs/otp';
import { Scheduler, loadPlugins, syncDataSources } from '@pathfinder/core';
import { FakeClock, serveFixtures, type FixtureRoute, type FixtureServer } from '@pathfinder/sdk/testing';
import { ensureSiteBuilt } from '../src/site/build-site.js';
import { useTestApp } from '../test/helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS, type TestSession } from '../test/support/auth.js';
import { posting, seedJobs, seedSource } from '../test/jobs/seed-jobs.js';
import { checkPage, freePort, launchBrowser, tabTo, type Browser } from './support/browser.js';

const SITE = fileURLToPath(new URL('../../plugins/civicjobs/test/fixtures/site', import.meta.url));
// The fixtures were recorded around this time; the crawl's fake clock starts here (no real waiting).
const NOW = Date.parse('2026-11-21T14:00:00Z');

await ensureSiteBuilt();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const services: Record<string, unknown> = { rateLimits: RELAXED_RATE_LIMITS };
const t = useTestApp({ config: { publicUrl: base, corsOrigins: [base] }, services });
let browser: Browser;
let site: FixtureServer;
let scheduler: Scheduler;
let admin: TestSession;

beforeAll(async () => {
  // The feed answers after 5 real seconds, so the run stays `running` long enough for its row to show it live.
  const routes = (JSON.parse(readFileSync(`${SITE}/routes.json`, 'utf8')) as FixtureRoute[]).map((r) => (r.path === '/rss' ? { ...r, delayMs: 5000 } : r));
  site = await serveFixtures(SITE, { routes });
  const registry = await loadPlugins();
  await syncDataSources(t.db.orm.em.fork(), registry.plugins);
  scheduler = new Scheduler({
    connectionString: t.db.url, orm: t.db.orm, registry, cron: false, pollingIntervalSeconds: 0.5,
    crawlDefaults: { clock: new FakeClock(NOW) },
    // The recorded site listens on 127.0.0.1, saved below as the plugin's baseUrl.
    allowedPrivateHosts: ['127.0.0.1'],
  });
  await scheduler.start();
  await scheduler.syncSchedules();
  services.scheduler = scheduler;
  await t.app.listen({ port, host: '127.0.0.1' });
  admin = await createUserSession(t.app, 'admin');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await scheduler?.stop();
  await site?.close();
});

/** Waits for a value (the page renders after the API answers; this machine is shared and slow). */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

/** A page signed in as `session` (its cookie set directly), or signed out. */
async function newPage(session?: TestSession): Promise<Page> {
  await browser.context.clearCookies();
  if (session) await browser.context.addCookies([{ name: 'pf_session', value: session.token, url: base, httpOnly: true, sameSite: 'Lax' }]);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const api = async (url: string) => (await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: admin.headers })).json();

/** Console errors other than the 400s and 409s the flows provoke on purpose (the browser logs each failed fetch). */
const unexpectedErrors = () => browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|409)/.test(e));

describe('an admin', () => {
  it('signs in with MFA, disables and re-enables CivicJobs, points it at a mirror, runs it now and sees the run succeed live, then the jobs in search', async () => {
    const page = await newPage();
    await page.goto(`${base}/sign-in?next=%2Fadmin`);
    await page.getByLabel('Email', { exact: true }).fill(admin.user.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Two-step verification');
    await page.getByLabel('Six-digit code from your authenticator app').fill(generateTOTP(admin.mfaKey!, 30, 6));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/admin$|\/dashboard$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Plugins');

    const civic = page.getByRole('switch', { name: 'CivicJobs.ca' });
    await eventually(() => civic.isChecked()).toBe(true);
    const row = page.locator('tr[data-plugin="civicjobs"]');
    expect(await row.textContent()).toMatch(/civicjobs.*Version 1\.0\.0 · SDK \^1\.\d+\.\d+/);
    await row.getByText(/^Next runs/).click();
    await eventually(() => row.locator('.next-runs li').count()).toBe(3);
    await checkPage(page, 'admin-plugins');

    // Disabling asks first and says what will happen.
    await civic.click();
    await eventually(() => page.getByRole('heading', { name: 'Disable CivicJobs.ca?' }).count()).toBe(1);
    expect(await page.getByText(/schedule is removed, a queued run is cancelled/).count()).toBe(1);
    await checkPage(page, 'admin-plugins-confirm');
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'CivicJobs.ca is disabled; its schedule is removed.' }).count()).toBe(1);
    await eventually(() => civic.isChecked()).toBe(false);
    expect(await api('/admin/plugins/civicjobs')).toMatchObject({ enabled: false, nextRunAt: null, upcomingRuns: [] });
    expect((await scheduler.schedules()).map((s) => s.name)).not.toContain('crawl:civicjobs');
    await civic.click();
    await eventually(() => civic.isChecked()).toBe(true);
    expect(await api('/admin/plugins/civicjobs')).toMatchObject({ enabled: true, nextRunAt: expect.any(String) });

    // The settings: an invalid cron and an invalid value are refused at their fields.
    await page.getByRole('link', { name: 'Settings of CivicJobs.ca' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Settings of CivicJobs.ca');
    const cron = page.getByLabel('Schedule override (cron)');
    await cron.fill('0 99 * * *');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await eventually(async () => (await cron.getAttribute('aria-invalid')) === 'true' && (await page.locator('.field-error').first().textContent())).toMatch(/^schedule: .*99/);
    await cron.fill('30 6 * * 1-5');
    await page.getByRole('button', { name: 'Check' }).click();
    await eventually(() => page.locator('.next-runs li').count()).toBe(3);
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await eventually(() => page.getByText('The schedule is saved.').count()).toBe(1);
    expect(await api('/admin/plugins/civicjobs')).toMatchObject({ schedule: '30 6 * * 1-5', scheduleOverride: '30 6 * * 1-5' });

    const maxItems = page.getByLabel('maxItems');
    expect(await page.getByText(/Stop after this many postings/).count()).toBe(1);
    await maxItems.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => maxItems.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.config-form .field-error').textContent()).toBe('Enter 1 or more.');
    // The API checks too: a pattern the browser lets through reaches it only if it is valid, so try a private address it refuses.
    await maxItems.fill('');
    await page.getByLabel('Base URL').fill('http://10.0.0.8/jobs');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.getByLabel('Base URL').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.config-form .field-error').textContent()).toMatch(/10\.0\.0\.8 is a private address/);
    await checkPage(page, 'admin-settings-errors');
    await page.getByLabel('Base URL').fill(site.origin);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.getByText('The settings are saved.').count()).toBe(1);
    expect((await api('/admin/plugins/civicjobs')).config).toEqual({ baseUrl: site.origin, fetchDetails: true, listingFallback: true });

    // Run now from the plugins page, then follow the run on the Runs page without reloading.
    await page.getByRole('link', { name: 'All plugins' }).click();
    await page.getByRole('button', { name: 'Run now: CivicJobs.ca' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: /A run of CivicJobs\.ca is (queued|already in progress)/ }).count()).toBe(1);
    await page.getByRole('link', { name: 'Runs of CivicJobs.ca' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Crawl runs');
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 1; });
    const runRow = page.locator('tr[data-run]').first();
    await eventually(() => runRow.getAttribute('data-status')).toBe('running');
    // Its live counters: the requests made so far (robots.txt at least) while the feed is awaited.
    await eventually(async () => /Running.*[1-9]\d* requests, \d+ postings so far/.test((await runRow.textContent()) ?? '')).toBe(true);
    await eventually(() => runRow.getAttribute('data-status')).toBe('success');
    expect(await runRow.textContent()).toMatch(/CivicJobs\.ca.*Success.*manual.*\d+ \/ \d+ \/ 0 \/ 0/);
    // No reload happened: the page's own state survived.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await checkPage(page, 'admin-runs');
    await page.getByLabel('Status').selectOption('failed');
    await eventually(() => page.getByText('No run matches.').count()).toBe(1);
    await page.getByLabel('Status').selectOption('');
    await runRow.getByRole('link').click();
    await eventually(() => page.locator('h1').textContent()).toBe('Run of CivicJobs.ca');
    expect(await page.getByRole('row', { name: /^Added \d+$/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Sample of skipped postings' }).count()).toBe(1);
    // The recorded feed has a senior role the pipeline skips.
    expect(await page.locator('.plain-list').first().textContent()).toMatch(/Senior Manager, Engineering/);
    await checkPage(page, 'admin-run');

    await page.goto(`${base}/?q=Canmore`);
    await eventually(() => page.getByRole('link', { name: /Planning Intern/ }).count()).toBeGreaterThan(0);
    expect(unexpectedErrors()).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('an admin managing people', () => {
  it('finds a user by email, changes their role after a confirmation (never their own), sees MFA status, and finds the change in the access log', async () => {
    const student = await createUserSession(t.app, 'student', { email: `river-${Date.now()}@example.test` });
    const page = await newPage(admin);
    await page.goto(`${base}/admin/users`);
    await eventually(() => page.locator('h1').textContent()).toBe('Users');
    await eventually(() => page.locator(`tr[data-user="${admin.user.email}"]`).textContent()).toMatch(/This is you.*On/);
    expect(await page.locator(`tr[data-user="${admin.user.email}"] select`).count()).toBe(0);
    await page.getByLabel('Email contains').fill('river-');
    await page.getByRole('button', { name: 'Find' }).click();
    await eventually(() => page.locator('tr[data-user]').count()).toBe(1);
    const row = page.locator(`tr[data-user="${student.user.email}"]`);
    expect(await row.textContent()).toMatch(/Off.*Yes/);
    await checkPage(page, 'admin-users');
    await page.getByLabel(`New role for ${student.user.email}`).selectOption('graduate');
    await page.getByRole('button', { name: `Change role: ${student.user.email}` }).click();
    await eventually(() => page.getByRole('heading', { name: `Change ${student.user.email} from Student to Graduate?` }).count()).toBe(1);
    await page.getByRole('button', { name: 'Change the role' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: `${student.user.email} is now Graduate.` }).count()).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/admin/users?q=${encodeURIComponent(student.user.email)}`, headers: admin.headers })).json().items[0].role).toBe('graduate');

    await page.getByRole('link', { name: 'Access log' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Access log');
    await page.getByLabel('Action (starts with)').fill('admin.user');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain(`user:${student.user.id}`);
    expect(new URL(page.url()).searchParams.get('action')).toBe('admin.user');
    await checkPage(page, 'admin-access-log');

    // The reports: a job archived for a dead link, and a click, show in their charts and tables.
    const board = await seedSource(t.app, { name: 'Campus Board', pluginId: 'campusboard' });
    const [jobId] = await seedJobs(t.app, board, [posting({ title: 'Planning Intern', companyName: 'Town of Canmore', city: 'Canmore', province: 'AB' })]);
    const job = { id: jobId! };
    await t.app.inject({ method: 'POST', url: '/api/v1/analytics/clicks', payload: { jobId: job.id } });
    await t.db.orm.em.fork().getConnection().execute(
      `update jobs set is_active = false, archived_at = now(), archive_reason = 'HTTP 404', link_failure_count = 3, link_last_error = 'HTTP 404' where id = ?`, [job.id], 'run');
    await page.getByRole('link', { name: 'Links' }).click();
    await eventually(() => page.getByText('1 jobs archived for a dead link').count()).toBe(1);
    expect(await page.locator('tbody tr').first().textContent()).toMatch(/Planning Intern.*HTTP 404.*3/);
    await checkPage(page, 'admin-links');
    await page.getByRole('button', { name: 'Check every link now' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'The link check is queued' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Check every link now' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'already waiting' }).count()).toBe(1);
    // A live job whose link now redirects to the board's home page shows under "Redirected links".
    const [movedId] = await seedJobs(t.app, board, [posting({ title: 'Trail Crew Member', companyName: 'Town of Canmore', city: 'Canmore', province: 'AB' })]);
    await t.db.orm.em.fork().getConnection().execute(
      "update jobs set link_checked_at = now(), link_final_url = 'https://board.example.ca/', link_response_ms = 140 where id = ?", [movedId], 'run');
    await page.getByLabel('Show').selectOption('redirected');
    await page.getByRole('button', { name: 'Show' }).click();
    await eventually(() => page.getByText('1 live jobs whose link now leads elsewhere').count()).toBe(1);
    expect(await page.locator('tbody tr').first().textContent()).toMatch(/Trail Crew Member.*https:\/\/board\.example\.ca\//);
    await checkPage(page, 'admin-links-redirected');
    await page.getByRole('link', { name: 'Analytics' }).click();
    await eventually(() => page.getByRole('table', { name: 'Most clicked jobs' }).locator('tbody tr').count()).toBe(1);
    const bySource = page.getByRole('table', { name: 'Apply clicks per source' }).locator('tbody tr');
    expect(await bySource.count()).toBe(1);
    expect(await bySource.locator('td').textContent()).toBe('1');
    expect(await page.getByRole('img', { name: /Bar chart of apply clicks per day/ }).count()).toBe(1);
    // The same source, day by day: its own chart and table.
    const clickedSource = (await bySource.locator('th').textContent())!.trim();
    expect(await page.getByRole('img', { name: `Bar chart of the apply clicks of ${clickedSource}, day by day; the same numbers are in the table.` }).count()).toBe(1);
    const sourceDays = page.getByRole('table', { name: `Apply clicks per day: ${clickedSource}` }).locator('tbody tr');
    expect(await sourceDays.count()).toBeGreaterThanOrEqual(30);
    await checkPage(page, 'admin-analytics');

    await page.getByRole('link', { name: 'Sources' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Data sources');
    await page.getByLabel('Name', { exact: true }).first().fill('Canmore Summer Jobs');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '“Canmore Summer Jobs” is added.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Edit: Canmore Summer Jobs' }).click();
    const edit = page.getByRole('form', { name: 'Edit Canmore Summer Jobs' });
    await edit.getByLabel('Contact email').fill('jobs@canmore.example.ca');
    await edit.getByLabel('Sponsor').check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '“Canmore Summer Jobs” is saved.' }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Canmore Summer Jobs/ }).textContent()).toContain('jobs@canmore.example.ca');
    const stored = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/sources?q=Canmore%20Summer', headers: admin.headers })).json();
    expect(stored.items[0]).toMatchObject({ name: 'Canmore Summer Jobs', sourceType: 'manual', contactEmail: 'jobs@canmore.example.ca', isSponsor: true });
    await checkPage(page, 'admin-sources');

    await page.getByRole('link', { name: 'Reference tables' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Reference tables');
    await page.getByLabel('New entry').fill('Hydrology');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '“Hydrology” is added.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Rename: Hydrology' }).click();
    await page.getByLabel('New name for Hydrology').fill('Hydrology and Water Resources');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('status').filter({ hasText: '“Hydrology and Water Resources” is saved.' }).count()).toBe(1);
    await checkPage(page, 'admin-reference');
    await page.getByRole('button', { name: 'Delete: Hydrology and Water Resources' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Delete “Hydrology and Water Resources”?' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'is deleted' }).count()).toBe(1);
    await page.getByLabel('Table', { exact: true }).selectOption('provinces');
    await eventually(() => page.getByRole('row', { name: /^Quebec Québec$/ }).count()).toBe(1);
    expect(unexpectedErrors()).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the console by keyboard', () => {
  it('reaches a plugin\'s switch with Tab, asks before disabling with the focus on the answer, and Cancel leaves it on', async () => {
    const page = await newPage(admin);
    await page.goto(`${base}/admin`);
    await eventually(() => page.getByRole('switch', { name: 'Career Edge' }).count()).toBe(1);
    await tabTo(page, '[role="switch"][aria-label="Career Edge"]');
    await page.keyboard.press('Space');
    await eventually(() => page.getByRole('heading', { name: 'Disable Career Edge?' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Disable');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('heading', { name: 'Disable Career Edge?' }).count()).toBe(0);
    expect(await page.getByRole('switch', { name: 'Career Edge' }).isChecked()).toBe(true);
    await page.close();
  }, 90_000);
});

describe('who else opens the console', () => {
  it('a student is told in words they lack access, with no control shown', async () => {
    const page = await newPage(await createUserSession(t.app, 'student'));
    await page.goto(`${base}/admin`);
    await eventually(() => page.locator('h1').textContent()).toBe('You are not allowed here');
    expect(await page.getByText(/administrators and superusers/).count()).toBe(1);
    expect(await page.locator('main button, main input, main select').count()).toBe(0);
    await checkPage(page, 'admin-denied');
    await page.close();
  }, 90_000);

  it('an admin without MFA is sent to set it up first', async () => {
    const page = await newPage(await createUserSession(t.app, 'admin', { mfa: false }));
    await page.goto(`${base}/admin`);
    await eventually(() => page.locator('h1').textContent()).toBe('Turn on two-step verification first');
    expect(await page.getByRole('link', { name: 'Set up two-step verification' }).getAttribute('href')).toBe('/dashboard');
    await page.close();
  }, 90_000);

  it('a superuser sees the console without any write control enabled', async () => {
    const page = await newPage(await createUserSession(t.app, 'superuser'));
    await page.goto(`${base}/admin`);
    await eventually(() => page.getByRole('switch', { name: 'CivicJobs.ca' }).count()).toBe(1);
    expect(await page.getByText(/only an administrator can change it/).count()).toBe(1);
    const controls = page.locator('main table button, main table input');
    expect(await controls.count()).toBeGreaterThan(0);
    for (const control of await controls.all()) expect(await control.isDisabled()).toBe(true);
    await checkPage(page, 'admin-superuser');
    await page.getByRole('link', { name: 'Settings of CivicJobs.ca' }).click();
    await eventually(() => page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    for (const control of await page.locator('main form button, main form input, main form select').all()) expect(await control.isDisabled()).toBe(true);
    await page.getByRole('link', { name: 'Links' }).click();
    await eventually(() => page.getByRole('button', { name: 'Check every link now' }).isDisabled()).toBe(true);
    await page.close();
  }, 90_000);
});
