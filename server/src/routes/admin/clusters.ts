import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { readCluster, splitFromCluster, SOURCE_TYPES, type ClusterView } from '@pathfinder/core';
import { recordAccess } from '../../audit/access-log.js';
import { requireAuth } from '../../auth/guards.js';
import { ApiError } from '../../http/api-error.js';
import { errorResponses, IdParams } from '../../schemas/common.js';
import { invalidateSearchCache } from '../../search/search-cache-service.js';
import { SESSION_SECURITY } from '../jobs/security.js';
import { DateTime, Nullable } from '../jobs/job-schemas.js';

const Evidence = Type.Object({
  features: Type.Record(Type.String(), Type.Number(), {
    description: 'The matcher\'s features in [0, 1]: title, company, location, and description, deadline, salary when both copies have them.',
  }),
  veto: Type.Optional(Type.String({ description: 'Why the pair could not be one job, had the matcher found one (never set on a member that joined).' })),
  threshold: Type.Number({ description: 'The score from which two copies are one job.' }),
});

const ClusterMember = Type.Object({
  jobId: Type.String(),
  title: Type.String(),
  companyName: Type.String(),
  originalUrl: Type.String(),
  isActive: Type.Boolean(),
  isRepresentative: Type.Boolean({ description: 'The copy searches show for the cluster.' }),
  source: Type.Object({ id: Type.String(), name: Type.String(), pluginId: Nullable(Type.String()), sourceType: Type.Enum(SOURCE_TYPES) }),
  score: Type.Number({ description: 'The matcher\'s score against `matchedJobId` when the copy joined (or was last re-checked).' }),
  matchedJobId: Nullable(Type.String({ description: 'The member it was compared with.' })),
  evidence: Evidence,
  joinedAt: DateTime(),
});

const Cluster = Type.Object({
  id: Type.String(),
  representativeJobId: Nullable(Type.String()),
  createdAt: DateTime(),
  updatedAt: DateTime(),
  members: Type.Array(ClusterMember, { description: 'The representative first, then by the time they joined.' }),
  splits: Type.Array(Type.Object({ jobAId: Type.String(), jobBId: Type.String(), createdAt: DateTime() }), {
    description: 'Pairs split by an admin that involve a member: the clustering never joins them again.',
  }),
});

const SplitBody = Type.Object({
  jobId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'The member to take out of the cluster.' }),
}, { additionalProperties: false });

const SplitResponse = Type.Object({
  splitJobId: Type.String({ description: 'Now its own search result, in no cluster.' }),
  pairs: Type.Integer({ description: 'Pairs recorded as "never one job": the split copy with each other member.' }),
  cluster: Cluster,
});

function toCluster(view: ClusterView): Static<typeof Cluster> {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    members: view.members.map((m) => ({
      ...m,
      source: { ...m.source, sourceType: m.source.sourceType as Static<typeof Cluster>['members'][number]['source']['sourceType'] },
      evidence: {
        features: Object.fromEntries(Object.entries(m.evidence.features).filter(([, v]) => typeof v === 'number')) as Record<string, number>,
        ...(m.evidence.veto ? { veto: m.evidence.veto } : {}),
        threshold: m.evidence.threshold,
      },
      joinedAt: m.joinedAt.toISOString(),
    })),
    splits: view.splits.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  };
}

/**
 * `GET /admin/clusters/{id}`: the copies of one job at several sources, with the score and features
 * that joined each; `POST /admin/clusters/{id}/split`: take a wrongly joined copy out for good.
 */
export async function adminClusterRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/admin/clusters/:id', {
    preHandler: requireAuth('admin', 'superuser'),
    schema: {
      tags: ['admin'],
      summary: 'One cluster of copies of a job',
      description: 'The copies grouped as one job (`cluster.id` of `GET /jobs/{id}`): each with its source, the score and the '
        + 'matcher\'s features that joined it, and the pairs an admin split.',
      security: SESSION_SECURITY,
      params: IdParams,
      response: { 200: Cluster, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const view = await readCluster(request.server.ctx.orm.em.fork().getConnection(), request.params.id);
    if (!view) throw ApiError.notFound('No cluster with that id.');
    return toCluster(view);
  });

  app.post('/admin/clusters/:id/split', {
    preHandler: requireAuth('admin'),
    config: { auditAction: 'admin.cluster.split' },
    schema: {
      tags: ['admin'],
      summary: 'Split a copy out of a cluster',
      description: 'The copy leaves the cluster and becomes its own search result. The split is remembered pair by pair (the copy '
        + 'with every other member), so later crawls of either source never join them again. The rest of the cluster stays, '
        + 'its representative chosen again. 404 when the cluster does not exist or the job is not in it.',
      security: SESSION_SECURITY,
      params: IdParams,
      body: SplitBody,
      response: { 200: SplitResponse, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const conn = request.server.ctx.orm.em.fork().getConnection();
    const { id } = request.params;
    const { jobId } = request.body;
    const done = await splitFromCluster(conn, id, jobId, request.auth!.user.id);
    if (!done) throw ApiError.notFound('No such cluster, or the job is not in it.');
    invalidateSearchCache(request.server);
    await recordAccess(request, {
      action: 'admin.cluster.split', resource: `cluster:${id}`, outcome: 'success', statusCode: 200, details: { jobId, pairs: done.pairs },
    });
    const view = await readCluster(conn, id);
    return { splitJobId: jobId, pairs: done.pairs, cluster: toCluster(view!) };
  });
}
