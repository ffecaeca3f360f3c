import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { mapError } from '../../src/plugins/app/errors.js';

/**
 * Found by the load test: with every pooled Neo4j connection busy, the driver's "Connection acquisition timed out"
 * (code N/A) came out as a 500. Overload is a 503 that says so.
 */
describe('overload', () => {
  it('maps a Neo4j connection-acquisition timeout to 503 with a clear message', () => {
    const e = new Neo4jError('Connection acquisition timed out in 10000 ms. Pool status: Active conn count = 100, Idle conn count = 0.', 'N/A', '50N42', 'error: general processing exception');
    expect(mapError(e)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/too busy/) });
  });

  it('still maps an unavailable database to 503 and unknown driver errors to 500', () => {
    expect(mapError(new Neo4jError('gone', 'ServiceUnavailable', '08000', 'unavailable')).status).toBe(503);
    expect(mapError(new Neo4jError('boom', 'Neo.DatabaseError.General.UnknownError', '50N42', 'boom')).status).toBe(500);
  });
});
