import { describe, expect, it } from 'vitest';
import {
  AbortedError, BlockedError, ConfigError, DisallowedError, FatalSourceError, ParseError, PathfinderError, RetryableError,
} from '@pathfinder/sdk';
import { CoreError } from '../../src/errors/codes.js';
import {
  CrawlTimeoutError, decideOutcome, describeFailure, shouldRetry, type OutcomeFacts, type RunOutcome,
} from '../../src/engine/run-outcome.js';

const completed = { kind: 'completed' } as const;
const facts = (f: Partial<OutcomeFacts>): OutcomeFacts => ({
  ending: completed, incomplete: [], found: 10, seen: 10, census: { active: 10, unseen: 0 }, maxArchiveFraction: 0.5, ...f,
});
type Row = [string, Partial<OutcomeFacts>, Pick<RunOutcome, 'status' | 'archive' | 'saveState' | 'failures'> & { reason?: string; retryable?: boolean }];

// Each row: the facts a run ends with, and how it must end.
const table: Row[] = [
  ['a complete run that saw every job', {}, { status: 'success', archive: true, saveState: true, failures: 'reset' }],
  ['a complete run that lost a few jobs', { seen: 7, census: { active: 10, unseen: 3 } }, { status: 'success', archive: true, saveState: true, failures: 'reset' }],
  ['exactly half gone is still within the default limit', { seen: 5, census: { active: 10, unseen: 5 } }, { status: 'success', archive: true, saveState: true, failures: 'reset' }],
  ['more than half gone', { seen: 4, census: { active: 10, unseen: 6 } }, { status: 'partial', reason: 'shrunk', archive: false, saveState: false, failures: 'keep' }],
  ['more than half gone, the manifest allows 90 %', { seen: 2, census: { active: 10, unseen: 8 }, maxArchiveFraction: 0.9 }, { status: 'success', archive: true, saveState: true, failures: 'reset' }],
  ['a small board losing two of its three jobs (a small drop is never a broken site)', { seen: 1, census: { active: 3, unseen: 2 } }, { status: 'success', archive: true, saveState: true, failures: 'reset' }],
  ['a small board losing three of its four jobs', { seen: 1, census: { active: 4, unseen: 3 } }, { status: 'partial', reason: 'shrunk', archive: false, saveState: false, failures: 'keep' }],
  ['a wholesale turnover (every old job gone, as many new)', { seen: 10, census: { active: 10, unseen: 10 } }, { status: 'partial', reason: 'shrunk', archive: false, saveState: false, failures: 'keep' }],
  ['nothing yielded', { found: 0, seen: 0, census: { active: 10, unseen: 10 } }, { status: 'partial', reason: 'empty', archive: false, saveState: false, failures: 'keep' }],
  ['nothing yielded, even when the manifest allows any drop', { found: 0, seen: 0, census: { active: 10, unseen: 10 }, maxArchiveFraction: 1 }, { status: 'partial', reason: 'empty', archive: false, saveState: false, failures: 'keep' }],
  ['postings yielded but all skipped', { found: 4, seen: 0, census: { active: 10, unseen: 10 } }, { status: 'partial', reason: 'empty', archive: false, saveState: false, failures: 'keep' }],
  ['a first run that yields nothing', { found: 0, seen: 0, census: { active: 0, unseen: 0 } }, { status: 'partial', reason: 'empty', archive: false, saveState: false, failures: 'keep' }],
  ['cut short by a limit', { incomplete: ['stopped at maxItems (3)'], seen: 3, census: undefined }, { status: 'partial', reason: 'limited', archive: false, saveState: true, failures: 'reset' }],
  ['cut short by a limit before any posting', { incomplete: ['maxPages'], found: 0, seen: 0, census: undefined }, { status: 'partial', reason: 'limited', archive: false, saveState: true, failures: 'reset' }],
  ['a dry run (nothing stored)', { census: undefined }, { status: 'success', archive: false, saveState: true, failures: 'reset' }],
  ['the plugin threw a RetryableError', { ending: { kind: 'threw', error: new RetryableError('503') } }, { status: 'failed', retryable: true, archive: false, saveState: false, failures: 'increment' }],
  ['the plugin threw a FatalSourceError', { ending: { kind: 'threw', error: new FatalSourceError('markup changed') } }, { status: 'failed', retryable: false, archive: false, saveState: false, failures: 'increment' }],
  ['the plugin threw a plain Error', { ending: { kind: 'threw', error: new TypeError('x is undefined') } }, { status: 'failed', retryable: true, archive: false, saveState: false, failures: 'increment' }],
  ['the engine stopped a stalled run', { ending: { kind: 'aborted', error: new CrawlTimeoutError('stalled'), byCaller: false } }, { status: 'aborted', retryable: true, archive: false, saveState: false, failures: 'increment' }],
  ['someone cancelled the run', { ending: { kind: 'aborted', error: new AbortedError('cancelled'), byCaller: true } }, { status: 'aborted', retryable: false, archive: false, saveState: false, failures: 'keep' }],
];

describe('decideOutcome', () => {
  it.each(table)('%s', (_name, input, expected) => {
    const outcome = decideOutcome(facts(input));
    const { reason, retryable, ...rest } = expected;
    expect(outcome).toMatchObject(rest);
    expect(outcome.partial?.reason).toBe(reason);
    if (retryable !== undefined) expect(outcome.error?.retryable).toBe(retryable);
    else expect(outcome.error).toBeUndefined();
    if (outcome.partial) expect(outcome.partial.message).toMatch(/nothing was archived|kept/);
  });

  it('says what happened in the partial message', () => {
    expect(decideOutcome(facts({ found: 0, seen: 0, census: { active: 10, unseen: 10 } })).partial?.message)
      .toBe("The run yielded no posting; the source's 10 active jobs were kept");
    expect(decideOutcome(facts({ seen: 3, census: { active: 10, unseen: 7 } })).partial?.message)
      .toBe("The run would have archived 7 of the source's 10 active jobs (70 %), more than its limit of 50 % (the manifest's maxArchiveFraction); nothing was archived");
    expect(decideOutcome(facts({ incomplete: ['stopped at maxItems (3)'] })).partial?.message)
      .toBe('The run stopped before the end of the listing (stopped at maxItems (3)); nothing was archived');
  });
});

describe('describeFailure: retried or not, by the error class', () => {
  const cases: [string, unknown, string, boolean][] = [
    ['RetryableError', new RetryableError('try later'), 'PF_ERR_RETRYABLE', true],
    ['RetryableError with its own code (robots.txt unreachable)', new RetryableError('robots 503', { code: 'PF_ERR_ROBOTS_UNAVAILABLE' }), 'PF_ERR_ROBOTS_UNAVAILABLE', true],
    ['RetryableError from the fetcher (HTTP status)', new RetryableError('503 x4', { code: 'PF_ERR_HTTP_STATUS' }), 'PF_ERR_HTTP_STATUS', true],
    ['FatalSourceError', new FatalSourceError('gone'), 'PF_ERR_SOURCE_FATAL', false],
    ['ParseError (a FatalSourceError)', new ParseError('bad xml'), 'PF_ERR_PARSE', false],
    ['ConfigError (a FatalSourceError)', new ConfigError('bad config'), 'PF_ERR_CONFIG_INVALID', false],
    ['BlockedError', new BlockedError('no'), 'PF_ERR_BLOCKED', false],
    ['DisallowedError (a BlockedError)', new DisallowedError('https://x/admin', 'robots'), 'PF_ERR_DISALLOWED_PATH', false],
    ['AbortedError', new AbortedError('cancelled'), 'PF_ERR_ABORTED', false],
    ['a bare PathfinderError, even with the retryable code', new PathfinderError('odd', { code: 'PF_ERR_RETRYABLE' }), 'PF_ERR_RETRYABLE', false],
    ['the engine\'s stall timeout', new CrawlTimeoutError('stalled'), 'PF_ERR_CRAWL_TIMEOUT', true],
    ['another engine error', new CoreError('PF_ERR_PLUGIN_DISABLED', 'disabled'), 'PF_ERR_PLUGIN_DISABLED', false],
    ['a plain Error', new Error('boom'), 'PF_ERR_PLUGIN_CRASHED', true],
    ['a thrown string', 'boom', 'PF_ERR_PLUGIN_CRASHED', true],
  ];
  it.each(cases)('%s', (_name, error, code, retryable) => {
    expect(describeFailure(error)).toMatchObject({ code, retryable });
  });

  it('an error merely named like a retryable one is not retried', () => {
    const impostor = Object.assign(new Error('x'), { name: 'RetryableError', code: 'PF_ERR_RETRYABLE' });
    expect(describeFailure(impostor)).toMatchObject({ code: 'PF_ERR_PLUGIN_CRASHED' });
  });
});

describe('shouldRetry', () => {
  const failed = (retryable: boolean) => ({ status: 'failed' as const, error: { code: 'X', message: 'x', retryable } });
  const rows: [string, Parameters<typeof shouldRetry>, boolean][] = [
    ['success', [{ status: 'success' }, undefined, false], false],
    ['partial', [{ status: 'partial' }, undefined, false], false],
    ['a retryable failure', [failed(true), undefined, false], true],
    ['a fatal failure', [failed(false), undefined, false], false],
    ['a retryable failure that paused the source', [failed(true), undefined, true], false],
    ['interrupted by a worker shutdown', [{ status: 'aborted', error: { code: 'PF_ERR_ABORTED', message: '', retryable: false } }, 'shutdown', false], true],
    ['stopped because the plugin was disabled', [{ status: 'aborted', error: { code: 'PF_ERR_ABORTED', message: '', retryable: false } }, 'disabled', false], false],
    ['stopped for running over time', [{ status: 'aborted', error: { code: 'PF_ERR_ABORTED', message: '', retryable: false } }, 'overtime', false], false],
  ];
  it.each(rows)('%s', (_name, args, expected) => {
    expect(shouldRetry(...args)).toBe(expected);
  });
});
