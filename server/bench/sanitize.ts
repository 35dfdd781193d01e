// npm run bench:sanitize — what cleaning a job's HTML costs: sanitizeHtml and htmlToText, then the
// whole preparation an API-submitted job goes through (sanitise + pipeline), on a normal posting
// and on each hostile input, at the largest descriptionHtml the API takes and at the size below
// which the API prepares a job inline (on the event loop) instead of on a worker thread.
import { htmlToText, sanitizeHtml } from '@pathfinder/sdk';
import { hostileInputs, normalPostingHtml } from '../../sdk/test/support/hostile-inputs.js';
import { DESCRIPTION_HTML_MAX, prepareSubmitted } from '../src/routes/jobs/job-input.js';
import { INLINE_PREPARE_MAX } from '../src/routes/jobs/prepare-pool.js';

function best(f: () => unknown, runs = 3): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      f();
    } catch {
      // a refused posting (senior role, invalid) costs what it costs
    }
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

const prepare = (html: string) => prepareSubmitted(
  { title: 'Junior Data Analyst', companyName: 'Acme', originalUrl: 'https://example.ca/jobs/1', description: '', descriptionHtml: html },
  { sourceId: 'bench', now: new Date(), checkDeadline: false, strictSenior: true },
);

const steps: [string, (s: string) => unknown][] = [['sanitizeHtml', sanitizeHtml], ['htmlToText', htmlToText], ['prepareSubmitted', prepare]];
for (const size of [INLINE_PREPARE_MAX, DESCRIPTION_HTML_MAX]) {
  console.log(`\n${size.toLocaleString('en-CA')} characters`);
  const normal = normalPostingHtml(size);
  const inputs = hostileInputs(size);
  for (const [name, f] of steps) {
    f(normal);
    const normalMs = best(() => f(normal));
    let worst = { name: '', ms: 0 };
    for (const [input, text] of Object.entries(inputs)) {
      const ms = best(() => f(text), 1);
      if (ms > worst.ms) worst = { name: input, ms };
    }
    console.log(`  ${name.padEnd(17)} normal ${normalMs.toFixed(1).padStart(7)} ms   worst hostile ${worst.ms.toFixed(1).padStart(7)} ms (${worst.name})`);
  }
}
