import fs from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml, jsonForScript } from './job-posting-json-ld.js';
import { SITE_DIST_DIR } from './site-paths.js';

export type SiteLang = 'en-CA' | 'fr-CA';

/** What the server writes into a page's `<head>` before any script runs. */
export interface PageHead {
  lang: SiteLang;
  title: string;
  description: string;
  /** Absolute URL. */
  canonical?: string;
  /** `index, follow` unless said otherwise. */
  robots?: string;
  /** Open Graph `og:type` (`website` by default). */
  ogType?: string;
  jsonLd?: unknown;
  /** A same-origin API path the page's script will fetch first: the browser starts it before the script arrives. */
  preloadFetch?: string;
}

/** Shown when the site was never built (a test app, or an install whose build failed): the API still works. */
const FALLBACK_TEMPLATE = `<!doctype html>
<html lang="en-CA"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Pathfinder</title><!--pf-head--></head>
<body><main><h1>Pathfinder</h1><p>The site is not built yet: run <code>npm run build:site</code>, or restart with <code>npm start</code>. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

let cached: { mtimeMs: number; text: string } | undefined;

/** The built `index.html` (re-read when a rebuild replaced it), or a fallback page. */
export async function loadTemplate(): Promise<string> {
  const file = path.join(SITE_DIST_DIR, 'index.html');
  try {
    const { mtimeMs } = await fs.stat(file);
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, text: await fs.readFile(file, 'utf8') };
    return cached.text;
  } catch {
    return FALLBACK_TEMPLATE;
  }
}

/**
 * The template with this page's head: `<html lang>`, title, description, canonical link, Open Graph
 * tags and JSON-LD. The template carries `<!--pf-head-->` where the tags go.
 */
export function renderPage(template: string, head: PageHead): string {
  const tags = [
    `<meta name="description" content="${escapeHtml(head.description)}">`,
    `<meta name="robots" content="${escapeHtml(head.robots ?? 'index, follow')}">`,
    ...(head.canonical ? [`<link rel="canonical" href="${escapeHtml(head.canonical)}">`, `<meta property="og:url" content="${escapeHtml(head.canonical)}">`] : []),
    `<meta property="og:type" content="${escapeHtml(head.ogType ?? 'website')}">`,
    `<meta property="og:site_name" content="Pathfinder">`,
    `<meta property="og:title" content="${escapeHtml(head.title)}">`,
    `<meta property="og:description" content="${escapeHtml(head.description)}">`,
    `<meta property="og:locale" content="${head.lang.replace('-', '_')}">`,
    // crossorigin="anonymous": the mode and credentials of the page's own fetch(), so the browser can reuse this answer.
    ...(head.preloadFetch ? [`<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeHtml(head.preloadFetch)}">`] : []),
    ...(head.jsonLd ? [`<script type="application/ld+json">${jsonForScript(head.jsonLd)}</script>`] : []),
  ].join('\n    ');
  return template
    .replace(/<html lang="[^"]*"/, `<html lang="${head.lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(head.title)}</title>`)
    .replace('<!--pf-head-->', tags);
}
