import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServiceError } from './errors.js';

/** Credentials generated for the local services. Kept in a 0600 JSON file, never printed. */
export interface Secrets {
  neo4jPassword?: string;
  meiliMasterKey?: string;
}

export type SecretName = keyof Secrets;

/** Secrets live next to the services' data directories: `<parent of dataDir>/secrets.json`. */
export function secretsFileFor(dataDir: string): string {
  return join(dirname(dataDir), 'secrets.json');
}

/** 32 random bytes, base64url: 43 characters, safe in URLs, env vars and Cypher parameters. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function readSecrets(file: string): Secrets {
  if (!existsSync(file)) return {};
  tightenPermissions(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ServiceError(
      `Secrets file ${file} is not valid JSON. Fix it, or delete it to have new credentials generated on the next start.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError(`Secrets file ${file} should hold a JSON object. Fix it or delete it.`);
  }
  return parsed as Secrets;
}

/**
 * Returns the named secret from `file`, generating and storing it (file mode 0600, directory 0700)
 * the first time. Synchronous on purpose, so concurrent starts in one process cannot interleave
 * their read-modify-write; the file is replaced atomically.
 */
export function getOrCreateSecret(file: string, name: SecretName): string {
  const secrets = readSecrets(file);
  const existing = secrets[name];
  if (typeof existing === 'string' && existing.length >= 16) return existing;
  const value = generateSecret();
  writeSecrets(file, { ...secrets, [name]: value });
  return value;
}

export function writeSecrets(file: string, secrets: Secrets): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600); // in case the umask or an old tmp file got in the way
  renameSync(tmp, file);
}

function tightenPermissions(file: string): void {
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) chmodSync(file, 0o600);
}
