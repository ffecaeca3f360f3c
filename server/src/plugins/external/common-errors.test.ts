import { describe, expect, it } from 'vitest';
import { commonErrorStatuses } from './common-errors.js';

const codes = (r: Parameters<typeof commonErrorStatuses>[0]) => Object.keys(commonErrorStatuses(r)).map(Number);

describe('commonErrorStatuses', () => {
  it('a signed-in read with a query: invalid input, not signed in, long URL, database away', () => {
    expect(codes({ method: 'GET', hasInput: true, hasBody: false, access: 'signed-in' })).toEqual([400, 401, 414, 503]);
  });

  it('a public write with a body (sign-in): also the CSRF refusal and the body limit, but no 401', () => {
    expect(codes({ method: 'POST', hasInput: true, hasBody: true, access: 'public' })).toEqual([400, 403, 413, 414, 503]);
    expect(commonErrorStatuses({ method: 'POST', hasInput: true, hasBody: true, access: 'public' })[403]).toMatch(/x-knotwork-csrf/);
  });

  it('a write that declares no body (mark read, verify): a body can still be sent, so the body limit too', () => {
    expect(codes({ method: 'POST', hasInput: true, hasBody: false, access: 'signed-in' })).toEqual([400, 401, 403, 413, 414, 503]);
  });

  it('a read limited to roles: 403 for the other roles', () => {
    expect(codes({ method: ['GET', 'HEAD'], hasInput: false, hasBody: false, access: ['coordinator', 'admin'] })).toEqual([401, 403, 414, 503]);
  });

  it('a route outside the access model (documents): only the long URL', () => {
    expect(codes({ method: 'GET', hasInput: false, hasBody: false, access: undefined })).toEqual([414]);
  });
});
