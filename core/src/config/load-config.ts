import os from 'node:os';
import path from 'node:path';
import { allowListProblem } from '@pathfinder/sdk';
import { CoreError } from '../errors/codes.js';

/** Everything Pathfinder reads from its environment, parsed and checked once. */
export interface PathfinderConfig {
  /** HTTP port of the API (PORT, default 8000). */
  port: number;
  /** Interface the API listens on (HOST, default 127.0.0.1). */
  host: string;
  /** Postgres URL (DATABASE_URL). Unset: an embedded Postgres in `dataDir/pg`. */
  databaseUrl?: string;
  /**
   * A streaming replica of DATABASE_URL's database (DATABASE_READ_URL; optional, needs DATABASE_URL).
   * Public reads (searches, job pages, the sitemap) are sent there; everything else stays on the primary.
   */
  databaseReadUrl?: string;
  /** Folder for the embedded database, the mail outbox and generated secrets (PATHFINDER_DATA_DIR, default ./.pathfinder). */
  dataDir: string;
  /** The first admin, created or reset at start (PATHFINDER_ADMIN_EMAIL / PATHFINDER_ADMIN_PASSWORD). */
  adminEmail?: string;
  adminPassword?: string;
  /** SMTP server for outgoing mail (SMTP_URL); unset: .eml files in `dataDir/outbox`. */
  smtpUrl?: string;
  /** Sender of outgoing mail (MAIL_FROM). */
  mailFrom: string;
  /** Postal address printed in every commercial email, as CASL requires (MAIL_POSTAL_ADDRESS). */
  mailPostalAddress: string;
  /** The public origin of the site and API (PUBLIC_URL, default http://localhost:PORT). */
  publicUrl: string;
  /**
   * Origins allowed by CORS with credentials (CORS_ORIGINS, comma-separated). Default: PUBLIC_URL, plus
   * http://localhost:3000 (a site's dev server) only when PUBLIC_URL itself is local. `*` alone means any
   * origin *without* credentials (cookies are never sent cross-site then); `*` mixed with origins is refused.
   */
  corsOrigins: string[];
  /**
   * Which proxies to trust for the client IP (TRUST_PROXY): unset or `false` trusts none, so a client
   * cannot pick its own IP with X-Forwarded-For (rate limits are per IP); a hop count (`1`) or
   * comma-separated addresses/CIDRs when behind a reverse proxy.
   */
  trustProxy: boolean | number | string[];
  /** pino level (LOG_LEVEL, default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Extra plugin packages to load, by package name or path (PATHFINDER_PLUGINS, comma-separated). */
  extraPlugins: string[];
  /** 32+ character secret used to encrypt TOTP keys at rest (PATHFINDER_SECRET_KEY); unset: generated once into dataDir. */
  secretKey?: string;
  /** Session inactivity expiry in days (SESSION_TTL_DAYS, default 10). */
  sessionTtlDays: number;
  /** A crawl that yields nothing and makes no request for this long is aborted (PATHFINDER_CRAWL_STALL_SECONDS, default 600). */
  crawlStallSeconds: number;
  /** Consecutive failed runs before a plugin is paused (PATHFINDER_MAX_FAILURES, default 5). */
  maxConsecutiveFailures: number;
  /** First wait before a failed or interrupted crawl is retried, doubling each time (PATHFINDER_CRAWL_RETRY_DELAY_SECONDS, default 60). */
  crawlRetryDelaySeconds: number;
  /** How often each worker looks for crawls whose worker died (PATHFINDER_ORPHAN_SWEEP_SECONDS, default 20). */
  orphanSweepSeconds: number;
  /** How long after a crawl was taken its worker must hold its lease before it counts as orphaned (PATHFINDER_ORPHAN_GRACE_SECONDS, default 60). */
  orphanGraceSeconds: number;
  /**
   * Hosts that crawls and the link checker may reach although they are, or resolve to, loopback,
   * private, link-local or other special-purpose addresses, and that admins may save as a baseUrl
   * (PATHFINDER_ALLOWED_PRIVATE_HOSTS, comma-separated host names, addresses or CIDR blocks, each
   * optionally with `:port`; default none). Everything else of that kind is refused.
   */
  allowedPrivateHosts: string[];
  /** Searches a client (IP address) may make per minute (PATHFINDER_SEARCH_RATE_LIMIT, default 120; 0 turns it off). */
  searchRateLimitPerMinute: number;
  /** Apply redirects a client (IP address) may follow per minute (PATHFINDER_APPLY_RATE_LIMIT, default 60; 0 turns it off). */
  applyRateLimitPerMinute: number;
  /**
   * Uncached searches one API process runs in Postgres at once; more wait their turn in the process
   * (PATHFINDER_SEARCH_CONCURRENCY, default twice the CPUs, at least 2).
   */
  searchConcurrency: number;
}

export type Env = Record<string, string | undefined>;

function configError(variable: string, message: string): CoreError {
  return new CoreError('PF_ERR_CONFIG', `Invalid configuration: ${variable} ${message}`, { details: { variable } });
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw configError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw configError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function urlVar(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw configError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

function listVar(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** True for a loopback host name or address (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** True when a URL points at this machine only (a development deployment). */
export function isLocalUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * What an operator should hear about at start: settings that work but are unsafe beyond one machine.
 * Each entry is one line naming the variables to change.
 *
 * @example
 * for (const line of configWarnings(config)) log(`warning: ${line}`);
 */
export function configWarnings(config: Pick<PathfinderConfig, 'host' | 'publicUrl'>): string[] {
  const warnings: string[] = [];
  if (!isLoopbackHost(config.host) && !config.publicUrl.startsWith('https:')) {
    warnings.push(`HOST=${config.host} listens beyond this machine but PUBLIC_URL (${config.publicUrl}) is not https: `
      + 'session cookies are sent without Secure and no HSTS is set. Put a TLS proxy in front and set PUBLIC_URL=https://…, '
      + 'or set HOST=127.0.0.1.');
  }
  return warnings;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads and checks the configuration. A bad value throws a `CoreError` (code `PF_ERR_CONFIG`)
 * whose message names the variable, so a start with `PORT=abc` stops with a clear reason.
 *
 * @example
 * const config = loadConfig({ ...process.env, PORT: '8080' });
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): PathfinderConfig {
  const port = intVar(env, 'PORT', 8000, 0, 65535);
  const publicUrl = (urlVar(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const databaseUrl = urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseReadUrl = urlVar(env, 'DATABASE_READ_URL', ['postgres:', 'postgresql:']);
  // The embedded server picks a new port on every start, so nothing could follow it as a standby.
  if (databaseReadUrl && !databaseUrl) throw configError('DATABASE_READ_URL', 'needs DATABASE_URL (the primary it replicates); the embedded database has no replica');
  const smtpUrl = urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:']);

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as PathfinderConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw configError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);

  const adminEmail = env.PATHFINDER_ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.PATHFINDER_ADMIN_PASSWORD || undefined;
  if (adminEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) {
    throw configError('PATHFINDER_ADMIN_EMAIL', `must be an email address, got "${adminEmail}"`);
  }
  if (adminEmail && !adminPassword) throw configError('PATHFINDER_ADMIN_PASSWORD', 'must be set when PATHFINDER_ADMIN_EMAIL is');
  if (adminPassword && !adminEmail) throw configError('PATHFINDER_ADMIN_EMAIL', 'must be set when PATHFINDER_ADMIN_PASSWORD is');
  if (adminPassword && adminPassword.length < 12) throw configError('PATHFINDER_ADMIN_PASSWORD', 'must be at least 12 characters');

  const secretKey = env.PATHFINDER_SECRET_KEY || undefined;
  if (secretKey && secretKey.length < 32) throw configError('PATHFINDER_SECRET_KEY', 'must be at least 32 characters');

  // A site's dev server on localhost:3000 is trusted only while the deployment itself is local:
  // in production any local page (or malware on a user's machine) could otherwise call the API with the user's cookie.
  const corsOrigins = listVar(env, 'CORS_ORIGINS') ?? (isLocalUrl(publicUrl) ? [publicUrl, 'http://localhost:3000'] : [publicUrl]);
  if (corsOrigins.includes('*') && corsOrigins.length > 1) {
    throw configError('CORS_ORIGINS', 'must be either "*" alone (any origin, without credentials) or a list of origins, not both');
  }
  for (const origin of corsOrigins) {
    if (origin === '*') continue;
    try {
      new URL(origin);
    } catch {
      throw configError('CORS_ORIGINS', `must be a comma-separated list of origins, got "${origin}"`);
    }
  }

  const allowedPrivateHosts = listVar(env, 'PATHFINDER_ALLOWED_PRIVATE_HOSTS') ?? [];
  const allowProblem = allowListProblem(allowedPrivateHosts);
  if (allowProblem) throw configError('PATHFINDER_ALLOWED_PRIVATE_HOSTS', `must be comma-separated host names, addresses or CIDR blocks: ${allowProblem}`);

  const trustRaw = env.TRUST_PROXY?.trim();
  let trustProxy: PathfinderConfig['trustProxy'] = false;
  if (trustRaw && trustRaw !== 'false') {
    if (trustRaw === 'true') trustProxy = true;
    else if (/^\d+$/.test(trustRaw)) trustProxy = Number(trustRaw);
    else if (/^[0-9a-fA-F:.,/\s]+$/.test(trustRaw)) trustProxy = trustRaw.split(',').map((s) => s.trim()).filter(Boolean);
    else throw configError('TRUST_PROXY', `must be false, true, a hop count or comma-separated addresses, got "${trustRaw}"`);
  }

  return {
    port,
    trustProxy,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    databaseReadUrl,
    dataDir: path.resolve(cwd, env.PATHFINDER_DATA_DIR?.trim() || '.pathfinder'),
    adminEmail,
    adminPassword,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'Pathfinder <alerts@pathfinder.local>',
    mailPostalAddress: env.MAIL_POSTAL_ADDRESS?.trim() || 'Pathfinder, 100 Queen St W, Toronto, ON M5H 2N2, Canada',
    publicUrl,
    corsOrigins,
    logLevel,
    extraPlugins: listVar(env, 'PATHFINDER_PLUGINS') ?? [],
    secretKey,
    sessionTtlDays: intVar(env, 'SESSION_TTL_DAYS', 10, 1, 365),
    crawlStallSeconds: intVar(env, 'PATHFINDER_CRAWL_STALL_SECONDS', 600, 1, 86_400),
    maxConsecutiveFailures: intVar(env, 'PATHFINDER_MAX_FAILURES', 5, 1, 1000),
    crawlRetryDelaySeconds: intVar(env, 'PATHFINDER_CRAWL_RETRY_DELAY_SECONDS', 60, 1, 86_400),
    orphanSweepSeconds: intVar(env, 'PATHFINDER_ORPHAN_SWEEP_SECONDS', 20, 1, 3600),
    orphanGraceSeconds: intVar(env, 'PATHFINDER_ORPHAN_GRACE_SECONDS', 60, 1, 3600),
    allowedPrivateHosts,
    searchRateLimitPerMinute: intVar(env, 'PATHFINDER_SEARCH_RATE_LIMIT', 120, 0, 1_000_000),
    applyRateLimitPerMinute: intVar(env, 'PATHFINDER_APPLY_RATE_LIMIT', 60, 0, 1_000_000),
    searchConcurrency: intVar(env, 'PATHFINDER_SEARCH_CONCURRENCY', Math.max(2, 2 * os.availableParallelism()), 1, 1000),
  };
}
