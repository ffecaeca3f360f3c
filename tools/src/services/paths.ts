import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The monorepo root: the nearest directory above this file whose package.json declares workspaces. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { workspaces?: unknown };
        if (json.workspaces) {
          cachedRoot = dir;
          return dir;
        }
      } catch {
        // not a readable package.json: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Fallback: tools/src/services -> repo root
  cachedRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  return cachedRoot;
}

/** `<repo>/.data`: where local services keep their data, logs, pid files and secrets by default. */
export function defaultDataRoot(): string {
  return join(repoRoot(), '.data');
}

/** `<repo>/tools` */
export function toolsDir(): string {
  return join(repoRoot(), 'tools');
}
