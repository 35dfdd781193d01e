/// <reference lib="dom" />
/**
 * The site in a real browser (Debian's Chromium through playwright-core) against a real server on
 * the test database: the visitor's search, a student's account with MFA, the French site and a
 * keyboard-only visit. Every page is checked with axe-core (no serious or critical violation) and
 * photographed into server/test-browser/artifacts; no flow may log a console error.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { ensureSiteBuilt } from '../src/site/build-site.js';
import { useTestApp } from '../test/helpers.js';
import { createUserSession, RELAXED_RATE_LIMITS } from '../test/support/auth.js';
import { clusterJobs } from '@pathfinder/core';
import { posting, seedJobs, seedSource } from '../test/jobs/seed-jobs.js';
import { checkPage, freePort, launchBrowser, tabTo, type Browser } from './support/browser.js';
import { parseMail } from '../../core/test/mail/mime.js';
import { startSmtpCapture } from '../../core/test/mail/smtp-capture.js';

// The site must be built before the app registers its assets; the server must know its own origin.
await ensureSiteBuilt();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// A real SMTP server receives the account mails (the confirmation link is read from it).
const smtp = await startSmtpCapture();
// The search counts exactly up to 40 matches here (1,000 in production), so the 45 jobs show as "40+ jobs".
const t = useTestApp({ config: { publicUrl: base, corsOrigins: [base], smtpUrl: smtp.url }, services: { rateLimits: RELAXED_RATE_LIMITS, searchLimits: { totalCap: 40 } } });
let browser: Browser;
const ids: string[] = [];

beforeAll(async () => {
  await t.app.listen({ port, host: '127.0.0.1' });
  const civic = await seedSource(t.app, { name: 'Civic Jobs', pluginId: 'civicjobs' });
  const board = await seedSource(t.app, { name: 'Campus Board', pluginId: 'campusboard' });
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString();
  ids.push(...(await seedJobs(t.app, civic, Array.from({ length: 30 }, (_, i) => posting({
    title: `Hydrology Analyst Co-op ${i + 1}`, companyName: 'River Works', city: 'Ottawa', province: 'ON', jobType: 'coop', term: 'summer',
    description: `Model rivers and floods. Position ${i + 1}.`, datePosted: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
    applicationDeadline: soon, salaryMin: 22, salaryMax: 26, salaryPeriod: 'hour',
  })))));
  ids.push(...(await seedJobs(t.app, board, [
    ...Array.from({ length: 8 }, (_, i) => posting({ title: `Stagiaire en marketing ${i + 1}`, companyName: 'Marque Inc', city: 'Montréal', province: 'QC', jobType: 'internship', description: 'Campagnes et lancements.' })),
    ...Array.from({ length: 6 }, (_, i) => posting({ title: `Hydrology Intern ${i + 1}`, companyName: 'Lakes Ltd', city: 'Toronto', province: 'ON', jobType: 'internship', description: 'Lake studies.' })),
    posting({ title: 'Junior Data Analyst', companyName: 'Numbers Ltd', locationType: 'remote', city: undefined, province: undefined, jobType: 'new_grad', description: 'Remote across Canada.' }),
  ])));
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await smtp.close();
});

const totp = (secret: string, stepOffset = 0) =>
  generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + stepOffset), 6);

/** A page in a context with no cookies: signed out, in English. */
async function newPage(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Waits for a value (the page renders after the API answers; this machine is shared and slow). */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

/** The decoded mails to `to` once `count` of them arrived (they are sent after the API answers). */
async function mailsTo(to: string, count = 1) {
  await eventually(() => smtp.messages.filter((m) => m.to.includes(to)).length).toBeGreaterThanOrEqual(count);
  return smtp.messages.filter((m) => m.to.includes(to)).map((m) => parseMail(m.raw));
}

const jobCards = (page: Page) => page.locator('.job-list:not(.skeleton) > li');

describe('a visitor', () => {
  it('searches, filters by province and job type, loads more, opens a job, and Back restores the results', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await eventually(() => page.locator('#results-heading').textContent()).toBe('40+ jobs');
    // Past the cap the facet counts are lower bounds too.
    expect(await page.getByRole('checkbox', { name: /^Co-op \(\d+\+\)$/ }).count()).toBe(1);
    await checkPage(page, 'search-home');
    await page.getByRole('checkbox', { name: /^Ontario/ }).click();
    await eventually(() => page.locator('#results-heading').textContent()).toBe('36 jobs');
    await page.getByRole('checkbox', { name: /^Co-op/ }).click();
    await eventually(() => page.locator('#results-heading').textContent()).toBe('30 jobs');
    expect(new URL(page.url()).searchParams.getAll('province')).toEqual(['ON']);
    expect(new URL(page.url()).searchParams.getAll('jobType')).toEqual(['coop']);
    // Every facet shows its counts over the filtered set, the term too.
    expect(await page.getByRole('checkbox', { name: 'Summer (30)', exact: true }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Fall (0)', exact: true }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Civic Jobs (30)', exact: true }).count()).toBe(1);
    await eventually(() => jobCards(page).count()).toBe(20);
    const first = jobCards(page).first();
    expect(await first.textContent()).toMatch(/River Works.*Ottawa, Ontario.*Co-op.*\$22–\$26 an hour.*Closes in 10 days.*From Civic Jobs/);
    await checkPage(page, 'search-filtered');
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(() => jobCards(page).count()).toBe(30);
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Hydrology Analyst Co-op 25', exact: true }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Hydrology Analyst Co-op 25');
    expect(await page.getByRole('link', { name: 'Apply on the employer’s site' }).getAttribute('href')).toMatch(/^\/api\/v1\/jobs\/[\w-]+\/apply$/);
    await checkPage(page, 'job-page');
    await page.goBack();
    await eventually(() => jobCards(page).count()).toBe(30);
    expect(await page.getByRole('checkbox', { name: /^Ontario/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Co-op/ }).isChecked()).toBe(true);
    expect(browser.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('a student', () => {
  it('registers, enables MFA from the QR page, signs out and in with a TOTP code, saves a job, creates an alert from a search, downloads their data', async () => {
    const page = await newPage();
    const email = `student-${Date.now()}@example.test`;
    const password = 'a long and unusual passphrase 93';
    await page.goto(`${base}/register`);
    await checkPage(page, 'register');
    await page.getByLabel('A student').click();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel(/send me the job alerts/).click();
    await page.getByRole('button', { name: 'Create my account' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('My dashboard');
    await checkPage(page, 'dashboard');

    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await checkPage(page, 'mfa-setup');
    await page.getByLabel('Six-digit code from your authenticator app').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await eventually(() => page.getByText('Two-step verification is on.').count()).toBe(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await checkPage(page, 'sign-in');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('Two-step verification');
    await checkPage(page, 'mfa-challenge');
    // The enabling code's time step is spent; the next step's code is within the accepted skew.
    await page.getByLabel('Six-digit code from your authenticator app').fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('My dashboard');

    await page.goto(`${base}/jobs/${ids[0]}`);
    await page.getByRole('button', { name: 'Save this job' }).click();
    await eventually(() => page.getByRole('button', { name: 'Saved' }).getAttribute('aria-pressed')).toBe('true');

    await page.goto(`${base}/?q=hydrology&province=ON`);
    await eventually(() => page.locator('#results-heading').textContent()).toBe('36 jobs');
    await page.getByRole('link', { name: 'Alert me about jobs like these' }).click();
    await eventually(() => page.getByLabel('Alert name').inputValue()).toBe('hydrology');
    await checkPage(page, 'new-alert');
    await page.getByLabel('Frequency').first().selectOption('weekly');
    await page.getByRole('button', { name: 'Create the alert' }).click();
    await eventually(() => page.getByText('Alert created.').count()).toBe(1);
    const alertItem = page.locator('.alert-item').first();
    expect(await alertItem.textContent()).toMatch(/hydrology.*Weekly.*Active/);
    await page.getByRole('button', { name: 'Pause: hydrology' }).click();
    await eventually(() => alertItem.textContent()).toMatch(/Paused/);
    expect(await page.locator('#saved-heading + ul').textContent()).toContain('Hydrology Analyst Co-op 1');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(JSON.stringify(data)).toContain(email);
    expect(JSON.stringify(data)).toContain('hydrology');
    await checkPage(page, 'dashboard-full');
    expect(browser.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the French site', () => {
  it('switches with « Français », keeps the language, and searches and shows a job in French', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Afficher le site en français' }).click();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('fr-CA');
    expect(await page.getByRole('button', { name: 'Show the site in English' }).textContent()).toBe('English');
    await page.reload();
    await eventually(() => page.locator('#results-heading').textContent()).toBe('40 emplois ou plus');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await checkPage(page, 'fr-search');
    await page.getByRole('checkbox', { name: /^Québec/ }).click();
    await eventually(() => page.locator('#results-heading').textContent()).toBe('8 emplois');
    await page.getByLabel('Mots-clés').fill('hydrology');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await eventually(() => page.locator('.notice.empty').textContent()).toContain('Aucun emploi ne correspond');
    await page.goto(`${base}/jobs/${ids[0]}`);
    await eventually(() => page.getByRole('link', { name: 'Postuler sur le site de l’employeur' }).count()).toBe(1);
    const facts = (await page.locator('.job-facts').textContent())!;
    expect(facts).toMatch(/Stage coop/);
    expect(facts).toMatch(/22\s\$–26\s\$ l’heure/);
    expect(facts).toMatch(/Se termine dans (9|10) jours/);
    expect(await page.title()).toContain('Hydrology Analyst Co-op 1');
    await checkPage(page, 'fr-job');
    // Back to English for the flows that follow.
    await page.getByRole('button', { name: 'Show the site in English' }).click();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('en-CA');
    expect(browser.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('keyboard only', () => {
  it('searches, opens a job, signs in and saves it without a mouse', async () => {
    const student = await createUserSession(t.app, 'student');
    const page = await newPage();
    await page.goto(`${base}/`);
    await eventually(() => page.locator('#results-heading').textContent()).toBe('40+ jobs');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await tabTo(page, '#q');
    await page.keyboard.type('"data analyst"');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#results-heading').textContent()).toBe('1 job');
    await tabTo(page, '.job-card a');
    // The focus ring is visible (an outline), not just the browser default.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('h1').textContent()).toBe('Junior Data Analyst');
    await tabTo(page, 'button[aria-pressed]');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('h1').textContent()).toBe('Sign in');
    await tabTo(page, 'input[type=email]');
    await page.keyboard.type(student.user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(student.password);
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('h1').textContent()).toBe('Junior Data Analyst');
    await tabTo(page, 'button[aria-pressed]');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('button[aria-pressed]').getAttribute('aria-pressed')).toBe('true');
    await checkPage(page, 'keyboard-saved');
    expect(browser.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('a new account\'s email address', () => {
  it('is confirmed by opening the mailed link on the site; a bad link offers a new one', async () => {
    const page = await newPage();
    const email = `confirm-${Date.now()}@example.test`;
    await page.goto(`${base}/register`);
    await page.getByLabel('A recent graduate').click();
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long and unusual passphrase 94');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await eventually(() => page.locator('h1').textContent()).toBe('My dashboard');
    await eventually(() => page.getByText('Your email address is not confirmed yet', { exact: false }).count()).toBe(1);

    // A forged link: the page says so and offers a new one to the signed-in owner.
    await page.goto(`${base}/verify-email?token=nobody.1.${'A'.repeat(43)}`);
    // The resend button brings its own (empty) alert region once the session loads: read the one that speaks.
    await eventually(() => page.getByRole('alert').filter({ hasText: /\S/ }).textContent()).toMatch(/invalid or has expired/);
    await checkPage(page, 'verify-email-invalid');
    await page.getByRole('button', { name: 'Email me a new link' }).click();
    await eventually(() => page.getByRole('status').filter({ hasText: /\S/ }).textContent()).toContain(`A new confirmation link is on its way to ${email}`);

    // The registration's mail and the new one both carry a link to this page; the newest is opened.
    const mails = await mailsTo(email, 2);
    const links = mails.map((m) => /(http:\/\/\S+\/verify-email\?token=\S+)/.exec(m.text ?? '')?.[1]);
    expect(links.every((link) => link?.startsWith(`${base}/verify-email?token=`))).toBe(true);
    await page.goto(links.at(-1)!);
    await eventually(() => page.getByRole('status').filter({ hasText: /\S/ }).textContent()).toBe(`Thank you: ${email} is confirmed. Your job alerts can now be emailed to it.`);
    await checkPage(page, 'verify-email-confirmed');
    await page.getByRole('link', { name: 'My dashboard' }).first().click();
    await eventually(() => page.locator('h1').textContent()).toBe('My dashboard');
    expect(await page.getByText('Your email address is not confirmed yet', { exact: false }).count()).toBe(0);

    // Signed out, in French: the same link still confirms (opening it again changes nothing).
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: 'pf_lang', value: 'fr-CA', url: base }]);
    await page.goto(links[0]!);
    await eventually(() => page.getByRole('status').filter({ hasText: /\S/ }).textContent()).toBe(`Merci : ${email} est confirmée. Vos alertes d’emploi peuvent maintenant y être envoyées.`);
    await checkPage(page, 'fr-verify-email-confirmed');
    await page.goto(`${base}/verify-email?token=expired`);
    await eventually(() => page.getByRole('alert').filter({ hasText: /\S/ }).textContent()).toMatch(/invalide ou a expiré/);
    expect(await page.getByRole('link', { name: 'Se connecter' }).count()).toBeGreaterThanOrEqual(1);
    await browser.context.clearCookies();
    // The only console lines allowed: Chromium's own log of the two refused links' 400 answers.
    const refused = (e: string) => /\/verify-email\?token=.*Failed to load resource: the server responded with a status of 400/.test(e);
    expect(browser.errors.filter(refused), browser.errors.join("\n")).toHaveLength(2);
    expect(browser.errors.filter((e) => !refused(e))).toEqual([]);
    browser.errors.splice(0, browser.errors.length, ...browser.errors.filter((e) => !refused(e)));
    await page.close();
  }, 180_000);
});

describe('one job on two boards (issue 16)', () => {
  it('shows one result saying where else it is posted, and the job page links to the other board\'s posting', async () => {
    // The same co-op crawled from two boards, worded a little differently: the pipeline's clustering joins them.
    const career = await seedSource(t.app, { name: 'Career Edge', pluginId: 'careeredge' });
    const mars = await seedSource(t.app, { name: 'MaRS', pluginId: 'marsboard' });
    const description = 'Spend a four-month co-op term on the tidal energy team: model turbine output in Python, '
      + 'clean sensor data in SQL and present a forecast to the operations group at the end of the term.';
    const copy = (board: string, fields: { title: string; companyName: string }) => posting({
      ...fields, originalUrl: `https://${board}.example.ca/postings/tidal-77`, description, city: 'Halifax', province: 'NS', jobType: 'coop',
    });
    const [careerJob] = await seedJobs(t.app, career, [copy('careeredge', { title: 'Tidal Energy Analyst Co-op', companyName: 'Fundy Tidal' })]);
    const [marsJob] = await seedJobs(t.app, mars, [copy('mars', { title: 'Co-op, Tidal Energy Analyst', companyName: 'Fundy Tidal Inc.' })]);
    const joined = await clusterJobs(t.app.ctx.orm.em.fork().getConnection(), [careerJob!, marsJob!]);
    expect(joined).toMatchObject({ created: 1, joined: 2 });

    const page = await newPage();
    await page.goto(`${base}/?q=tidal`);
    await eventually(() => page.locator('#results-heading').textContent()).toBe('1 job');
    const card = jobCards(page).first();
    // The result is one copy (the representative); the card names the other board.
    const shown = /From (Career Edge|MaRS)/.exec((await card.textContent())!)![1]!;
    const other = shown === 'MaRS' ? { name: 'Career Edge', url: 'https://careeredge.example.ca/postings/tidal-77', id: careerJob } : { name: 'MaRS', url: 'https://mars.example.ca/postings/tidal-77', id: marsJob };
    expect(await card.locator('.also-posted').textContent()).toBe(`Also posted on ${other.name}`);
    await checkPage(page, 'search-also-posted');

    await card.getByRole('link').first().click();
    await eventually(() => page.locator('h1').textContent()).toMatch(/Tidal Energy Analyst/);
    const copies = page.getByRole('region', { name: 'Also posted on' });
    await eventually(() => copies.getByRole('link').count()).toBe(1);
    const link = copies.getByRole('link', { name: other.name, exact: true });
    expect(await link.getAttribute('href')).toBe(other.url);
    expect(await link.getAttribute('rel')).toContain('noopener');
    await checkPage(page, 'job-also-posted');

    // The other copy's own page lists the first board back.
    await page.goto(`${base}/jobs/${other.id}`);
    await eventually(() => copies.getByRole('link').textContent()).toBe(shown);

    // In French.
    await browser.context.addCookies([{ name: 'pf_lang', value: 'fr-CA', url: base }]);
    await page.goto(`${base}/?q=tidal`);
    await eventually(() => jobCards(page).first().locator('.also-posted').textContent()).toBe(`Également affiché sur ${other.name}`);
    await page.goto(`${base}/jobs/${other.id}`);
    await eventually(() => page.getByRole('region', { name: 'Également affiché sur' }).getByRole('link').textContent()).toBe(shown);
    await checkPage(page, 'fr-job-also-posted');
    await browser.context.clearCookies();
    expect(browser.errors).toEqual([]);
    await page.close();
  }, 180_000);
});
