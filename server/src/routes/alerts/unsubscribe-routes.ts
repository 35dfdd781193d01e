import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findAlertByToken, loadAlertTemplates, unsubscribeAlert, type UnsubscribePageView } from '@pathfinder/core';
import { errorBody } from '../../http/error-handler.js';
import { ErrorRef, errorResponses } from '../../schemas/common.js';

const TokenQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 1000, description: 'The alert\'s unsubscribe token, from the email\'s link.' })),
});

/** RFC 8058's body (`List-Unsubscribe=One-Click`) or the confirmation page's form; the token may come here too. */
const OneClickBody = Type.Object({
  'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })),
  token: Type.Optional(Type.String({ maxLength: 1000 })),
});

const Unsubscribed = Type.Object({
  alertId: Type.String(),
  name: Type.String(),
  active: Type.Literal(false),
}, { title: 'Unsubscribed' });

const Html = Type.String({ description: 'An HTML page' });

/**
 * The pages are ours, with the alert name escaped; still, they run no script, post only to
 * themselves, are never framed, cached or indexed, and never leak the token in a Referer.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

async function page(reply: FastifyReply, status: number, view: Omit<UnsubscribePageView, 'siteUrl'>) {
  const templates = await loadAlertTemplates();
  const html = templates.renderUnsubscribePage({ ...view, siteUrl: reply.server.ctx.config.publicUrl });
  return reply.status(status).headers(PAGE_HEADERS).send(html);
}

/** JSON only when the client asks for it and not for HTML (mail providers' one-click POSTs get HTML). */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

/**
 * `GET /alerts/unsubscribe?token=` shows a confirmation page (a GET never unsubscribes: mail
 * scanners follow links); `POST` (the page's button, or a mail provider's RFC 8058 one-click)
 * stops the alert at once. No login: the token is the credential.
 */
export async function unsubscribeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Only inside this plugin: one-click bodies are form-encoded (or multipart); nothing in them is needed but the token.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, {}));

  const tags = ['alerts'];
  app.get('/alerts/unsubscribe', {
    schema: {
      tags,
      summary: 'Unsubscribe confirmation page',
      description: 'The `List-Unsubscribe` link of every alert email. Shows a page with a button that POSTs to the same URL; the GET itself changes nothing.',
      querystring: TokenQuery,
      produces: ['text/html'],
      response: {
        200: { description: 'The confirmation page', content: { 'text/html': { schema: Html } } },
        404: { description: 'Unknown token', content: { 'text/html': { schema: Html } } },
        ...errorResponses(400),
      },
    },
  }, async (request, reply) => {
    const token = request.query.token;
    const alert = await findAlertByToken(app.ctx.orm.em.fork(), token);
    if (!alert) return page(reply, 404, { title: 'Link not valid', notFound: true });
    if (!alert.active) return page(reply, 200, { title: 'Unsubscribed', alertName: alert.name, done: true });
    // A query-only relative URL: the form posts back to this very path, wherever the API is mounted.
    return page(reply, 200, { title: 'Unsubscribe?', alertName: alert.name, actionUrl: `?token=${encodeURIComponent(token!)}`, confirm: true });
  });

  app.post('/alerts/unsubscribe', {
    // The POST itself is the request; a body that is absent or not a form (text/plain) is read as an empty form.
    preValidation: async (request) => {
      if (typeof request.body !== 'object' || request.body === null) request.body = {};
    },
    schema: {
      tags,
      summary: 'Unsubscribe from an alert (one click)',
      description: 'RFC 8058 one-click unsubscribe (`List-Unsubscribe=One-Click`, form-encoded or multipart) or the confirmation page\'s button. '
        + 'Deactivates the alert at once; answers HTML, or JSON when `Accept` asks for JSON only. Idempotent.',
      querystring: TokenQuery,
      body: OneClickBody,
      consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
      response: {
        200: { description: 'Unsubscribed', content: { 'text/html': { schema: Html }, 'application/json': { schema: Unsubscribed } } },
        404: { description: 'Unknown token', content: { 'text/html': { schema: Html }, 'application/json': { schema: ErrorRef } } },
        ...errorResponses(400, 413, 415),
      },
    },
  }, async (request, reply) => {
    const token = request.query.token ?? request.body?.token;
    const alert = await unsubscribeAlert(app.ctx.orm.em.fork(), token);
    if (wantsJson(request)) {
      if (!alert) return reply.status(404).send(errorBody(404, 'No alert has that unsubscribe token.', 'PF_ERR_NOT_FOUND'));
      return reply.status(200).send({ alertId: alert.id, name: alert.name, active: false });
    }
    if (!alert) return page(reply, 404, { title: 'Link not valid', notFound: true });
    return page(reply, 200, { title: 'Unsubscribed', alertName: alert.name, done: true });
  });
}
