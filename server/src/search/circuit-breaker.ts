/**
 * A circuit breaker for the search engine: an engine that cannot be reached opens it at once; slow answers
 * (timeouts) open it after `failureThreshold` consecutive ones — under a burst of load a slow engine is still
 * cheaper than the full-text fallback, which would only add to the load. While open, every request goes straight
 * to the fallback for `openMs` (doubling on each failed probe, up to `maxOpenMs`); then one request at a time
 * probes the engine (half-open) and a success closes the circuit. So a dead Meilisearch costs one fast failure
 * per cooldown, not a timeout on every request.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  openMs?: number;
  maxOpenMs?: number;
  now?: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private cooldown: number;
  private probing = false;
  private state_: BreakerState = 'closed';
  private readonly threshold: number;
  private readonly baseOpenMs: number;
  private readonly maxOpenMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 3;
    this.baseOpenMs = options.openMs ?? 2_000;
    this.maxOpenMs = options.maxOpenMs ?? 30_000;
    this.cooldown = this.baseOpenMs;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.state_ === 'open' && this.now() - this.openedAt >= this.cooldown) return 'half-open';
    return this.state_;
  }

  /** Whether this request may try the engine (in half-open, only one request at a time). */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.cooldown = this.baseOpenMs;
    this.state_ = 'closed';
  }

  /** A failed request: `unreachable` (refused, reset, error answer) opens at once, `slow` (a timeout) counts. */
  failure(kind: 'unreachable' | 'slow' = 'unreachable'): void {
    const wasProbe = this.probing;
    this.probing = false;
    this.failures++;
    if (wasProbe) {
      this.cooldown = Math.min(this.cooldown * 2, this.maxOpenMs);
      this.open();
    } else if (this.state_ === 'closed' && (kind === 'unreachable' || this.failures >= this.threshold)) {
      this.open();
    }
  }

  private open() {
    this.state_ = 'open';
    this.openedAt = this.now();
  }
}
