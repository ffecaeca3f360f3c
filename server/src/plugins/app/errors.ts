import type { ErrorBody, ErrorCode } from '@knotwork/graph-schema';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../../lib/errors.js';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

const codeByStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'BAD_REQUEST',
  429: 'RATE_LIMITED',
};

/** Neo4j codes that mean the database is unreachable or restarting, not that the request is wrong. */
const unavailableCodes = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function mapError(error: unknown): Mapped {
  if (error instanceof AppError) {
    return { status: error.statusCode, code: error.code, message: error.message, details: error.details };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = fastifyError.validationContext ?? 'request';
    const issues = error.validation.map((v) => {
      const path = [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.');
      return { field: path, message: v.message ?? 'is invalid' };
    });
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      details: issues,
    };
  }
  if (error instanceof Neo4jError) {
    if (unavailableCodes.has(error.code) || error.code.startsWith('Neo.TransientError')) {
      return {
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The directory database is unavailable just now; try again in a moment.',
      };
    }
    // Every pooled connection busy for connectionAcquisitionTimeout: overload, not a bug (the driver's code is N/A).
    if (error.message.startsWith('Connection acquisition timed out')) {
      return { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'The directory is too busy just now; try again in a moment.' };
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return { status: 409, code: 'CONFLICT', message: 'A record with the same unique key already exists.' };
    }
  }
  if (isResponseSerializationError(error)) {
    return { status: 500, code: 'INTERNAL', message: 'The server produced an invalid response; it has been logged.' };
  }
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, code: codeByStatus[status] ?? 'BAD_REQUEST', message: fastifyError.message };
  }
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, mapped: Mapped) {
  const body: ErrorBody = {
    error: {
      code: mapped.code,
      message: mapped.message,
      ...(mapped.details !== undefined ? { details: mapped.details } : {}),
      requestId: String(request.id),
    },
  };
  return reply.status(mapped.status).type('application/json').send(body);
}

/** One error format for every failure: `{ error: { code, message, details?, requestId } }`. */
export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const mapped = mapError(error);
      if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: mapped.code, message: mapped.message }, 'request rejected');
      // Error bodies must not be run through the route's success-response serializer.
      reply.serializer((payload: unknown) => JSON.stringify(payload));
      return sendError(reply, request, mapped);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, request, {
        status: 404,
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      }),
    );
  },
  { name: 'errors' },
);
