/**
 * The SDK helpers as docs/plugin-authoring.md shows them. Each value's comment is what the helper
 * returns (checked by server/test/scaffold/plugin-authoring-doc.test.ts).
 */
import {
  absoluteUrl,
  decodeEntities,
  htmlToText,
  normalizeWhitespace,
  parseDate,
  parseLocation,
  parseProvince,
  parseSalary,
  sanitizeHtml,
} from '@pathfinder/sdk';

const now = new Date('2026-11-20T12:00:00Z'); // in a crawl: ctx.now()

export const tour = {
  // Dates: Canadian local dates (America/Toronto) and relative dates -> ISO 8601 UTC
  date: parseDate('December 4, 2026'), // '2026-12-04T05:00:00.000Z'
  relative: parseDate('Closes in 12 days', { now }), // '2026-12-02T05:00:00.000Z'
  french: parseDate('4 décembre 2026'), // '2026-12-04T05:00:00.000Z'
  // Places
  city: parseLocation('Markham, Ontario, Canada'), // { city: 'Markham', province: 'ON', country: 'Canada' }
  remote: parseLocation('Remote - Canada'), // { locationType: 'remote', remote: true, country: 'Canada' }
  province: parseProvince('Québec'), // 'QC'
  // Pay
  hourly: parseSalary('$25.64 to $29.86 per hour'), // { min: 25.64, max: 29.86, period: 'hour' }
  // Text
  text: htmlToText('<p>Fish &amp; wildlife</p><ul><li>Boots</li><li>Waders</li></ul><script>x()</script>'), // 'Fish & wildlife\n\n- Boots\n- Waders'
  safe: sanitizeHtml('<p onclick="x()">Hi <a href="javascript:x()">there</a><script>x()</script></p>'), // '<p>Hi <a rel="nofollow noopener">there</a></p>'
  decoded: decodeEntities('&lt;p&gt;R&amp;amp;D&lt;/p&gt;'), // '<p>R&amp;D</p>'
  spaces: normalizeWhitespace('  Junior\u00a0 Data\n Analyst '), // 'Junior Data Analyst'
  link: absoluteUrl('../jobs/7?a=1&amp;b=2', 'https://board.example/en/list/'), // 'https://board.example/en/jobs/7?a=1&b=2'
};
