import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { loadJobForReading } from '../routes/jobs/job-access.js';
import type { JobDetailRow } from '../routes/jobs/job-dto.js';
import { jobPostingJsonLd } from './job-posting-json-ld.js';
import { loadTemplate, renderPage, type PageHead, type SiteLang } from './render-page.js';
import { setSiteHeaders } from './site-headers.js';
import { jobPreloadHref, searchPreloadHref } from './search-preload.js';
import { SITE_ASSETS_PREFIX, SITE_DIST_DIR, SITE_PAGE_PATHS } from './site-paths.js';
import { sitemapFileXml, sitemapXml } from './sitemap.js';

/** The cookie the site's language switch sets (readable by the page; not a secret). */
export const LANG_COOKIE = 'pf_lang';

const HEAD_TEXT = {
  'en-CA': {
    homeTitle: 'Pathfinder — co-op, internship and new-grad jobs in Canada',
    homeDescription: 'Search co-op terms, internships and new-graduate jobs across Canada, gathered from employers and job boards.',
    pageTitle: 'Pathfinder',
    archived: 'This job is no longer accepting applications.',
    notFoundTitle: 'Job not found — Pathfinder',
    notFoundDescription: 'This job does not exist or was removed.',
    remote: 'Remote in Canada',
  },
  'fr-CA': {
    homeTitle: 'Pathfinder — stages, stages coopératifs et emplois pour nouveaux diplômés au Canada',
    homeDescription: 'Cherchez des stages coopératifs, des stages et des emplois pour nouveaux diplômés partout au Canada.',
    pageTitle: 'Pathfinder',
    archived: 'Cette offre n’accepte plus de candidatures.',
    notFoundTitle: 'Offre introuvable — Pathfinder',
    notFoundDescription: 'Cette offre n’existe pas ou a été retirée.',
    remote: 'Télétravail au Canada',
  },
} as const;

const langOf = (request: FastifyRequest): SiteLang => (request.cookies?.[LANG_COOKIE] === 'fr-CA' ? 'fr-CA' : 'en-CA');

/** The first sentences of a description, as one line of at most 160 characters. */
function summary(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

async function sendPage(reply: FastifyReply, head: PageHead, status = 200): Promise<FastifyReply> {
  setSiteHeaders(reply, 'html');
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(await loadTemplate(), head));
}

/** The head of a job page: an active job gets its JobPosting; an archived one says it is closed and gets none. */
export function jobPageHead(job: JobDetailRow, lang: SiteLang, publicUrl: string): PageHead {
  const text = HEAD_TEXT[lang];
  const where = job.locationType === 'remote' ? text.remote : [job.city, job.province].filter(Boolean).join(', ');
  const title = `${job.title} — ${job.companyName}${where ? ` (${where})` : ''} | Pathfinder`;
  const canonical = `${publicUrl}/jobs/${encodeURIComponent(job.id)}`;
  if (!job.isActive) {
    return { lang, title, description: `${text.archived} ${summary(job.description, 100)}`, canonical, robots: 'noindex, follow' };
  }
  return { lang, title, description: summary(job.description), canonical, ogType: 'article', jsonLd: jobPostingJsonLd(job, publicUrl) };
}

/**
 * The site for job seekers, served by the API's process: hashed assets under `/assets/`, the
 * single-page app's HTML for its routes (the client router takes over), the job page's head written
 * by the server (title, description, canonical, Open Graph, JobPosting JSON-LD), `/sitemap.xml` and
 * `/robots.txt`. Every response carries the site's own security headers (site-headers.ts).
 */
export async function siteRoutes(app: FastifyInstance): Promise<void> {
  const publicUrl = app.ctx.config.publicUrl;
  const assets = path.join(SITE_DIST_DIR, 'assets');
  if (fs.existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: SITE_ASSETS_PREFIX,
      decorateReply: false,
      // One route per built file, found now: no wildcard route in front of the API's 404s.
      wildcard: false,
      index: false,
      // File names carry a content hash: a new build is a new URL, so an asset can be kept for a year.
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => {
        void res.header('x-content-type-options', 'nosniff');
        void res.header('referrer-policy', 'strict-origin-when-cross-origin');
      },
    });
  }

  const hide = { schema: { hide: true } } as const;

  app.get('/favicon.svg', hide, async (_request, reply) => {
    setSiteHeaders(reply, 'asset');
    const file = path.join(SITE_DIST_DIR, 'favicon.svg');
    if (!fs.existsSync(file)) return reply.status(204).send();
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(fs.createReadStream(file));
  });

  app.get<{ Params: { id: string } }>('/jobs/:id', hide, async (request, reply) => {
    const lang = langOf(request);
    const id = request.params.id;
    // Ids are CUIDs; anything else cannot be a job (and must not reach SQL as an odd string).
    const job = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await loadJobForReading(request.server.ctx.orm.em.fork(), id).catch((e: unknown) => {
      if ((e as { statusCode?: number }).statusCode === 404) return null;
      throw e;
    }) : null;
    if (!job) {
      const text = HEAD_TEXT[lang];
      return sendPage(reply, { lang, title: text.notFoundTitle, description: text.notFoundDescription, robots: 'noindex' }, 404);
    }
    return sendPage(reply, { ...jobPageHead(job, lang, publicUrl), preloadFetch: jobPreloadHref(job.id) });
  });

  for (const route of SITE_PAGE_PATHS.filter((p) => p !== '/jobs/:id')) {
    app.get(route, hide, async (request, reply) => {
      const lang = langOf(request);
      const text = HEAD_TEXT[lang];
      const home = route === '/';
      return sendPage(reply, {
        lang,
        title: home ? text.homeTitle : text.pageTitle,
        description: text.homeDescription,
        canonical: home ? `${publicUrl}/` : undefined,
        // Account pages are nobody's search result.
        robots: home ? 'index, follow' : 'noindex, follow',
        ...(home ? { preloadFetch: searchPreloadHref(new URL(request.url, 'http://site.invalid').searchParams) } : {}),
      });
    });
  }

  app.get('/robots.txt', hide, async (_request, reply) => {
    setSiteHeaders(reply, 'text');
    return reply.type('text/plain; charset=utf-8').send(
      ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /dashboard', 'Disallow: /sign-in', 'Disallow: /register', '', `Sitemap: ${publicUrl}/sitemap.xml`, ''].join('\n'),
    );
  });

  const perFile = app.ctx.services.sitemap?.urlsPerFile;
  const sendXml = (reply: FastifyReply, xml: string) => {
    setSiteHeaders(reply, 'text');
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=600').send(xml);
  };

  app.get('/sitemap.xml', hide, async (request, reply) =>
    sendXml(reply, (await sitemapXml(request.server.ctx.orm.em.fork(), publicUrl, perFile)).xml));

  // The files of the sitemap index, once the jobs no longer fit in /sitemap.xml alone.
  app.get<{ Params: { name: string } }>('/sitemaps/:name', hide, async (request, reply) => {
    const xml = await sitemapFileXml(request.server.ctx.orm.em.fork(), publicUrl, request.params.name, perFile);
    if (xml === null) {
      setSiteHeaders(reply, 'text');
      return reply.status(404).type('text/plain; charset=utf-8').send('No such sitemap.\n');
    }
    return sendXml(reply, xml);
  });
}
