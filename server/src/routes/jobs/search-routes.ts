import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { optionalAuth } from '../../auth/guards.js';
import { OPTIONAL_SESSION_SECURITY } from './security.js';
import { errorResponses } from '../../schemas/common.js';
import { JobSearchFilters } from '../../search/search-filters.js';
import { toSearchQuery } from '../../search/search-query.js';
import { DEFAULT_PHRASE_TOTAL_CAP, DEFAULT_TOTAL_CAP } from '../../search/build-search-sql.js';
import { runJobSearch } from '../../search/run-job-search.js';
import { searchCacheOf } from '../../search/search-cache-service.js';
import { inSearchSlot } from '../../search/search-slots.js';
import { searchLimitsOf } from '../../search/search-limits.js';
import { SearchResponse } from './job-schemas.js';
import { SESSION_COOKIE } from '../../auth/session-cookie.js';
import { toJobSummary } from './job-dto.js';
import { enforceClientLimit } from '../../rate-limit/client-limits.js';

/** A serialised search answer and its entity tag, computed once per cached answer. */
interface Answer {
  body: string;
  etag: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const urlKey = (request: FastifyRequest) => `url:${request.url}`;
const isAnonymous = (request: FastifyRequest) => request.headers.authorization === undefined && !request.cookies?.[SESSION_COOKIE];
const toAnswer = (body: string): Answer => ({ body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });

/** True when an `If-None-Match` list names this tag (or is `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends an answer; a GET's carries its ETag, or is a bodiless 304 when the client already holds it.
 * `no-cache`: any cache may keep the answer but must ask again before reusing it, since the jobs
 * can change at any moment; answers to a signed-in caller are also `private`. (`POST /jobs/search`
 * is not cacheable by HTTP's rules, so it gets neither.)
 */
function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: Answer) {
  if (request.method === 'GET' || request.method === 'HEAD') {
    void reply.header('etag', answer.etag).header('cache-control', isAnonymous(request) ? 'no-cache' : 'private, no-cache');
    if (matches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  }
  return reply.type(JSON_TYPE).send(answer.body);
}

/**
 * Runs the search and sends the answer. The cache holds the serialised JSON (made by the route's own
 * response serializer) and its ETag, so a repeated search costs a lookup and a write, not a
 * re-serialisation.
 */
async function search(request: FastifyRequest, reply: FastifyReply, filters: JobSearchFilters) {
  const query = toSearchQuery(filters, { isAdmin: request.auth?.user.role === 'admin', signedIn: request.auth != null });
  const render = async () => {
    // Admins looking at archived jobs (an admin screen) read the primary; everyone else the replica, if any.
    const result = await inSearchSlot(request.server, () =>
      runJobSearch(request.server.ctx.orm.em.fork(), query, { ...searchLimitsOf(request.server), from: query.includeArchived ? 'write' : 'read' }));
    return toAnswer(reply.serialize({ ...result, items: result.items.map((row) => toJobSummary(row, query.sort === 'relevance')) }) as string);
  };
  // Admins looking at archived jobs want them as they are now; everyone else shares cached answers.
  const cache = query.includeArchived ? undefined : searchCacheOf<Answer>(request.server);
  let answer: Answer;
  if (!cache) answer = await render();
  else {
    const byQuery = () => cache.getOrCompute(`query:${JSON.stringify(query)}`, render);
    // An anonymous GET is also filed under its exact URL, for `answerFromCache` to find before validation.
    answer = await (request.method === 'GET' && isAnonymous(request) ? cache.getOrCompute(urlKey(request), byQuery) : byQuery());
  }
  return sendAnswer(request, reply, answer);
}

/**
 * The fast path of a repeated anonymous `GET /jobs`: the exact URL was answered moments ago, so the
 * cached body is sent before validation, auth and normalisation run. Only answers that passed all of
 * them were filed under a URL, and a session or token sends the request the long way round.
 */
async function answerFromCache(request: FastifyRequest, reply: FastifyReply) {
  if (!isAnonymous(request)) return;
  const cached = searchCacheOf<Answer>(request.server)?.peek(urlKey(request));
  if (!cached) return;
  const answer = await cached.catch(() => undefined);
  if (answer !== undefined) return sendAnswer(request, reply, answer);
}

/** Lists whose values never hold a comma, so `?province=ON,QC` may stand for `?province=ON&province=QC`. */
const COMMA_LISTS = ['jobType', 'term', 'locationType', 'province', 'source'] as const;

async function splitCommaLists(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const key of COMMA_LISTS) {
    const value = query[key];
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (values?.some((v) => typeof v === 'string' && v.includes(','))) {
      query[key] = values.flatMap((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : [v]));
    }
  }
}

/** Counted before anything else, the cache's fast path included: the limit is on the client, not on the work. */
const limitSearch = (request: FastifyRequest) => enforceClientLimit(request, 'search');

const NOT_MODIFIED = Type.Null({ description: 'The answer has not changed since the `ETag` sent in `If-None-Match`.' });

/** `GET /jobs` and `POST /jobs/search`: the same search, filters in the query string or in a JSON body. */
export async function jobSearchRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const description = 'Active jobs (admins may add `includeArchived`), filtered, sorted and paged with a keyset cursor. '
    + `\`total\` and \`facets\` count the filtered set, not just the page, exactly up to ${DEFAULT_TOTAL_CAP.toLocaleString('en')} matches (${DEFAULT_PHRASE_TOTAL_CAP} when \`q\` has a quoted phrase); past that \`totalIsExact\` is false and they are lower bounds. `
    + 'Anonymous; a session only matters for `includeArchived`. '
    + 'Answers are cached until the jobs change: a crawl, an edit or an archive run clears them at once. '
    + 'Each answer has an `ETag`; send it back in `If-None-Match` to get a bodiless 304 while nothing changed. '
    + 'Limited per client address (PATHFINDER_SEARCH_RATE_LIMIT a minute, default 120): past it, 429 with `Retry-After`.';

  app.get('/jobs', {
    onRequest: [limitSearch, answerFromCache],
    preValidation: splitCommaLists,
    preHandler: optionalAuth,
    schema: {
      tags: ['jobs'],
      summary: 'Search jobs',
      description: `${description} Lists repeat the key (\`?province=ON&province=QC\`); jobType, term, locationType, province and source also take commas (\`?province=ON,QC\`).`,
      security: OPTIONAL_SESSION_SECURITY,
      querystring: JobSearchFilters,
      response: { 200: SearchResponse, 304: NOT_MODIFIED, ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => search(request, reply, request.query));

  app.post('/jobs/search', {
    onRequest: limitSearch,
    preHandler: optionalAuth,
    schema: {
      tags: ['jobs'],
      summary: 'Search jobs (filters in a JSON body)',
      description,
      security: OPTIONAL_SESSION_SECURITY,
      body: JobSearchFilters,
      response: { 200: SearchResponse, ...errorResponses(400, 401, 403, 429) },
    },
  }, async (request, reply) => search(request, reply, request.body ?? {}));
}
