/**
 * What the two write test files share: a deals file with one bad row, temp folders removed after
 * each test, the file-system seam restored after each test, and the temporary files left behind.
 */
import { readdirSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { fsOps } from '../../src/io/write.js';
import { tempDir } from '../helpers/cli.js';

export const DEALS = 'id,amount,stage,created,closed\nD1,100,Closed Won,2025-01-05,2025-02-01\nD2,oops,Closed Won,2025-01-05,2025-02-01\n';

/** The real file-system calls, to restore and to call from a replacement. */
export const original = { ...fsOps };

const dirs: string[] = [];
/** A temp folder with these files, removed after the test. */
export function dir(files: Record<string, string> = {}): string {
  const d = tempDir(files);
  dirs.push(d);
  return d;
}

/** Call once per test file: restores fsOps and removes the folders after each test. */
export function cleanUpAfterEach(): void {
  afterEach(() => {
    Object.assign(fsOps, original);
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
}

export const leftovers = (d: string): string[] => readdirSync(d).filter((n) => n.endsWith('.tmp'));
