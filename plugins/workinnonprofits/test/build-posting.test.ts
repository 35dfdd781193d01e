import { validatePosting } from '@pathfinder/sdk';
import { describe, expect, it } from 'vitest';
import { buildPosting, externalIdOf } from '../src/build-posting.js';
import type { DetailPage } from '../src/parse-detail.js';
import type { ListingCard } from '../src/parse-listing.js';

const URL_E = 'https://workinnonprofits.ca/jobs/view/1/E/x';
const card = (o: Partial<ListingCard> = {}): ListingCard => ({
  link: { section: 'jobs', id: '1', language: 'E', slug: 'x' },
  title: 'Card title',
  companyName: 'Card org',
  location: 'Halifax, NS',
  applicationDeadline: '2026-03-22T04:00:00.000Z',
  locationType: 'onsite',
  ...o,
});
const detail = (fields: DetailPage['fields'] = {}, employmentTypes: string[] = []): DetailPage => ({
  fields: { description: '', ...fields },
  employmentTypes,
  hasJsonLd: employmentTypes.length > 0,
});

describe('externalIdOf', () => {
  it('prefixes volunteer ids only', () => {
    expect(externalIdOf({ section: 'jobs', id: '4521' })).toBe('4521');
    expect(externalIdOf({ section: 'volunteer-jobs', id: '4521' })).toBe('v4521');
  });
});

describe('buildPosting', () => {
  it('lets the card fill what the detail page lacks, and the result is schema-valid', () => {
    const { posting } = buildPosting(card(), detail(), URL_E);
    expect(posting).toEqual({
      title: 'Card title', companyName: 'Card org', originalUrl: URL_E, externalId: '1', description: '',
      locationType: 'onsite', city: 'Halifax', province: 'NS', withPay: true, applicationDeadline: '2026-03-22T04:00:00.000Z',
    });
    expect(validatePosting(posting).ok).toBe(true);
  });

  it('prefers the detail page, including a place without the card\'s city', () => {
    const { posting } = buildPosting(
      card(),
      detail({ title: 'Detail title', companyName: 'Detail org', province: 'NS', locationType: 'remote', applicationDeadline: '2026-04-01T02:59:00.000Z' }),
      URL_E,
    );
    expect(posting).toMatchObject({ title: 'Detail title', companyName: 'Detail org', province: 'NS', locationType: 'remote', applicationDeadline: '2026-04-01T02:59:00.000Z' });
    expect(posting?.city).toBeUndefined();
  });

  it('is unpaid, without salary, in the volunteer section or when typed VOLUNTEER', () => {
    const vol = buildPosting(card({ link: { section: 'volunteer-jobs', id: '9', language: 'E' } }), detail({ salaryMin: 20, salaryMax: 20, salaryPeriod: 'hour' }), URL_E);
    expect(vol.posting).toMatchObject({ externalId: 'v9', withPay: false });
    expect(vol.posting?.salaryMin).toBeUndefined();
    expect(buildPosting(card(), detail({}, ['VOLUNTEER']), URL_E).posting?.withPay).toBe(false);
    expect(buildPosting(card(), detail({ salaryMin: 20, salaryMax: 22, salaryPeriod: 'hour' }), URL_E).posting).toMatchObject({ withPay: true, salaryMin: 20, salaryMax: 22 });
  });

  it('names what is missing instead of yielding an invalid posting', () => {
    expect(buildPosting(card({ title: undefined, companyName: undefined }), detail(), URL_E)).toEqual({ missing: ['title', 'companyName'] });
    expect(buildPosting(card({ companyName: '' }), detail({ companyName: '' }), URL_E)).toEqual({ missing: ['companyName'] });
  });

  it('clips an over-long title to the schema limit', () => {
    const { posting } = buildPosting(card({ title: 'A'.repeat(400) }), detail(), URL_E);
    expect(posting?.title.length).toBe(300);
    expect(validatePosting(posting).ok).toBe(true);
  });
});
