import type pg from 'pg';
import { bulkLoadJobs } from './bulk-load-jobs.js';
import { COMPANY_A, COMPANY_B, COMPANY_C, FIELDS, KINDS, PLACES, ROLES, SENTENCES, WORDS } from './generate-jobs.js';

/** "PROV|City" entries, each province repeated in proportion to its weight (the generator's distribution). */
function weightedPlaces(): string[] {
  const out: string[] = [];
  for (const [code, weight, cities] of PLACES) {
    const copies = Math.max(1, Math.round(weight * 10));
    for (let i = 0; i < copies; i++) out.push(`${code}|${cities[i % cities.length]}`);
  }
  return out;
}

/**
 * One batch, generated inside Postgres: the same vocabulary and distributions as `generate-jobs.ts`
 * (provinces by weight, field × role × kind titles, 60–200 words of job-ad filler, ~60 % with a
 * deadline, postings spread over 60 days), without a row crossing the wire. `$1`, `$2`: the batch's
 * first and last number; `$3`: the source ids; then the word lists.
 */
const BATCH_SQL = `
insert into jobs (id, source_id, title, company_name, job_type, term, location_type, city, province_code, description, with_pay,
  application_deadline, academic_credit_required, remote_canada, required_majors, required_skills, external_id, original_url,
  date_posted, dedupe_hash, content_hash, apply_url_at_posting, last_scraped_at, created_at, updated_at)
select 'b' || lpad(to_hex(g.n), 10, '0') || substr(md5(g.n::text), 1, 13), ($3::text[])[1 + g.n % cardinality($3::text[])],
  t.title, t.company, t.job_type, t.term, t.location_type, t.city, t.province,
  t.company || ' is hiring a ' || t.title || ' in ' || t.city || E'.\\n\\n' || t.s1 || ' ' || t.s2 || E'\\n\\n' || t.filler || E'.\\n\\n' || t.s3,
  t.r_pay < 0.92, case when t.r_deadline < 0.6 then now() + t.r_deadline / 0.6 * interval '90 days' end,
  t.job_type = 'coop' and t.r_credit < 0.5, t.location_type = 'remote' and t.r_remote < 0.6,
  case when t.r_major < 0.5 then array[t.major] else '{}' end, case when t.r_skill < 0.6 then array[t.skill] else '{}' end,
  g.n::text, 'https://jobs.example.ca/postings/' || g.n, t.posted, md5('dedupe:' || g.n) || md5('d2:' || g.n), md5('content:' || g.n) || md5('c2:' || g.n),
  'https://jobs.example.ca/postings/' || g.n, now(), t.posted, now()
from generate_series($1::int, $2::int) as g(n)
cross join lateral (
  select k.kind, k.job_type, p.place, r.*,
    f.field || ' ' || ($5::text[])[1 + floor(r.r_role * cardinality($5::text[]))::int] || ' ' || k.kind as title,
    ($8::text[])[1 + floor(r.r_ca * cardinality($8::text[]))::int] || ' ' || ($9::text[])[1 + floor(r.r_cb * cardinality($9::text[]))::int]
      || ' ' || ($10::text[])[1 + floor(r.r_cc * cardinality($10::text[]))::int] as company,
    split_part(p.place, '|', 2) as city, split_part(p.place, '|', 1) as province,
    (array['summer', 'fall', 'winter', 'year_round', null])[1 + floor(r.r_term * 5)::int] as term,
    case when r.r_loc < 0.15 then 'remote' when r.r_loc < 0.15 + 0.85 * 0.25 then 'hybrid' else 'onsite' end as location_type,
    now() - r.r_posted * interval '60 days' as posted,
    f2.field as major, (array['Excel', 'SQL', 'Python', 'AutoCAD', 'Java', 'R', 'Tableau'])[1 + floor(r.r_sk * 7)::int] as skill,
    ($12::text[])[1 + floor(r.r_s1 * cardinality($12::text[]))::int] as s1,
    ($12::text[])[1 + floor(r.r_s2 * cardinality($12::text[]))::int] as s2,
    ($12::text[])[1 + floor(r.r_s3 * cardinality($12::text[]))::int] as s3,
    (select string_agg(($11::text[])[1 + floor(random() * cardinality($11::text[]))::int], ' ')
       from generate_series(1, 60 + floor(r.r_len * 140)::int) w where w > 0 * g.n) as filler
  from (select random() as r_place, random() as r_kind, random() as r_field, random() as r_role, random() as r_ca, random() as r_cb,
          random() as r_cc, random() as r_len, random() as r_loc, random() as r_posted, random() as r_deadline, random() as r_term,
          random() as r_pay, random() as r_credit, random() as r_remote, random() as r_major, random() as r_skill, random() as r_sk,
          random() as r_f2, random() as r_s1, random() as r_s2, random() as r_s3, g.n as n) r
  cross join lateral (select ($13::text[])[1 + floor(r.r_place * cardinality($13::text[]))::int] as place) p
  cross join lateral (select ($6::text[])[1 + floor(r.r_kind * cardinality($6::text[]))::int] as kind,
    ($7::text[])[1 + floor(r.r_kind * cardinality($7::text[]))::int] as job_type) k
  cross join lateral (select ($4::text[])[1 + floor(r.r_field * cardinality($4::text[]))::int] as field) f
  cross join lateral (select ($4::text[])[1 + floor(r.r_f2 * cardinality($4::text[]))::int] as field) f2
) t`;

/**
 * Inserts `count` generated jobs numbered from `from` (default 0; so a table can grow in steps), spread over `sourceIds`, with `INSERT … SELECT FROM
 * generate_series` on two connections (a million in a few minutes, where row-by-row generation in
 * Node takes ten times as long), the expensive indexes dropped during the load and rebuilt after,
 * then VACUUM ANALYZE. Each batch is seeded (`setseed`), so runs produce the same jobs.
 */
export async function seedJobsInSql(databaseUrl: string, sourceIds: string[], count: number, options: { from?: number; batch?: number } = {}): Promise<void> {
  const from = options.from ?? 0;
  const batch = options.batch ?? 20_000;
  await bulkLoadJobs(databaseUrl, async (clients) => {
    const lists = [FIELDS, ROLES, KINDS.map((k) => k[0]), KINDS.map((k) => k[1]), COMPANY_A, COMPANY_B, COMPANY_C, WORDS, SENTENCES, weightedPlaces()];
    let next = from;
    const end = from + count;
    const worker = async (client: pg.Client) => {
      while (next < end) {
        const first = next;
        const last = Math.min(end, first + batch) - 1;
        next = last + 1;
        // A seed per batch, from its first number: the same jobs whatever the interleaving (or the sizes asked for).
        await client.query('select setseed($1)', [Math.sin(first + 1) * 0.99]);
        await client.query(BATCH_SQL, [first, last, sourceIds, ...lists]);
      }
    };
    await Promise.all(clients.map(worker));
  });
}
