import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const user = (id: string) => ({ id, email: `${id}@example.test`, role: 'viewer' as const, practitionerId: null, practitionerName: null });

describe('SessionCache', () => {
  it('remembers a session for the TTL, then forgets it', () => {
    const cache = new SessionCache(10_000);
    cache.set('t1', user('u1'), 1_000_000, 0);
    expect(cache.get('t1', 9_999)?.id).toBe('u1');
    expect(cache.get('t1', 10_000)).toBeNull();
  });

  it('never trusts a session past its own expiry', () => {
    const cache = new SessionCache(10_000);
    cache.set('t1', user('u1'), 3_000, 0);
    expect(cache.get('t1', 2_999)?.id).toBe('u1');
    expect(cache.get('t1', 3_000)).toBeNull();
    cache.set('t2', user('u2'), 500, 1_000); // already expired: not kept
    expect(cache.get('t2', 1_000)).toBeNull();
  });

  it('forgets one token, all sessions of a user, or everything', () => {
    const cache = new SessionCache(10_000);
    cache.set('a', user('u1'), 1e9, 0);
    cache.set('b', user('u1'), 1e9, 0);
    cache.set('c', user('u2'), 1e9, 0);
    cache.forgetToken('a');
    expect(cache.get('a', 1)).toBeNull();
    cache.forgetUser('u1');
    expect(cache.get('b', 1)).toBeNull();
    expect(cache.get('c', 1)?.id).toBe('u2');
    cache.clear();
    expect(cache.get('c', 1)).toBeNull();
  });

  it('stays bounded, dropping the oldest entries', () => {
    const cache = new SessionCache(10_000, 3);
    for (const t of ['a', 'b', 'c', 'd']) cache.set(t, user(t), 1e9, 0);
    expect(cache.get('a', 1)).toBeNull();
    expect(cache.get('d', 1)?.id).toBe('d');
  });

  it('keeps nothing when the TTL is 0', () => {
    const cache = new SessionCache(0);
    cache.set('a', user('u1'), 1e9, 0);
    expect(cache.get('a', 0)).toBeNull();
  });
});
