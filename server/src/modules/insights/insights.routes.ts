import {
  AgencyMatrixResponse,
  BrokersResponse,
  CoverageResponse,
  ErrorBody,
  ForumReachResponse,
  type InsightName,
  InsightsQuery,
  IsolatesResponse,
  SinglePointsResponse,
  VerticalLinksResponse,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { createInsightsRepository } from './insights.repository.js';
import { createInsightsService } from './insights.service.js';

/**
 * Coordinator insights. Access: coordinators and admins only — they name individual practitioners as isolated,
 * single points of failure or brokers, which is a management view rather than a directory read; viewers and
 * practitioners see the directory, paths and teams, not these.
 */
const INSIGHTS: Array<{ name: InsightName; schema: z.ZodType; summary: string; operationId: string }> = [
  { name: 'coverage', schema: CoverageResponse, operationId: 'getCoverageInsight', summary: 'Coverage matrix: locality × need, with none/single-holder flags' },
  { name: 'single-points', schema: SinglePointsResponse, operationId: 'getSinglePointsInsight', summary: 'Single points of failure: single-holder specialisms and needs, articulation points and bridges of the tie graph' },
  { name: 'brokers', schema: BrokersResponse, operationId: 'getBrokersInsight', summary: "Brokers: betweenness centrality with Burt's constraint and effective size" },
  { name: 'isolates', schema: IsolatesResponse, operationId: 'getIsolatesInsight', summary: 'Practitioners and agencies with no cross-agency ties; E–I index per agency and locality' },
  { name: 'agency-matrix', schema: AgencyMatrixResponse, operationId: 'getAgencyMatrixInsight', summary: 'Agency × agency collaboration counts' },
  { name: 'forum-reach', schema: ForumReachResponse, operationId: 'getForumReachInsight', summary: 'Which agencies, sectors and localities each forum connects' },
  { name: 'vertical-links', schema: VerticalLinksResponse, operationId: 'getVerticalLinksInsight', summary: 'Ties between strategic and operational practitioners' },
];

const insightsRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createInsightsService(createInsightsRepository(app.db));

  for (const insight of INSIGHTS) {
    app.get(
      `/api/insights/${insight.name}`,
      {
        config: { access: ['coordinator', 'admin'] },
        schema: {
          operationId: insight.operationId,
          tags: ['insights'],
          summary: insight.summary,
          description:
            insight.name === 'coverage' || insight.name === 'single-points'
              ? 'Add format=csv for a CSV download (text/csv) of the main table; asOf for a past date; age (0–25) for a child of that age.'
              : 'Add format=csv for a CSV download (text/csv) of the main table; asOf for a past date.',
          querystring: InsightsQuery,
          response: { 200: insight.schema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const result = await service.compute(insight.name, request.query);
        if (request.query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${result.filename}"`)
            .serializer((payload: unknown) => payload as string)
            .send(result.csv());
        }
        return result.json;
      },
    );
  }
};

export default insightsRoutes;
