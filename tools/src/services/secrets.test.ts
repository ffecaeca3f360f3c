import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from './errors.js';
import { generateSecret, getOrCreateSecret, readSecrets, secretsFileFor } from './secrets.js';

describe('secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knotwork-secrets-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const mode = (path: string) => statSync(path).mode & 0o777;

  it('generates long random URL-safe secrets', () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('keeps secrets next to the data directories', () => {
    expect(secretsFileFor('/x/.data/neo4j')).toBe('/x/.data/secrets.json');
  });

  it('creates the file with mode 0600 (and a new directory with 0700) and reuses the secret', () => {
    const file = join(dir, 'nested', 'secrets.json');
    const password = getOrCreateSecret(file, 'neo4jPassword');
    expect(password).not.toBe('neo4j');
    expect(mode(file)).toBe(0o600);
    expect(mode(join(dir, 'nested'))).toBe(0o700);
    expect(getOrCreateSecret(file, 'neo4jPassword')).toBe(password);
  });

  it('keeps both services’ secrets in one file', () => {
    const file = join(dir, 'secrets.json');
    const password = getOrCreateSecret(file, 'neo4jPassword');
    const key = getOrCreateSecret(file, 'meiliMasterKey');
    expect(key).not.toBe(password);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ neo4jPassword: password, meiliMasterKey: key });
  });

  it('tightens a secrets file readable by others', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ neo4jPassword: 'a-password-of-decent-length' }));
    chmodSync(file, 0o644);
    expect(getOrCreateSecret(file, 'neo4jPassword')).toBe('a-password-of-decent-length');
    expect(mode(file)).toBe(0o600);
  });

  it('replaces a too-short stored secret', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ meiliMasterKey: 'short' }), { mode: 0o600 });
    expect(getOrCreateSecret(file, 'meiliMasterKey')).toHaveLength(43);
  });

  it('reports a corrupt file readably', () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, '{ nope', { mode: 0o600 });
    expect(() => readSecrets(file)).toThrow(ServiceError);
    expect(() => readSecrets(file)).toThrow(/not valid JSON.*delete it/);
  });
});
