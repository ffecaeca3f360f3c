import type { FastifyPluginAsync } from 'fastify';
import graphRoutes from './graph.routes.js';
import pathsRoutes from '../paths/paths.routes.js';
import teamRoutes from '../team/team.routes.js';
import insightsRoutes from '../insights/insights.routes.js';
import onboardingRoutes from '../onboarding/onboarding.routes.js';

/**
 * Registers the graph-intelligence routes (issue 6): paths, team, insights, evidence, onboarding, knows and the
 * neighbourhood walk — one line in app.ts.
 */
const graphIntelligenceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(graphRoutes);
  await app.register(pathsRoutes);
  await app.register(teamRoutes);
  await app.register(insightsRoutes);
  await app.register(onboardingRoutes);
};

export default graphIntelligenceRoutes;
