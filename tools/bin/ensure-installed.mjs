// Plain JavaScript on purpose: this runs before any dependency (tsx, TypeScript) is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { superviseChild } from './supervise.mjs';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message) {
  console.error(`knotwork: ${message}`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Node.js 20.19 or newer is needed (this is ${process.versions.node}).`);
  }
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  checkNode();
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  console.log('knotwork: installing npm dependencies (npm ci)…');
  const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  if (res.status !== 0) fail('npm ci failed; see the output above.');
}

/**
 * Runs a TypeScript entry point in one Node process (`node --import tsx`, no second tsx wrapper process), passing
 * stop signals on and exiting with its status (see supervise.mjs).
 */
export function runTs(entry, args = []) {
  superviseChild(process.execPath, ['--import', 'tsx', join(repoRoot, entry), ...args], { cwd: repoRoot });
}
