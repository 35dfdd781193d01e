import { describe, expect, it } from 'vitest';
import { defineSource, type JobPosting } from '@pathfinder/sdk';
import { useTestDatabase } from '../../src/testing/index.js';
import { runCrawl } from '../../src/engine/crawl-runner.js';
import type { LoadedPlugin } from '../../src/engine/plugin-registry.js';
import { Job } from '../../src/db/entities/index.js';
import { normalizeStage, preparePosting } from '../../src/pipeline/index.js';

// Issue 13 (Low): the engine stored a plugin's descriptionHtml as given, so a third-party plugin
// could put script into what the API serves. The normalise stage now sanitises it.
const db = useTestDatabase();
const now = new Date('2026-11-01T12:00:00Z');

const HOSTILE_HTML = '<p onclick="steal()">Build robots in Waterloo.</p><script>steal()</script>'
  + '<a href="javascript:steal()" onmouseover="steal()">Apply</a><img src=x onerror="steal()"><iframe src="https://evil.example"></iframe>';

const posting = (n: number, extra: Partial<JobPosting> = {}): JobPosting => ({
  title: `Software Developer Co-op ${n}`,
  companyName: 'Maple Robotics',
  originalUrl: `https://jobs.example.ca/jobs?id=${n}`,
  externalId: String(n),
  description: '',
  descriptionHtml: HOSTILE_HTML,
  city: 'Waterloo',
  province: 'ON',
  ...extra,
});

function expectClean(html: string | null | undefined): void {
  expect(html).toBe('<p>Build robots in Waterloo.</p><a rel="nofollow noopener">Apply</a>');
}

describe('a plugin\'s descriptionHtml', () => {
  it('is sanitised by the normalise stage', () => {
    expectClean(normalizeStage(posting(1), { now }).descriptionHtml);
  });

  it('is sanitised through the whole pipeline; the text comes from it without the script', () => {
    const r = preparePosting(posting(2), { sourceId: 'scripted', now });
    if (r.kind !== 'job') throw new Error(`expected a job, got ${JSON.stringify(r)}`);
    expectClean(r.job.descriptionHtml);
    expect(r.job.description).toBe('Build robots in Waterloo.\n\nApply');
  });

  it('that sanitises to nothing is left out', () => {
    const out = normalizeStage(posting(3, { description: 'Build robots.', descriptionHtml: '<script>steal()</script>' }), { now });
    expect(out.descriptionHtml).toBeUndefined();
    expect(out.description).toBe('Build robots.');
  });

  it('is stored sanitised by a crawl', async () => {
    const definition = defineSource({
      id: 'hostile-html', name: 'Hostile HTML', version: '1.0.0', sdk: '^1.0.0', baseUrl: 'https://jobs.example.ca',
      crawlDelaySeconds: 0, schedule: '0 * * * *',
      async *crawl() {
        yield posting(4);
      },
    });
    const plugin: LoadedPlugin = {
      id: 'hostile-html', definition,
      package: { packageName: '@test/hostile-html', packageVersion: '1.0.0', dir: '/tmp', entry: '/tmp/x.ts', origin: 'extra' },
    };
    const run = await runCrawl({ plugin, orm: db.orm, trigger: 'manual' });
    expect(run.counts).toMatchObject({ added: 1, invalid: 0 });
    const job = await db.orm.em.fork().findOneOrFail(Job, { externalId: '4', source: { pluginId: 'hostile-html' } }, { populate: ['descriptionHtml'] });
    expectClean(job.descriptionHtml);
    expect(job.description).not.toContain('steal');
  });
});
