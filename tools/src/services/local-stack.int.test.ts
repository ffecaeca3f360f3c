/**
 * Starts the real local Neo4j (JVM) and Meilisearch on free ports with throw-away data directories.
 * Needs Java 17 (and Maven, if the launcher jar is not built yet).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { meiliStatus, startMeili } from './meili-local.js';
import { neo4jStatus, startNeo4j } from './neo4j-local.js';
import { findFreePort } from './ports.js';

function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local stack (real Neo4j + Meilisearch)', () => {
  let dataRoot: string;
  let stack: LocalStack;
  let neo4jPort: number;
  let meiliPort: number;
  const neo4jOpts = () => ({ boltPort: neo4jPort, dataDir: join(dataRoot, 'neo4j'), heap: '512m', pageCache: '128m' });
  const meiliOpts = () => ({ port: meiliPort, dataDir: join(dataRoot, 'meili') });

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), 'knotwork-stack-'));
    neo4jPort = await findFreePort();
    meiliPort = await findFreePort();
    // env: {} so an outer NEO4J_URI / MEILI_HOST cannot make this test skip the launchers.
    // A generous timeout: on the shared 2-core machine under load a Neo4j start has taken 90 s.
    stack = await startLocalStack({
      neo4jPort,
      meiliPort,
      dataRoot,
      heap: '512m',
      pageCache: '128m',
      startTimeoutMs: 300_000,
      env: {},
    });
  });

  afterAll(async () => {
    await stack?.stop();
    if (stack) {
      expect((await neo4jStatus(neo4jOpts())).state).toBe('stopped');
      expect((await meiliStatus(meiliOpts())).state).toBe('stopped');
    }
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('returns connection details on the requested loopback ports', () => {
    expect(stack.neo4j).toMatchObject({ uri: `bolt://127.0.0.1:${neo4jPort}`, user: 'neo4j' });
    expect(stack.neo4j.password).toHaveLength(43);
    expect(stack.meili.host).toBe(`http://127.0.0.1:${meiliPort}`);
    expect(stack.meili.masterKey).toHaveLength(43);
    expect(stack.started).toEqual({ neo4j: true, meili: true, mail: false });
    expect(statSync(join(dataRoot, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('Neo4j accepts a write and a read with the generated password', async () => {
    const driver = neo4j.driver(stack.neo4j.uri, neo4j.auth.basic(stack.neo4j.user, stack.neo4j.password));
    try {
      await driver.executeQuery('CREATE (:Probe {name: $name})', { name: 'knotwork' });
      const { records } = await driver.executeQuery('MATCH (p:Probe {name: $name}) RETURN count(p) AS n', { name: 'knotwork' });
      expect(records[0]?.get('n').toNumber()).toBe(1);
    } finally {
      await driver.close();
    }
  });

  it('Neo4j rejects the default neo4j/neo4j credentials', async () => {
    const driver = neo4j.driver(stack.neo4j.uri, neo4j.auth.basic('neo4j', 'neo4j'));
    try {
      await expect(driver.verifyConnectivity()).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
    } finally {
      await driver.close();
    }
  });

  it('Meilisearch is healthy and requires the master key', async () => {
    const health = await httpGet(`${stack.meili.host}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'available' });
    expect((await httpGet(`${stack.meili.host}/indexes`)).status).toBe(401);
    expect((await httpGet(`${stack.meili.host}/indexes`, { Authorization: 'Bearer wrong-key' })).status).toBe(403);
    expect((await httpGet(`${stack.meili.host}/indexes`, { Authorization: `Bearer ${stack.meili.masterKey}` })).status).toBe(200);
  });

  it('a second start is a no-op', async () => {
    const before = await neo4jStatus(neo4jOpts());
    expect(before.state).toBe('running');
    const lines: string[] = [];
    const again = await startNeo4j({ ...neo4jOpts(), log: (l) => lines.push(l) });
    expect(again.alreadyRunning).toBe(true);
    expect(before.state === 'running' && again.pid === before.pid).toBe(true);
    expect(again.password).toBe(stack.neo4j.password);
    expect(lines.join('\n')).toContain(`Neo4j already running on bolt://127.0.0.1:${neo4jPort} (pid ${again.pid})`);

    const meiliAgain = await startMeili(meiliOpts());
    expect(meiliAgain.alreadyRunning).toBe(true);
    expect(meiliAgain.masterKey).toBe(stack.meili.masterKey);
  });

  describe('on a port that is already in use', () => {
    let blocker: Server;
    let busyPort: number;
    beforeAll(async () => {
      busyPort = await findFreePort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(busyPort, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    });

    it('Neo4j fails with a message naming the port and NEO4J_BOLT_PORT', async () => {
      await expect(startNeo4j({ boltPort: busyPort, dataDir: join(dataRoot, 'neo4j-busy') })).rejects.toThrow(
        new RegExp(`Port ${busyPort} on 127\\.0\\.0\\.1 is already in use.*NEO4J_BOLT_PORT=<port>`),
      );
    });

    it('Meilisearch fails with a message naming the port and MEILI_PORT', async () => {
      await expect(startMeili({ port: busyPort, dataDir: join(dataRoot, 'meili-busy') })).rejects.toThrow(
        new RegExp(`Port ${busyPort} on 127\\.0\\.0\\.1 is already in use.*MEILI_PORT=<port>`),
      );
    });
  });
});
