/**
 * `@pathfinder/sdk`: what a Pathfinder source plugin is written against.
 * See the README for a walkthrough; the test kit lives at `@pathfinder/sdk/testing`.
 */
export { SDK_VERSION, USER_AGENT, PROJECT_URL, ROBOTS_PRODUCT_TOKEN } from './version.js';

// ---- the posting
export { JobPostingSchema, type JobPosting } from './posting/schema.js';
export {
  JOB_TYPES,
  TERMS,
  LOCATION_TYPES,
  PROVINCE_CODES,
  SALARY_PERIODS,
  type JobType,
  type Term,
  type LocationType,
  type ProvinceCode,
  type SalaryPeriod,
} from './posting/enums.js';
export {
  validatePosting,
  assertPosting,
  compilePostingValidator,
  type PostingValidation,
  type PostingValidator,
} from './posting/validate.js';

// ---- the manifest
export type { SourceManifest, SourceDefinition } from './manifest/types.js';
export { defineSource, isSourceDefinition } from './manifest/define-source.js';
export { manifestProblems, SOURCE_ID_PATTERN } from './manifest/validate-manifest.js';
export { resolveConfig } from './manifest/config.js';
export { isSdkCompatible, assertSdkCompatible } from './manifest/sdk-range.js';

// ---- the crawl context and the polite fetcher
export { createCrawlContext, type CrawlContext, type CreateCrawlContextOptions } from './context.js';
export {
  InMemoryCrawlMemory,
  emptyCrawlMemory,
  DEFAULT_MAX_DETAIL_AGE_DAYS,
  type CrawlMemory,
  type KnownPosting,
  type StillListedOptions,
  type UrlValidators,
} from './incremental/crawl-memory.js';
export { ListingPrints } from './incremental/listing-prints.js';
export { paginate, DEFAULT_MAX_PAGES, type Page, type PaginateOptions } from './crawl/paginate.js';
export { silentLogger, createMemoryLogger, type Logger, type LogLine } from './logger.js';
export type { HtmlDocument, HtmlElement, HtmlNode } from './dom.js';
export { PoliteFetcher, type PoliteFetcherOptions } from './fetch/polite-fetcher.js';
export { ROBOTS_MAX_AGE_MS, type RobotsAnswer, type RobotsStore } from './fetch/robots-cache.js';
export { systemClock, type Clock } from './fetch/clock.js';
export { OriginMap, mirrorOriginMap } from './fetch/origin-map.js';
export { matchesPathRule, findMatchingRule } from './fetch/path-rules.js';
export { gotTransport } from './fetch/transport.js';
export { AddressPolicy, specialRangeOf, allowListProblem, refusedLiteralHost } from './fetch/address-policy.js';
export { AddressGuard, type HostResolver, type ResolvedAddress } from './fetch/address-guard.js';
export { parseHtmlDocument } from './fetch/response.js';
export type {
  FetchOptions,
  FetchResponse,
  HostPolicy,
  DelayCoordinator,
  RequestRecord,
  Transport,
  TransportRequest,
  TransportResponse,
} from './fetch/types.js';

// ---- errors
export {
  ErrorCodes,
  type ErrorCode,
  type PathfinderErrorOptions,
  PathfinderError,
  RetryableError,
  FatalSourceError,
  BlockedError,
  DisallowedError,
  PrivateAddressError,
  ManifestError,
  ConfigError,
  ParseError,
  TruncatedResponseError,
  AbortedError,
  SdkRangeError,
  PostingValidationError,
  ContractError,
  isPathfinderError,
} from './errors.js';

// ---- helpers
export { htmlToText } from './helpers/html-to-text.js';
export { sanitizeHtml } from './helpers/sanitize-html.js';
export { stripWordMarkup } from './helpers/word-markup.js';
export { decodeEntities } from './helpers/entities.js';
export { parseFeed, type FeedItem } from './helpers/feed.js';
export { parseSitemap, type SitemapEntry } from './helpers/sitemap.js';
export {
  extractJsonLdJobPostings,
  jsonLdToPosting,
  jsonLdIdentifier,
  jsonLdIsRemote,
  jsonLdPlace,
  parseLenientJson,
  type JsonLdJobPosting,
} from './helpers/json-ld.js';
export { timeZoneForProvince, endOfLocalDay, wallClock, zonedToUtc, DEFAULT_TIME_ZONE } from './helpers/time-zone.js';
export { parseDate, type ParseDateOptions } from './helpers/dates.js';
export { parseProvince } from './helpers/provinces.js';
export { parseLocation, type ParsedLocation } from './helpers/location.js';
export { parseSalary, type ParsedSalary } from './helpers/salary.js';
export { absoluteUrl } from './helpers/urls.js';
export { normalizeWhitespace } from './helpers/normalize-whitespace.js';
