/// <reference lib="dom" />
/**
 * The employer portal in a real browser (issue 11): an employer registers, posts a job, sees the
 * API's validation message for a bad URL at its field, fixes it, finds the job in public search,
 * archives it (after a confirmation) and it leaves search, then restores it. The portal in French.
 * A student opening /employer is told in words they lack access. Every page is checked with axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureSiteBuilt } from '../src/site/build-site.js';
import { useTestApp } from '../test/helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS, type TestSession } from '../test/support/auth.js';
import { checkPage, freePort, launchBrowser, type Browser } from './support/browser.js';

await ensureSiteBuilt();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const t = useTestApp({ config: { publicUrl: base, corsOrigins: [base] }, services: { rateLimits: RELAXED_RATE_LIMITS } });
let browser: Browser;

beforeAll(async () => {
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

async function newPage(session?: TestSession): Promise<Page> {
  await browser.context.clearCookies();
  if (session) await browser.context.addCookies([{ name: 'pf_session', value: session.token, url: base, httpOnly: true, sameSite: 'Lax' }]);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Console errors other than the 400 the flow provokes on purpose (the browser logs each failed fetch). */
const unexpectedErrors = () => browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e));

describe('an employer', () => {
  it('registers, posts a job (a bad URL refused at its field first), finds it in search, archives it out of search, restores it', async () => {
    const page = await newPage();
    await page.goto(`${base}/register`);
    await page.getByLabel('An employer').click();
    await page.getByLabel('Company name').fill('Greenhouse Robotics');
    await page.getByLabel('Email', { exact: true }).fill(`employer-${Date.now()}@example.test`);
    await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase 93');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('My dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Employer portal' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('My jobs');
    await eventually(() => page.getByText('You have not posted a job yet.').count()).toBe(1);
    await checkPage(page, 'employer-empty');

    await page.getByRole('navigation', { name: 'Employer portal' }).getByRole('link', { name: 'Post a job' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Post a job');
    await page.getByLabel(/^Job title/).fill('Greenhouse Sensor Co-op');
    await page.getByLabel(/^Where to apply/).fill('not a web address');
    await page.getByLabel('Formatted (limited HTML)').check();
    await page.getByLabel('Description', { exact: true }).fill('<p>Build <strong>sensors</strong> for greenhouses.</p><script>alert(1)</script><ul><li>Arduino</li></ul>');
    await page.getByLabel('Job type', { exact: true }).selectOption('coop');
    await page.getByLabel('Term', { exact: true }).selectOption('summer');
    await page.getByLabel('City', { exact: true }).fill('Guelph');
    await page.getByLabel('Province or territory').selectOption('ON');
    await page.getByLabel('Pay from').fill('21');
    await page.getByLabel('Pay up to').fill('24');
    await page.getByLabel('Application deadline').fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Skills', { exact: true }).fill('Arduino, Python');
    // The preview reads like the job page, with only what the sanitiser keeps.
    const preview = page.locator('.preview');
    await eventually(() => preview.textContent()).toMatch(/Greenhouse Sensor Co-op.*Guelph, Ontario.*Co-op.*Summer.*\$21–\$24 an hour.*Arduino, Python.*Build sensors for greenhouses\./);
    expect(await preview.locator('strong').textContent()).toBe('sensors');
    expect(await preview.locator('script').count()).toBe(0);
    await page.getByRole('button', { name: 'Post the job' }).click();
    const url = page.getByLabel(/^Where to apply/);
    await eventually(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').first().textContent()).toMatch(/uri|https?/);
    await checkPage(page, 'employer-form-error');
    await url.fill('https://greenhouse.example.com/jobs/sensor-coop');
    await page.getByRole('button', { name: 'Post the job' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: '“Greenhouse Sensor Co-op” is posted and already in search.' }).count()).toBe(1);
    const row = page.locator('tr[data-job]').first();
    expect(await row.textContent()).toMatch(/Greenhouse Sensor Co-op.*Active.*0/);
    await eventually(() => page.locator('svg.chart rect.bar').count()).toBe(30);
    expect(await page.getByRole('table', { name: 'Apply clicks per day' }).locator('tbody tr').count()).toBe(30);
    await checkPage(page, 'employer-jobs');

    await page.goto(`${base}/?q=greenhouse`);
    await eventually(() => page.getByRole('link', { name: 'Greenhouse Sensor Co-op' }).count()).toBe(1);

    await page.goto(`${base}/employer`);
    await page.getByRole('button', { name: 'Archive: Greenhouse Sensor Co-op' }).click();
    await eventually(() => page.getByRole('heading', { name: 'Archive “Greenhouse Sensor Co-op”?' }).count()).toBe(1);
    expect(await page.getByText(/leaves search at once/).count()).toBe(1);
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'is archived and no longer in search' }).count()).toBe(1);
    await eventually(() => page.locator('tr[data-job]').first().textContent()).toMatch(/Archived/);
    await page.goto(`${base}/?q=greenhouse`);
    await eventually(() => page.getByText('No jobs match this search.').count()).toBe(1);

    await page.goto(`${base}/employer`);
    await page.getByRole('button', { name: 'Restore: Greenhouse Sensor Co-op' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'is listed again' }).count()).toBe(1);

    // Editing keeps the fields and saves a change.
    await page.getByRole('link', { name: 'Edit: Greenhouse Sensor Co-op' }).click();
    await eventually(() => page.getByLabel('City', { exact: true }).inputValue()).toBe('Guelph');
    await page.getByLabel('City', { exact: true }).fill('Kitchener');
    // A formatted description opens in the editor: its text is there, and the toolbar formats what is typed next.
    const editor = page.getByRole('textbox', { name: 'Description' });
    await eventually(() => editor.textContent()).toMatch(/Build sensors for greenhouses\..*Arduino/);
    expect(await editor.locator('script').count()).toBe(0);
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Paid co-op.');
    await eventually(() => preview.locator('b, strong').filter({ hasText: 'Paid co-op.' }).count()).toBe(1);
    await checkPage(page, 'employer-editor');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: 'is saved' }).count()).toBe(1);
    const [saved] = await t.db.orm.em.fork().getConnection().execute<{ description_html: string }[]>(
      "select description_html from jobs where title = 'Greenhouse Sensor Co-op'");
    expect(saved!.description_html).toMatch(/<(b|strong)>Paid co-op\.<\/(b|strong)>/);
    expect(saved!.description_html).toContain('<strong>sensors</strong>');

    await page.getByRole('button', { name: 'Afficher le site en français' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Mes offres');
    await checkPage(page, 'employer-jobs-fr');
    expect(unexpectedErrors()).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('who else opens the portal', () => {
  it('a student is told in words they lack access, with no control shown', async () => {
    const page = await newPage(await createUserSession(t.app, 'student'));
    await page.goto(`${base}/employer`);
    await eventually(() => page.locator('h1').textContent()).toBe('You are not allowed here');
    expect(await page.getByText(/for employer accounts/).count()).toBe(1);
    expect(await page.locator('main button, main input, main select, main textarea').count()).toBe(0);
    await checkPage(page, 'employer-denied');
    await page.close();
  }, 90_000);
});
