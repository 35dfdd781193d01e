import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { JobClick } from '@pathfinder/core';
import { optionalAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { enforceClientLimit } from '../../rate-limit/client-limits.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { cleanText } from '../../search/search-filters.js';
import { OPTIONAL_SESSION_SECURITY } from './security.js';
import { decideApplyTarget } from './apply-target.js';
import { INTERSTITIAL_HEADERS, renderApplyInterstitial } from './apply-interstitial.js';

const ApplyConfirmation = Type.Object({
  url: Type.String({ description: 'Where the job now says to apply (http or https).' }),
  postedUrl: Type.String({ description: 'The apply address the job had when it was posted.' }),
  reason: Type.Literal('apply_url_changed_site', { description: 'Why this is shown instead of a redirect.' }),
}, { title: 'ApplyConfirmation' });

/** JSON only when the client asks for it and not for HTML (a browser following a link gets the page). */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

/** `GET /jobs/{id}/apply`: the tracked way out to the employer's application page. */
export async function jobApplyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/jobs/:id/apply', {
    preHandler: optionalAuth,
    schema: {
      tags: ['jobs'],
      summary: 'Apply: record the click and redirect to the original posting',
      description: 'Redirects (302) to the job\'s apply address when it is on the same site (registrable domain) as when the job was posted. '
        + 'When an edit moved it to another site, answers 200 instead: an HTML page showing the new address as text with a link, or, '
        + 'when `Accept` asks for JSON only, the address as JSON, so the applicant decides. Only http and https addresses are ever used. '
        + 'Limited per client address (PATHFINDER_APPLY_RATE_LIMIT a minute, default 60): past it, 429 with `Retry-After`.',
      security: OPTIONAL_SESSION_SECURITY,
      params: IdParams,
      produces: ['text/html', 'application/json'],
      response: {
        200: {
          description: 'The apply address moved to another site since the job was posted: confirm before leaving.',
          content: { 'text/html': { schema: Type.String({ description: 'An HTML page' }) }, 'application/json': { schema: ApplyConfirmation } },
        },
        302: Type.Null({ description: 'Redirect to the original posting (`Location` header).' }),
        ...errorResponses(400, 404, 429),
      },
    },
  }, async (request, reply) => {
    await enforceClientLimit(request, 'apply');
    const em = request.server.ctx.orm.em.fork();
    const [job] = await em.getConnection().execute<{ id: string; title: string; originalUrl: string; applyUrlAtPosting: string | null }[]>(
      'select id, title, original_url as "originalUrl", apply_url_at_posting as "applyUrlAtPosting" from jobs where id = ?', [request.params.id],
    );
    if (!job) throw ApiError.notFound('No job with that id.');
    const target = decideApplyTarget(job.originalUrl, job.applyUrlAtPosting);
    if (target.kind === 'refuse') throw ApiError.notFound('This job has no web address (http or https) to apply at.');

    const referrer = typeof request.headers.referer === 'string' ? cleanText(request.headers.referer) : undefined;
    em.create(JobClick, { job: job.id, user: request.auth?.user.id ?? null, referrer: referrer?.slice(0, 2000) ?? null, via: 'apply', at: new Date() });
    await em.flush();

    if (target.kind === 'redirect') return reply.redirect(target.url, 302);
    void reply.header('vary', 'accept');
    if (wantsJson(request)) {
      return reply.status(200).header('cache-control', 'no-store').send({ url: target.url, postedUrl: target.postedUrl, reason: 'apply_url_changed_site' as const });
    }
    return reply.status(200).headers(INTERSTITIAL_HEADERS).send(renderApplyInterstitial({ title: job.title, url: target.url, postedUrl: target.postedUrl }));
  });
}
