/**
 * Atomic file output: write to a temporary file beside the target, then rename, so an interrupted
 * run never leaves a half-written report for a CI step to pick up. Refuses to overwrite an input.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export function writeFileAtomic(path: string, content: string, protectedPaths: readonly string[] = []): void {
  const target = resolve(path);
  if (protectedPaths.some((p) => resolve(p) === target)) {
    throw new UsageError(`refusing to write to ${path}: it is one of the input files`);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
