import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Driver } from 'neo4j-driver';
import type { Config } from './config.js';
import { version } from './lib/version.js';
import authRoutes from './modules/auth/auth.routes.js';
import agencyRoutes from './modules/agencies/agency.routes.js';
import auditRoutes from './modules/audit/audit.routes.js';
import collaborationRoutes from './modules/collaborations/collaboration.routes.js';
import introductionRoutes from './modules/introductions/introduction.routes.js';
import mailPlugin from './modules/mail/mail.plugin.js';
import mailActionRoutes from './modules/mail/mail-action.routes.js';
import notificationRoutes from './modules/notifications/notification.routes.js';
import forumRoutes from './modules/forums/forum.routes.js';
import localityRoutes from './modules/localities/locality.routes.js';
import locationRoutes from './modules/locations/location.routes.js';
import needRoutes from './modules/needs/need.routes.js';
import practitionerRoutes from './modules/practitioners/practitioner.routes.js';
import relationshipRoutes from './modules/relationships/relationship.routes.js';
import specialismRoutes from './modules/specialisms/specialism.routes.js';
import staleRoutes from './modules/stale/stale.routes.js';
import userRoutes from './modules/users/user.routes.js';
import security from './plugins/app/security.js';
import warmUp from './plugins/app/warm-up.js';
import lifecycle from './plugins/app/lifecycle.js';
import metrics from './plugins/app/metrics.js';
import healthRoutes from './modules/health/health.routes.js';
import searchRoutes from './modules/search/search.routes.js';
import transferRoutes from './modules/transfer/transfer.routes.js';
import graphIntelligenceRoutes from './modules/graph/graph-intelligence.routes.js';
import hsdsRoutes from './modules/hsds/hsds.routes.js';
import auth from './plugins/app/auth.js';
import clientPlugin from './plugins/app/client.js';
import errors, { mapError, sendError } from './plugins/app/errors.js';
import meilisearch from './plugins/external/meilisearch.js';
import neo4jPlugin from './plugins/external/neo4j.js';
import openapi from './plugins/external/openapi.js';
import searchPlugin from './search/search.plugin.js';

export interface BuildOptions {
  /** Share a driver between apps (tests); the app then does not close it. */
  driver?: Driver;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole API as a Fastify instance; `main.ts` only adds listen and graceful close. */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Malformed URLs and over-long path parameters are answered before routing: in the one error format too.
    frameworkErrors: (error, request, reply) => sendError(reply, request, mapError(error)),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errors);
  await app.register(lifecycle);
  await app.register(warmUp, { enabled: config.warmUp });
  await app.register(security, { corsOrigins: config.corsOrigins });
  await app.register(openapi, { version });
  await app.register(neo4jPlugin, { config: config.neo4j, ...(options.driver ? { driver: options.driver } : {}) });
  await app.register(meilisearch, { config: config.meili });
  await app.register(searchPlugin);
  await app.register(metrics, {
    ...(config.metricsToken ? { token: config.metricsToken } : {}),
    ...(config.neo4j.maxConnections ? { neo4jPoolSize: config.neo4j.maxConnections } : {}),
  });

  await app.register(auth, { session: config.session });
  await app.register(mailPlugin, { config: config.mail });

  await app.register(healthRoutes, { version, readyAfterWarmUp: config.lifecycle.readyAfterWarmUp });
  await app.register(authRoutes);
  await app.register(practitionerRoutes);
  await app.register(agencyRoutes);
  await app.register(specialismRoutes);
  await app.register(needRoutes);
  await app.register(localityRoutes);
  await app.register(locationRoutes);
  await app.register(forumRoutes);
  await app.register(collaborationRoutes);
  await app.register(relationshipRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(staleRoutes);
  await app.register(searchRoutes);
  await app.register(transferRoutes);
  await app.register(graphIntelligenceRoutes);
  await app.register(hsdsRoutes, { access: config.hsdsAccess });
  await app.register(introductionRoutes);
  await app.register(mailActionRoutes);
  await app.register(notificationRoutes);

  await app.register(clientPlugin, { root: config.clientDist });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
