import { createPathfinderClient, PathfinderApiError, unwrap, type JobSummary } from '@pathfinder/sdk/client';

/** The first page of a search: every field of the answer is typed from the OpenAPI document. */
export async function searchJobs(baseUrl: string, q: string): Promise<JobSummary[]> {
  const client = createPathfinderClient({ baseUrl });
  const { data, error } = await client.GET('/api/v1/jobs', {
    params: { query: { q, province: ['ON', 'QC'], jobType: ['coop', 'internship'], sort: 'newest', limit: 20 } },
  });
  if (error) throw new PathfinderApiError(error.statusCode, error.code, error.message, error);
  console.log(`${data.total} jobs; ${data.facets.province.length} provinces in the facets`);
  return data.items;
}

/** The same with `unwrap`, which returns the data or throws a PathfinderApiError. */
export async function oneJob(baseUrl: string, id: string) {
  const client = createPathfinderClient({ baseUrl });
  const job = unwrap(await client.GET('/api/v1/jobs/{id}', { params: { path: { id } } }));
  return { title: job.title, company: job.companyName, closes: job.applicationDeadline };
}
