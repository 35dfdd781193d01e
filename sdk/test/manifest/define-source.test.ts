import { Type } from 'typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  assertSdkCompatible,
  ConfigError,
  defineSource,
  isSdkCompatible,
  isSourceDefinition,
  ManifestError,
  resolveConfig,
  SdkRangeError,
  type SourceManifest,
} from '../../src/index.js';

const base: SourceManifest = {
  id: 'civicjobs',
  name: 'CivicJobs.ca',
  version: '1.0.0',
  sdk: '^1.0.0',
  baseUrl: 'https://www.civicjobs.ca/',
  crawlDelaySeconds: 5,
  disallowedPaths: ['/admin'],
  schedule: '0 */4 * * *',
  async *crawl() {},
};

function manifestError(patch: Record<string, unknown>): ManifestError {
  try {
    defineSource({ ...base, ...patch } as SourceManifest);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return e as ManifestError;
  }
  throw new Error('defineSource accepted an invalid manifest');
}

describe('defineSource', () => {
  it('returns a frozen definition with kind, defaults and no trailing slash', () => {
    const def = defineSource({ ...base, disallowedPaths: undefined });
    expect(def.kind).toBe('pathfinder-source');
    expect(def.baseUrl).toBe('https://www.civicjobs.ca');
    expect(def.disallowedPaths).toEqual([]);
    expect(Object.isFrozen(def)).toBe(true);
    expect(isSourceDefinition(def)).toBe(true);
    expect(isSourceDefinition(base)).toBe(false);
    expect(isSourceDefinition(null)).toBe(false);
  });

  it('names the field in the error, with the stable code', () => {
    const e = manifestError({ version: '1.x' });
    expect(e.code).toBe('PF_ERR_MANIFEST_INVALID');
    expect(e.field).toBe('version');
    expect(e.message).toBe('Invalid source manifest "civicjobs": version: "1.x" is not a valid semver version');
  });

  it.each([
    [{ id: 'CivicJobs' }, 'id'],
    [{ id: 'x' }, 'id'],
    [{ id: undefined }, 'id'],
    [{ name: '' }, 'name'],
    [{ sdk: 'whatever' }, 'sdk'],
    [{ baseUrl: 'ftp://x.ca' }, 'baseUrl'],
    [{ baseUrl: 'https://x.ca/?q=1' }, 'baseUrl'],
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ crawlDelaySeconds: -1 }, 'crawlDelaySeconds'],
    [{ crawlDelaySeconds: '5' }, 'crawlDelaySeconds'],
    [{ disallowedPaths: 'admin' }, 'disallowedPaths'],
    [{ disallowedPaths: ['admin'] }, 'disallowedPaths'],
    [{ schedule: '0 0 */4 * * *' }, 'schedule'],
    [{ schedule: '61 * * * *' }, 'schedule'],
    [{ schedule: 'every hour' }, 'schedule'],
    [{ configSchema: { type: 'string' } }, 'configSchema'],
    [{ crawl: undefined }, 'crawl'],
    [{ description: 42 }, 'description'],
    [{ maxArchiveFraction: 1.5 }, 'maxArchiveFraction'],
    [{ maxArchiveFraction: -0.1 }, 'maxArchiveFraction'],
    [{ maxArchiveFraction: '0.5' }, 'maxArchiveFraction'],
    [{ maxArchiveFraction: Number.NaN }, 'maxArchiveFraction'],
  ])('rejects %j naming %s', (patch, field) => {
    const e = manifestError(patch);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`${field}`);
    expect(e.message).toMatch(/^Invalid source manifest "/);
  });

  it('accepts maxArchiveFraction from 0 to 1 (SDK 1.1)', () => {
    expect(defineSource({ ...base, maxArchiveFraction: 0.9 }).maxArchiveFraction).toBe(0.9);
    expect(defineSource({ ...base, maxArchiveFraction: 0 }).maxArchiveFraction).toBe(0);
    expect(defineSource({ ...base, maxArchiveFraction: 1 }).maxArchiveFraction).toBe(1);
    expect(defineSource(base).maxArchiveFraction).toBeUndefined();
  });

  it('lists every problem at once', () => {
    const e = manifestError({ version: 'x', schedule: 'nope' });
    expect(e.message).toContain('version:');
    expect(e.message).toContain('schedule:');
  });

  it('rejects a non-object', () => {
    expect(() => defineSource(null as unknown as SourceManifest)).toThrow(ManifestError);
  });

  it('types ctx.config from configSchema', () => {
    const def = defineSource({
      ...base,
      configSchema: Type.Object({ seniorities: Type.Array(Type.String(), { default: ['internship', 'entry'] }), pages: Type.Number({ default: 3 }) }),
      async *crawl(ctx) {
        expectTypeOf(ctx.config.pages).toEqualTypeOf<number>();
        expectTypeOf(ctx.config.seniorities).toEqualTypeOf<string[]>();
      },
    });
    expect(def.configSchema).toBeDefined();
  });
});

describe('resolveConfig', () => {
  const def = defineSource({
    ...base,
    configSchema: Type.Object(
      { feedPath: Type.String({ default: '/rss' }), maxPages: Type.Integer({ minimum: 1, default: 5 }), regions: Type.Optional(Type.Array(Type.String())) },
      { additionalProperties: false },
    ),
  });

  it('applies defaults without mutating the input', () => {
    const raw = { maxPages: 2 };
    expect(resolveConfig(def, raw)).toEqual({ feedPath: '/rss', maxPages: 2 });
    expect(raw).toEqual({ maxPages: 2 });
    expect(resolveConfig(def, undefined)).toEqual({ feedPath: '/rss', maxPages: 5 });
  });

  it('throws ConfigError naming the field', () => {
    const run = (raw: unknown) => {
      try {
        resolveConfig(def, raw);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    };
    const e = run({ maxPages: 0 });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.code).toBe('PF_ERR_CONFIG_INVALID');
    expect(e.message).toBe('Invalid config for source "civicjobs": maxPages: must be >= 1');
    expect(run({ regions: [1] }).errors).toEqual(['regions[0]: must be string']);
    expect(run({ extra: true }).errors).toEqual(['extra: unknown property']);
    expect(run('x').errors).toEqual(['(root): must be an object']);
  });

  it('passes config through when there is no schema', () => {
    expect(resolveConfig(defineSource(base), { a: 1 })).toEqual({ a: 1 });
  });

  it('refuses a config nested 2,000 levels deep with a ConfigError instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) deep = { a: deep };
    for (const target of [def, defineSource(base)]) {
      const e = (() => { try { resolveConfig(target, deep); } catch (error) { return error as ConfigError; } })();
      expect(e).toBeInstanceOf(ConfigError);
      expect(e!.errors).toEqual(['(root): must not nest deeper than 32 levels']);
    }
  });
});

describe('SDK range', () => {
  it('checks the plugin range against this SDK', () => {
    expect(isSdkCompatible({ sdk: '^1.0.0' })).toBe(true);
    expect(isSdkCompatible({ sdk: '^2.0.0' })).toBe(false);
    expect(isSdkCompatible({ sdk: '>=1.0.0 <1.5.0' }, '1.4.9')).toBe(true);
    expect(() => assertSdkCompatible({ id: 'x', sdk: '^2.0.0' })).toThrow(SdkRangeError);
    try {
      assertSdkCompatible({ id: 'x', sdk: '^2.0.0' });
    } catch (e) {
      expect((e as SdkRangeError).code).toBe('PF_ERR_PLUGIN_SDK_RANGE');
      expect((e as Error).message).toBe('Source "x" needs SDK ^2.0.0 but this is SDK 1.1.0');
    }
  });
});

describe('config typing', () => {
  it('accepts an interface as the config type', () => {
    interface BoardConfig {
      regions: string[];
    }
    const def = defineSource<BoardConfig>({
      ...(base as unknown as SourceManifest<BoardConfig>),
      async *crawl(ctx) {
        expectTypeOf(ctx.config.regions).toEqualTypeOf<string[]>();
      },
    });
    expect(resolveConfig(def, { regions: ['9'] })).toEqual({ regions: ['9'] });
  });
});

describe('config typing inferred from configSchema (SDK 1.1)', () => {
  it('types ctx.config from the schema without a type argument', () => {
    const def = defineSource({
      ...(base as unknown as SourceManifest<{ feedPath: string; maxItems?: number }>),
      configSchema: Type.Object({ feedPath: Type.String({ default: '/rss' }), maxItems: Type.Optional(Type.Integer()) }),
      async *crawl(ctx) {
        expectTypeOf(ctx.config.feedPath).toEqualTypeOf<string>();
        expectTypeOf(ctx.config.maxItems).toEqualTypeOf<number | undefined>();
      },
    });
    expect(resolveConfig(def, {})).toEqual({ feedPath: '/rss' });
  });
});

describe('SDK 1.1 manifest fields', () => {
  it('accepts siteOrigins and maxDetailAgeDays', () => {
    const def = defineSource({ ...base, siteOrigins: ['http://www.civicjobs.ca'], maxDetailAgeDays: 3 });
    expect(def).toMatchObject({ siteOrigins: ['http://www.civicjobs.ca'], maxDetailAgeDays: 3 });
  });

  it('names a bad siteOrigins entry or maxDetailAgeDays', () => {
    expect(manifestError({ siteOrigins: ['http://www.civicjobs.ca/jobs'] }).message).toMatch(/siteOrigins\[0\]: .* must be an http\(s\) origin/);
    expect(manifestError({ siteOrigins: 'http://x.example' }).message).toMatch(/siteOrigins: must be an array/);
    expect(manifestError({ maxDetailAgeDays: 0 }).message).toMatch(/maxDetailAgeDays: must be a number > 0/);
  });
});
