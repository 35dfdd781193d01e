import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { DataSource } from './data-source.js';

/**
 * The HTTP validators (`ETag`, `Last-Modified`) a source's page answered with on its last
 * successful run, by the URL as the plugin asked for it. A later `ctx.fetch(url, { conditional: true })`
 * sends them back (`If-None-Match`, `If-Modified-Since`), so an unchanged page costs the site a 304.
 */
export const UrlValidator = defineEntity({
  name: 'UrlValidator',
  tableName: 'url_validators',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    source: p.manyToOne(DataSource).deleteRule('cascade'),
    url: p.text(),
    etag: p.text().nullable(),
    lastModified: p.text().nullable(),
    fetchedAt: p.datetime(),
  }),
  uniques: [{ properties: ['source', 'url'] }],
});
export type IUrlValidator = InferEntity<typeof UrlValidator>;
