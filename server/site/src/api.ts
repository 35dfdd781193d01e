import { createPathfinderClient, PathfinderApiError } from '@pathfinder/sdk/client';

/**
 * The site's API client: same origin, so the browser sends the HttpOnly session cookie and an Origin
 * header the API checks; no token is ever stored by the page.
 */
export const api = createPathfinderClient({ baseUrl: '' });
export { PathfinderApiError };
export { unwrap, type JobSummary, type JobDetail, type JobSearchResult } from '@pathfinder/sdk/client';
import type { paths } from '@pathfinder/sdk/client';

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;
export type Me = Ok<'/api/v1/users/me'>;
export type SavedJob = Ok<'/api/v1/users/me/saved-jobs'>['items'][number];
export type Alert = Ok<'/api/v1/users/me/alerts'>['items'][number];
