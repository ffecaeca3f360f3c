import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { ErrorBody } from '@knotwork/graph-schema';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Access } from '../app/auth.js';
import { commonErrorStatuses } from './common-errors.js';

type Transform = typeof jsonSchemaTransform;

/** The zod transform, after adding the error statuses every route of its kind can answer (common-errors.ts). */
const withCommonErrors: Transform = (input) => {
  // Routes without a schema (the client's static files) pass through as they are.
  const schema = input.schema as (Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean }) | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(input);
  const statuses = commonErrorStatuses({
    method: input.route.method,
    hasInput: Boolean(schema.params || schema.querystring || schema.body),
    hasBody: Boolean(schema.body),
    access: (input.route.config as { access?: Access } | undefined)?.access,
  });
  const response = { ...schema.response };
  for (const [status, description] of Object.entries(statuses)) response[status] ??= ErrorBody.describe(description);
  return jsonSchemaTransform({ ...input, schema: { ...schema, response } });
};

/** OpenAPI generated from the zod route schemas, served at /openapi.json with a UI at /docs. */
export default fp(
  async (app, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Knotwork API',
          description: "Know how to know who: the directory of distributed expertise for local children's services.",
          version: opts.version,
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'knotwork_session' } },
        },
        security: [{ session: [] }],
      },
      transform: withCommonErrors,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
