/**
 * `n` distinct UUID-shaped ids that match no node, for warming Neo4j's plan cache: a plan is reused only for
 * parameters of the same type and size class as the ones it was planned with, so warm-ups pass id-shaped strings
 * and lists as long as real ones (distinct, because reads drop duplicate ids).
 */
export function unmatchedIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
}
