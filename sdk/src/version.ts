import { readFileSync } from 'node:fs';

/** The SDK's own version, read from sdk/package.json so it can never drift from the published one. */
export const SDK_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Where site owners learn who we are; part of every request's User-Agent. */
export const PROJECT_URL = 'https://github.com/pathfinder-jobs/pathfinder';

/** The User-Agent sent on every request: `PathfinderBot/<version> (+<project url>)`. */
export const USER_AGENT = `PathfinderBot/${SDK_VERSION} (+${PROJECT_URL})`;

/** The robots.txt product token we match groups against (RFC 9309 §2.2.1). */
export const ROBOTS_PRODUCT_TOKEN = 'PathfinderBot';
