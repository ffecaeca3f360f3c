import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers (helmet's defaults: CSP default-src 'self', no sniffing, frame-ancestors 'none', HSTS, …) and
 * CORS closed by default: only the origins listed in CORS_ORIGINS may call the API from a browser, with
 * credentials. The Swagger UI at /docs loads only same-origin scripts and styles, so the default CSP suits it.
 */
export default fp(
  async (app, opts: { corsOrigins: readonly string[] }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and the client use inline style attributes and data: images (icons).
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    });
    const allowed = new Set(opts.corsOrigins);
    await app.register(cors, {
      origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'x-knotwork-csrf'],
      maxAge: 600,
    });
  },
  { name: 'security' },
);
