import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** How the import command answers a file in the wrong encoding, run as a user runs it (the CLI process). */
const root = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knotwork-cli-import-'));
  // "Café" in Latin-1: the é is the single byte 0xE9, which is not valid UTF-8.
  const header = Buffer.from('id,name,kind\n', 'utf8');
  const row = Buffer.concat([
    Buffer.from('cafe-1,Caf', 'latin1'),
    Buffer.from([0xe9]),
    Buffer.from(',statutory\n', 'latin1'),
  ]);
  await writeFile(join(dir, 'agencies.csv'), Buffer.concat([header, row]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'import', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('import CLI: source encoding', () => {
  it('refuses a Latin-1 file read as UTF-8 with the file, the line and the --encoding hint, and no usage line', () => {
    const r = cli('--format', 'knotwork-csv', '--name', 'enc-test', '--dry-run', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('agencies.csv');
    expect(r.stderr).toMatch(/line 2/);
    expect(r.stderr).toContain('--encoding');
    expect(r.stderr).not.toMatch(/^Usage:/m);
  });

  it('reads the same file when told its encoding', () => {
    const r = cli('--format', 'knotwork-csv', '--name', 'enc-test', '--dry-run', '--encoding', 'windows-1252', dir);
    expect(r.stderr).not.toContain('--encoding');
    expect(r.status, r.stderr).toBe(0);
  });
});
