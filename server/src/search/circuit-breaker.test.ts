import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens on failure, lets one probe through after the cooldown, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker({ openMs: 1_000, maxOpenMs: 4_000, now: () => now });
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    now = 1_000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // one probe at a time
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('doubles the cooldown after a failed probe, up to the cap', () => {
    let now = 0;
    const b = new CircuitBreaker({ openMs: 1_000, maxOpenMs: 2_500, now: () => now });
    b.failure();
    now = 1_000;
    expect(b.allow()).toBe(true);
    b.failure(); // probe failed: 2 s
    now = 2_999;
    expect(b.allow()).toBe(false);
    now = 3_000;
    expect(b.allow()).toBe(true);
    b.failure(); // capped at 2.5 s
    now = 5_499;
    expect(b.allow()).toBe(false);
    now = 5_500;
    expect(b.allow()).toBe(true);
  });

  it('tolerates slow answers below the threshold, but not an unreachable engine', () => {
    const b = new CircuitBreaker({ failureThreshold: 3 });
    b.failure('slow');
    b.failure('slow');
    expect(b.state).toBe('closed');
    b.failure('slow');
    expect(b.state).toBe('open');
    const c = new CircuitBreaker({ failureThreshold: 3 });
    c.failure('slow');
    c.success(); // consecutive only
    c.failure('slow');
    c.failure('slow');
    expect(c.state).toBe('closed');
    c.failure('unreachable');
    expect(c.state).toBe('open');
  });
});
