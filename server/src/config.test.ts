import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const valid = { NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'secret' };

describe('loadConfig', () => {
  it('applies defaults to a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.neo4j).toEqual({ uri: 'bolt://127.0.0.1:7687', user: 'neo4j', password: 'secret', maxConnections: 10 });
    expect(loadConfig({ ...valid, NEO4J_MAX_CONNECTIONS: '40' }).neo4j.maxConnections).toBe(40);
    expect(() => loadConfig({ ...valid, NEO4J_MAX_CONNECTIONS: '0' })).toThrow(/NEO4J_MAX_CONNECTIONS/);
    expect(config.meili).toBeNull();
    expect(config.session.cacheMs).toBe(10_000);
    expect(loadConfig({ ...valid, SESSION_CACHE_MS: '0' }).session.cacheMs).toBe(0);
    expect(() => loadConfig({ ...valid, SESSION_CACHE_MS: '-1' })).toThrow(/SESSION_CACHE_MS/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable in one readable message', () => {
    const attempt = () => loadConfig({ NEO4J_URI: 'http://db', PORT: 'seventy', MEILI_HOST: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('NEO4J_URI must be a bolt:// or neo4j:// URI');
      expect(message).toContain('PORT');
      expect(message).toContain('NEO4J_PASSWORD is required');
      expect(message).toContain('MEILI_HOST must be a URL');
      expect(message).not.toMatch(/at .*\.ts:\d+/); // no stack trace in the message
    }
  });

  it('says what to do when NEO4J_URI is missing', () => {
    expect(() => loadConfig({})).toThrow(/NEO4J_URI is required \(npm start sets it/);
  });

  it('requires secrets in production', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required in production/);
  });

  it('reads the Meilisearch settings', () => {
    const config = loadConfig({ ...valid, MEILI_HOST: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'k'.repeat(16) });
    expect(config.meili).toEqual({ host: 'http://127.0.0.1:7700', masterKey: 'k'.repeat(16), index: 'knotwork' });
  });
});
