import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args.js';
import { UsageError } from './errors.js';

const root = '/repo/.data';
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCli(argv, env, root);

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).not.toContain('\n');
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseCli', () => {
  it('has sensible defaults', () => {
    const c = parse(['start']);
    expect(c.command).toBe('start');
    expect(c.target).toBe('all');
    expect(c.neo4j).toEqual({ boltPort: 7687, dataDir: '/repo/.data/neo4j' });
    expect(c.meili).toEqual({ port: 7700, dataDir: '/repo/.data/meili' });
    expect(c.externalNeo4j).toBeUndefined();
    expect(c.externalMeili).toBeUndefined();
  });

  it('reads the environment', () => {
    const c = parse(['status', 'neo4j'], {
      NEO4J_BOLT_PORT: '17687',
      NEO4J_DATA_DIR: '/tmp/n',
      MEILI_PORT: '17700',
      MEILI_DATA_DIR: '/tmp/m',
      NEO4J_HEAP: '768m',
      NEO4J_PAGECACHE: '256m',
      MEILI_MAX_INDEXING_MEMORY: '1GiB',
    });
    expect(c.target).toBe('neo4j');
    expect(c.neo4j).toEqual({ boltPort: 17687, dataDir: '/tmp/n', heap: '768m', pageCache: '256m' });
    expect(c.meili).toEqual({ port: 17700, dataDir: '/tmp/m', indexingMemory: '1GiB' });
  });

  it('lets flags override the environment', () => {
    const c = parse(
      ['start', 'meili', '--meili-port', '27700', '--data-root', '/srv/kw', '--timeout', '30', '--meili-indexing-memory', '512MiB'],
      { MEILI_PORT: '17700', MEILI_MAX_INDEXING_MEMORY: '1GiB' },
    );
    expect(c.meili).toEqual({ port: 27700, dataDir: '/srv/kw/meili', startTimeoutMs: 30_000, indexingMemory: '512MiB' });
    expect(c.neo4j.dataDir).toBe('/srv/kw/neo4j');
  });

  it('notes external services from NEO4J_URI and MEILI_HOST', () => {
    const c = parse(['start'], { NEO4J_URI: 'neo4j://db:7687', MEILI_HOST: 'http://search:7700' });
    expect(c.externalNeo4j).toBe('neo4j://db:7687');
    expect(c.externalMeili).toBe('http://search:7700');
  });

  it('rejects bad ports with the flag or variable name', () => {
    expect(usageError(() => parse(['start', '--neo4j-port', 'seventy'])).message).toContain('--neo4j-port');
    expect(usageError(() => parse(['start'], { MEILI_PORT: '70000' })).message).toContain('MEILI_PORT');
    expect(usageError(() => parse(['start', '--neo4j-port', '7700'])).message).toContain('both use port 7700');
  });

  it('rejects unknown commands, services, options and extra arguments', () => {
    expect(usageError(() => parse([])).message).toContain('Missing command');
    expect(usageError(() => parse(['launch'])).message).toContain('Unknown command "launch"');
    expect(usageError(() => parse(['start', 'redis'])).message).toContain('Unknown service "redis"');
    expect(usageError(() => parse(['start', '--frobnicate'])).message).toContain("'--frobnicate'");
    expect(usageError(() => parse(['start', 'neo4j', 'meili'])).message).toContain('Unexpected argument');
  });

  it('rejects bad sizes and timeouts', () => {
    usageError(() => parse(['start', '--heap', '1gb']));
    usageError(() => parse(['start'], { NEO4J_PAGECACHE: 'lots' }));
    usageError(() => parse(['start', '--timeout', '-5']));
  });

  it('shows help without requiring a command', () => {
    expect(parse(['--help']).help).toBe(true);
  });
});
