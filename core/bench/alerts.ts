/**
 * `npm run bench:alerts -w core`: renders one alert email with 20 jobs (HTML and text, from the
 * templates compiled once at start) N times after a warm-up, and prints the mean and p95 per email
 * (goal: ≤ 5 ms). For comparison it also times the other way round, Handlebars then MJML on every
 * email, which is what compiling once avoids.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { alertEmailView, buildAlertEmail } from '../src/alerts/alert-email.js';
import { loadAlertTemplates } from '../src/alerts/alert-templates.js';
import type { AlertJob } from '../src/alerts/match-alert.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
const WARMUP = 200;
const MJML_COUNT = Number(process.env.BENCH_MJML_COUNT ?? 30);
const TARGET_MS = 5;

const CITIES: [string, string][] = [['Toronto', 'ON'], ['Vancouver', 'BC'], ['Montréal', 'QC'], ['Calgary', 'AB'], ['Halifax', 'NS']];
const jobs: AlertJob[] = Array.from({ length: 20 }, (_, i) => ({
  id: `cjld2cjxh0000qzrmn831i7r${String(i).padStart(2, '0')}`,
  title: `${['Software Developer Co-op', 'Data Analyst Intern', 'Junior Civil Engineer', 'Policy Analyst (New Grad)'][i % 4]} – Team ${i} & <Partners>`,
  company: `Maple ${['Robotics', 'Energy', 'Health', 'Finance'][i % 4]} Inc.`,
  city: CITIES[i % CITIES.length]![0],
  province: CITIES[i % CITIES.length]![1],
  jobType: (['coop', 'internship', 'new_grad'] as const)[i % 3],
  locationType: (['onsite', 'hybrid', 'remote'] as const)[i % 3],
  deadline: i % 2 ? new Date(Date.UTC(2026, 4, 1 + i, 3, 59, 59)) : null,
  createdAt: new Date(),
}));
const config = { publicUrl: 'https://pathfinder.example.ca', mailFrom: 'Pathfinder <alerts@pathfinder.example.ca>', mailPostalAddress: 'Pathfinder, 100 Queen St W, Toronto, ON M5H 2N2, Canada' };
const input = { alert: { id: 'alert1', name: 'BC co-ops', frequency: 'daily' as const, unsubscribeToken: 'Qm9vdHN0cmFwIHRva2VuIGZvciB0aGUgYmVuY2htYXJr' }, recipient: 'student@example.ca', jobs };

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { mean, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}
const ms = (v: number) => `${v.toFixed(3)} ms`;

const compileStart = performance.now();
const templates = await loadAlertTemplates();
const compileMs = performance.now() - compileStart;

for (let i = 0; i < WARMUP; i++) buildAlertEmail(templates, config, input);
const samples: number[] = [];
let bytes = 0;
for (let i = 0; i < COUNT; i++) {
  const start = performance.now();
  const message = buildAlertEmail(templates, config, input);
  samples.push(performance.now() - start);
  bytes = message.html.length + message.text.length;
}
const compiled = stats(samples);

// The alternative: Handlebars on the MJML source, then MJML, for every email.
const source = await fs.readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/alerts/templates/alert-email.mjml'), 'utf8');
const hbs = Handlebars.create();
hbs.registerHelper('url', (value: string) => new Handlebars.SafeString(value));
const mjmlFirst = hbs.compile(source);
const renderThenMjml = () => mjml2html(mjmlFirst(alertEmailView(config, input)), { validationLevel: 'skip', keepComments: false });
for (let i = 0; i < 5; i++) await renderThenMjml();
const slow: number[] = [];
for (let i = 0; i < MJML_COUNT; i++) {
  const start = performance.now();
  await renderThenMjml();
  slow.push(performance.now() - start);
}
const perEmail = stats(slow);

console.log(`alert email, 20 jobs, ${(bytes / 1024).toFixed(1)} KiB (HTML + text)`);
console.log(`  compile once at start (MJML + Handlebars): ${ms(compileMs)}`);
console.log(`  render from the compiled template, ${COUNT} emails: mean ${ms(compiled.mean)}  p50 ${ms(compiled.p50)}  p95 ${ms(compiled.p95)}  max ${ms(compiled.max)}`);
console.log(`  for comparison, Handlebars then MJML per email, ${MJML_COUNT} emails: mean ${ms(perEmail.mean)}  p95 ${ms(perEmail.p95)}`);
const ok = compiled.p95 <= TARGET_MS;
console.log(`  goal: ≤ ${TARGET_MS} ms per email → ${ok ? 'met' : 'NOT MET'} (p95 ${ms(compiled.p95)})`);
if (!ok) process.exitCode = 1;
