import {
  ErrorBody,
  HsdsIdParams,
  HsdsListQuery,
  HsdsOrganization,
  HsdsOrganizationBasic,
  HsdsService,
  HsdsServiceListQuery,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  hsdsPage,
} from '@knotwork/graph-schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHsdsRepository } from './hsds.repository.js';
import { createHsdsService } from './hsds.service.js';

/**
 * /hsds: the directory's organisations and services through the Open Referral HSDS 3.0 / ORUK 3.0 read API, so
 * that front-ends built on that standard can read Knotwork. Who may read is HSDS_ACCESS (signed-in by default,
 * `public` for an open directory); people are never published here.
 */
const hsdsRoutes: FastifyPluginAsyncZod<{ access: 'public' | 'signed-in' }> = async (app, opts) => {
  const service = createHsdsService(createHsdsRepository(app.db));
  const errors = { 400: ErrorBody, 401: ErrorBody };
  const options = <S extends object>(operationId: string, summary: string, schema: S) => ({
    config: { access: opts.access },
    schema: { operationId, tags: ['hsds'], summary, ...(opts.access === 'public' ? { security: [] } : {}), ...schema },
  });

  app.get(
    '/hsds/organizations',
    options('hsdsOrganizations', 'Organizations (agencies), paged', {
      querystring: HsdsListQuery,
      response: { 200: hsdsPage(HsdsOrganizationBasic), ...errors },
    }),
    async (request) => service.organizations(request.query),
  );
  app.get(
    '/hsds/organizations/:id',
    options('hsdsOrganization', 'One organization with its services and locations', {
      params: HsdsIdParams,
      response: { 200: HsdsOrganization, 404: ErrorBody, ...errors },
    }),
    async (request) => service.organization(request.params.id),
  );
  app.get(
    '/hsds/services',
    options('hsdsServices', 'Services (an agency’s offer of a specialism), paged; filter by taxonomy_term_id', {
      querystring: HsdsServiceListQuery,
      response: { 200: hsdsPage(HsdsService), ...errors },
    }),
    async (request) => service.services(request.query),
  );
  app.get(
    '/hsds/services/:id',
    options('hsdsService', 'One service with its organization, areas and locations', {
      params: HsdsIdParams,
      response: { 200: HsdsService, 404: ErrorBody, ...errors },
    }),
    async (request) => service.service(request.params.id),
  );
  app.get(
    '/hsds/taxonomies',
    options('hsdsTaxonomies', 'The taxonomy the services are classified by: Knotwork specialisms', {
      response: { 200: hsdsPage(HsdsTaxonomy), ...errors },
    }),
    async () => service.taxonomies(),
  );
  app.get(
    '/hsds/taxonomy_terms',
    options('hsdsTaxonomyTerms', 'Taxonomy terms (specialisms), paged', {
      querystring: HsdsListQuery,
      response: { 200: hsdsPage(HsdsTaxonomyTerm), ...errors },
    }),
    async (request) => service.taxonomyTerms(request.query),
  );
};

export default hsdsRoutes;
