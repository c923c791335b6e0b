/**
 * Atomic file output: write to a temporary file beside the target, then rename, so an interrupted
 * run never leaves a half-written report for a CI step to pick up. Refuses to overwrite an input
 * (by path, and by identity: a symlink or hard link to an input is the input).
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';

/**
 * The file-system calls used here. A seam for tests: replacing `writeFileSync` with one that
 * writes half the bytes and throws simulates a failure mid-write (disk full, killed process).
 */
export const fsOps = { writeFileSync, renameSync, rmSync };

/** `path` and the protected paths are relative to `cwd` (the Io's working folder in the shell). */
export function writeFileAtomic(path: string, content: string, protectedPaths: readonly string[] = [], cwd = process.cwd()): void {
  const target = resolve(cwd, path);
  if (protectedPaths.some((p) => resolve(cwd, p) === target || sameFile(resolve(cwd, p), target))) {
    throw new UsageError(`refusing to write to ${path}: it is one of the input files`);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    fsOps.writeFileSync(tmp, content);
    fsOps.renameSync(tmp, target);
  } catch (err) {
    try {
      fsOps.rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not be removed either; the write error is the one to report
    }
    throw new InputError([{ file: path, message: `cannot write the output file: ${describeFsError(err)}` }], 'Nothing was written there; choose another path.');
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // the target does not exist yet: it cannot be an input
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'a folder of that name is in the way';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
