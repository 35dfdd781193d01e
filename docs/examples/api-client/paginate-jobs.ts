import { createPathfinderClient, paginate, type JobSummary } from '@pathfinder/sdk/client';

/** Every job matching `q`, following `nextCursor` page after page (at most `max`). */
export async function allJobs(baseUrl: string, q: string, max = 500): Promise<JobSummary[]> {
  const client = createPathfinderClient({ baseUrl });
  const jobs: JobSummary[] = [];
  const pages = (cursor: string | undefined) => client.GET('/api/v1/jobs', { params: { query: { q, cursor, limit: 100 } } });
  for await (const job of paginate(pages, { maxItems: max })) jobs.push(job);
  return jobs;
}
