/**
 * Files shipped beside the code (package.json, fixtures/demo), found from wherever this code runs:
 * dist/cli/*.js (modules), dist/bundle/*.js (the bundle) or src/cli/*.ts (tests). The nearest folder
 * upwards holding revhealth's package.json is the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null | undefined;

export function packageRoot(): string | null {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'revhealth') return (root = dir);
      } catch {
        // an unreadable package.json on the way up is not ours: keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) return (root = null);
    dir = up;
  }
}

export function packageVersion(): string {
  const dir = packageRoot();
  if (dir === null) return '0.0.0';
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
