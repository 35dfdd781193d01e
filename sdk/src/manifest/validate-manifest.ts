import { CronExpressionParser } from 'cron-parser';
import semver from 'semver';

/** The shape rules of a manifest id. */
export const SOURCE_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * Checks every manifest field and returns the problems, each starting with the field name
 * (`version: "1.x" is not a valid semver version`). An empty list means valid.
 */
export function manifestProblems(m: unknown): string[] {
  if (m === null || typeof m !== 'object') return ['(manifest): must be an object'];
  const r = m as Record<string, unknown>;
  const problems: string[] = [];
  const str = (field: string, v: unknown): v is string => {
    if (typeof v === 'string' && v.trim() !== '') return true;
    problems.push(`${field}: must be a non-empty string${v === undefined ? ' (missing)' : ''}`);
    return false;
  };

  if (str('id', r.id) && !SOURCE_ID_PATTERN.test(r.id)) {
    problems.push(`id: "${r.id}" must match ${SOURCE_ID_PATTERN} (lower-case letters, digits, dashes; 2-40 chars)`);
  }
  str('name', r.name);
  if (str('version', r.version) && semver.valid(r.version) === null) {
    problems.push(`version: "${r.version}" is not a valid semver version`);
  }
  if (str('sdk', r.sdk) && semver.validRange(r.sdk) === null) {
    problems.push(`sdk: "${r.sdk}" is not a valid semver range`);
  }
  if (str('baseUrl', r.baseUrl)) {
    const u = safeUrl(r.baseUrl);
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
      problems.push(`baseUrl: "${r.baseUrl}" is not an http(s) URL`);
    } else if (u.search || u.hash || u.username || u.password) {
      problems.push(`baseUrl: "${r.baseUrl}" must be an origin with an optional path (no query, fragment or credentials)`);
    }
  }
  if (typeof r.crawlDelaySeconds !== 'number' || !Number.isFinite(r.crawlDelaySeconds) || r.crawlDelaySeconds < 0) {
    problems.push(`crawlDelaySeconds: must be a finite number >= 0 (got ${JSON.stringify(r.crawlDelaySeconds)})`);
  }
  if (r.disallowedPaths !== undefined) {
    if (!Array.isArray(r.disallowedPaths)) problems.push('disallowedPaths: must be an array of path strings');
    else {
      r.disallowedPaths.forEach((p, i) => {
        if (typeof p !== 'string' || !/^[/*]/.test(p)) {
          problems.push(`disallowedPaths[${i}]: ${JSON.stringify(p)} must be a path starting with "/" (or "*")`);
        }
      });
    }
  }
  if (str('schedule', r.schedule)) {
    const why = cronProblem(r.schedule);
    if (why) problems.push(`schedule: "${r.schedule}" ${why}`);
  }
  if (r.description !== undefined && typeof r.description !== 'string') problems.push('description: must be a string');
  if (r.siteOrigins !== undefined) {
    if (!Array.isArray(r.siteOrigins)) problems.push('siteOrigins: must be an array of http(s) origins');
    else {
      r.siteOrigins.forEach((o, i) => {
        const u = typeof o === 'string' ? safeUrl(o) : undefined;
        if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== o.replace(/\/+$/, '')) {
          problems.push(`siteOrigins[${i}]: ${JSON.stringify(o)} must be an http(s) origin (no path)`);
        }
      });
    }
  }
  if (r.maxDetailAgeDays !== undefined && (typeof r.maxDetailAgeDays !== 'number' || !(r.maxDetailAgeDays > 0) || !Number.isFinite(r.maxDetailAgeDays))) {
    problems.push(`maxDetailAgeDays: must be a number > 0 (got ${JSON.stringify(r.maxDetailAgeDays)})`);
  }
  if (r.configSchema !== undefined) {
    const s = r.configSchema as Record<string, unknown> | null;
    if (s === null || typeof s !== 'object' || s.type !== 'object') {
      problems.push('configSchema: must be a TypeBox object schema (Type.Object({...}))');
    }
  }
  if (r.maxArchiveFraction !== undefined) {
    const f = r.maxArchiveFraction;
    if (typeof f !== 'number' || !Number.isFinite(f) || f < 0 || f > 1) {
      problems.push(`maxArchiveFraction: must be a number from 0 to 1 (got ${JSON.stringify(f)})`);
    }
  }
  if (typeof r.crawl !== 'function') problems.push('crawl: must be an async generator function');
  return problems;
}

function safeUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

// cron-parser also accepts a 6-field (seconds) form and @aliases; pg-boss schedules take 5 fields only.
function cronProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `is not a 5-field cron expression (has ${fields.length} fields)`;
  try {
    CronExpressionParser.parse(expr, { strict: false });
    return undefined;
  } catch (e) {
    return `is not a valid cron expression (${(e as Error).message})`;
  }
}
