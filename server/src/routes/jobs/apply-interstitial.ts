const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Headers of the page: it runs no script, loads nothing, is never framed, cached or indexed, and the
 * link out carries no Referer.
 */
export const INTERSTITIAL_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** The page shown instead of a redirect when a job's apply address moved to another site: the address as text and a link. */
export function renderApplyInterstitial(view: { title: string; url: string; postedUrl: string }): string {
  const url = escapeHtml(view.url);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Leaving Pathfinder</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{word-break:break-all;background:#f3f3f3;padding:.1rem .3rem}</style></head>
<body>
<h1>Check this address before you apply</h1>
<p>The application link of <strong>${escapeHtml(view.title)}</strong> now leads to a different website than when the job was posted
(<code>${escapeHtml(new URL(view.postedUrl).hostname)}</code>).</p>
<p>It now leads to:</p>
<p><code>${url}</code></p>
<p>Continue only if you trust this website. Never enter a password or payment details to apply for a job.</p>
<p><a href="${url}" rel="noopener noreferrer nofollow">Continue to ${escapeHtml(new URL(view.url).hostname)}</a></p>
</body>
</html>
`;
}
