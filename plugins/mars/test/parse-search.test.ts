import { describe, expect, it } from 'vitest';
import { parseSearchPage, searchRequestBody } from '../src/parse-search.js';

describe('parseSearchPage', () => {
  it('reads the documented {results: {jobs, count}} shape', () => {
    const page = parseSearchPage({ results: { jobs: [{ id: 1 }, { id: 2 }], count: 41 }, meta: { page: 0 } });
    expect(page).toEqual({ jobs: [{ id: 1 }, { id: 2 }], count: 41 });
  });

  it('tolerates a bare {jobs, count} body and a count sent as a string', () => {
    expect(parseSearchPage({ jobs: [{ id: 1 }], count: '7' })).toEqual({ jobs: [{ id: 1 }], count: 7 });
  });

  it('falls back to meta.total and leaves count unset when nothing usable is given', () => {
    expect(parseSearchPage({ results: { jobs: [] }, meta: { total: 12 } })).toEqual({ jobs: [], count: 12 });
    expect(parseSearchPage({ results: { jobs: [], count: -3 } })).toEqual({ jobs: [] });
    expect(parseSearchPage({ results: { jobs: [], count: 'many' } })).toEqual({ jobs: [] });
  });

  it('drops entries that are not objects', () => {
    expect(parseSearchPage({ results: { jobs: [null, 3, 'x', [1], { id: 9 }], count: 5 } })?.jobs).toEqual([{ id: 9 }]);
  });

  it('returns undefined when there is no jobs array (the API changed)', () => {
    expect(parseSearchPage(null)).toBeUndefined();
    expect(parseSearchPage([])).toBeUndefined();
    expect(parseSearchPage({ results: { hits: [] } })).toBeUndefined();
    expect(parseSearchPage({ results: { jobs: {} } })).toBeUndefined();
    expect(parseSearchPage('{"results":{"jobs":[]}}')).toBeUndefined();
  });
});

describe('searchRequestBody', () => {
  it('is the board front end\'s body with a 0-based page', () => {
    expect(searchRequestBody(2, 20)).toEqual({ hitsPerPage: 20, page: 2, query: '', filters: {} });
  });
});
