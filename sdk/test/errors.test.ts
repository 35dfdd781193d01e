import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BlockedError,
  ConfigError,
  ContractError,
  DisallowedError,
  ErrorCodes,
  FatalSourceError,
  isPathfinderError,
  ManifestError,
  ParseError,
  PathfinderError,
  PostingValidationError,
  RetryableError,
  SdkRangeError,
} from '../src/index.js';

describe('errors', () => {
  it('each class carries its default code and engine meaning', () => {
    const cases: [PathfinderError, string, typeof PathfinderError][] = [
      [new RetryableError('x'), 'PF_ERR_RETRYABLE', RetryableError],
      [new FatalSourceError('x'), 'PF_ERR_SOURCE_FATAL', FatalSourceError],
      [new BlockedError('x'), 'PF_ERR_BLOCKED', BlockedError],
      [new DisallowedError('https://x.ca/a', 'robots'), 'PF_ERR_DISALLOWED_PATH', BlockedError],
      [new ManifestError('x'), 'PF_ERR_MANIFEST_INVALID', FatalSourceError],
      [new ConfigError('x'), 'PF_ERR_CONFIG_INVALID', FatalSourceError],
      [new ParseError('x'), 'PF_ERR_PARSE', FatalSourceError],
      [new AbortedError('x'), 'PF_ERR_ABORTED', PathfinderError],
      [new SdkRangeError('x'), 'PF_ERR_PLUGIN_SDK_RANGE', FatalSourceError],
      [new PostingValidationError('x'), 'PF_ERR_POSTING_INVALID', FatalSourceError],
      [new ContractError('x'), 'PF_ERR_CONTRACT_VIOLATION', PathfinderError],
    ];
    for (const [err, code, parent] of cases) {
      expect(err.code).toBe(code);
      expect(err).toBeInstanceOf(parent);
      expect(err).toBeInstanceOf(Error);
      expect(isPathfinderError(err)).toBe(true);
      expect(ErrorCodes).toHaveProperty(code);
      expect(err.name).toBe(err.constructor.name);
    }
  });

  it('keeps cause, url and a code override', () => {
    const cause = new Error('socket hang up');
    const e = new RetryableError('failed', { cause, url: 'https://x.ca', code: 'PF_ERR_NETWORK', status: 503 });
    expect(e.cause).toBe(cause);
    expect(e.url).toBe('https://x.ca');
    expect(e.code).toBe('PF_ERR_NETWORK');
    expect(e.status).toBe(503);
  });

  it('DisallowedError says which rule and which URL', () => {
    expect(new DisallowedError('https://x.ca/admin', 'manifest', '/admin').message).toBe("Disallowed by the manifest's disallowedPaths (rule \"/admin\"): https://x.ca/admin");
    expect(new DisallowedError('https://x.ca/p', 'robots', 'Disallow: /p').message).toBe('Disallowed by robots.txt (rule "Disallow: /p"): https://x.ca/p');
  });

  it('PF_ERR_INTERNAL is any unexpected failure, not only the SDK\'s (the API answers its 500s with it)', () => {
    expect(ErrorCodes.PF_ERR_INTERNAL).toBe('An unexpected failure (a bug): the message or the server log says where.');
    expect(new PathfinderError('x').code).toBe('PF_ERR_INTERNAL');
  });

  it('every code is PF_ERR_ and has a meaning', () => {
    for (const [code, meaning] of Object.entries(ErrorCodes)) {
      expect(code).toMatch(/^PF_ERR_[A-Z_]+$/);
      expect(meaning.length).toBeGreaterThan(10);
    }
  });
});
