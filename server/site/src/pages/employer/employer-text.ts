import type { paths } from '@pathfinder/sdk/client';
import { employerEnCA, employerFrCA } from '../../messages-employer';
import { makeTextHook } from '../console-text';

/** The employer portal's `t` (its own catalogue, in its own chunk). */
export const useEmployerText = makeTextHook({ 'en-CA': employerEnCA, 'fr-CA': employerFrCA });

export type EmployerJob = paths['/api/v1/employers/me/jobs']['get']['responses'][200]['content']['application/json']['items'][number];
export type ClickDays = paths['/api/v1/employers/me/clicks']['get']['responses'][200]['content']['application/json'];
export type CreateJobBody = NonNullable<paths['/api/v1/jobs']['post']['requestBody']>['content']['application/json'];
