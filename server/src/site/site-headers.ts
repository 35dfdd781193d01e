import type { FastifyReply } from 'fastify';

/**
 * The Content-Security-Policy of the site's HTML: scripts only from our own origin and never inline
 * (the JobPosting JSON-LD block is `type="application/ld+json"`, data a browser never runs, so CSP
 * does not apply to it); styles from our own files; images ours or `data:` (the MFA QR code the API
 * returns as SVG); requests only to our own API; no framing, no plugins, forms post only to us.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers for the site's responses (HTML pages, assets, sitemap). Kept apart from the API's
 * headers: these are scoped to the site's routes only.
 */
export function setSiteHeaders(reply: FastifyReply, kind: 'html' | 'asset' | 'text'): void {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  if (kind === 'html') {
    void reply.header('content-security-policy', SITE_CSP);
    void reply.header('x-frame-options', 'DENY');
    // The HTML changes with every deploy and with the job; the hashed assets never do.
    void reply.header('cache-control', 'no-cache');
  }
}
