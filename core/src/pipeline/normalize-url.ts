/**
 * Query parameters that only say how a visitor arrived (campaign and click trackers). They never
 * identify a job, so two links differing only in them are the same posting.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '_hsenc', '_hsmi', 'trk', 'trkcampaign',
  'ref', 'ref_src', 'ref_url', 'referrer',
]);

/** Tracking parameter families matched by prefix (`utm_source`, `pk_campaign`, `mtm_kwd`, `hsa_cam`). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hsa_'];

function isTrackingParam(key: string): boolean {
  if (TRACKING_PARAMS.has(key)) return true;
  for (const prefix of TRACKING_PARAM_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}

function paramKey(part: string): string {
  const eq = part.indexOf('=');
  const raw = eq === -1 ? part : part.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * Canonical form of a posting's URL, so the same job reached through different links compares
 * equal: scheme and host lower-cased, default port dropped, tracking parameters (`utm_*`, `gclid`,
 * `fbclid`, `ref`…) removed, the remaining parameters sorted by name (values and their encoding kept
 * as written, so identity parameters such as `?id=123` survive), the fragment dropped. The path keeps
 * its case (servers may be case-sensitive). A fragment that is a client-side route (`#/job/12`,
 * `#!/job/12`) is kept, because on such sites it is what identifies the job.
 * A string that is not an absolute URL is returned trimmed, unchanged.
 *
 * @example
 * normalizeUrl('HTTPS://Jobs.Example.ca:443/Job/View?utm_source=x&id=42&b=2#apply')
 * // 'https://jobs.example.ca/Job/View?b=2&id=42'
 */
export function normalizeUrl(input: string): string {
  const trimmed = input.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (url.hash && !url.hash.startsWith('#/') && !url.hash.startsWith('#!')) url.hash = '';
  const query = url.search;
  if (query.length > 1) {
    const kept: { key: string; part: string }[] = [];
    for (const part of query.slice(1).split('&')) {
      if (part === '') continue;
      const key = paramKey(part);
      if (!isTrackingParam(key)) kept.push({ key, part });
    }
    // Array#sort is stable: repeated keys (`a=1&a=2`) keep their order, which may matter to the server.
    kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    url.search = kept.length === 0 ? '' : `?${kept.map((k) => k.part).join('&')}`;
  } else {
    url.search = ''; // drops a bare trailing '?'
  }
  return url.href;
}
