/**
 * --rejects FILE, streamed: every rejected row is appended to a private temporary file as ingest
 * rejects it (nothing is held in memory), and the CSV is put in place at the end of the run, its
 * header sized to the widest row, with the same atomic rename as every other output. A run that
 * fails, or is discarded, leaves no file behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RejectSink } from '../ingest/table.js';
import { rejectsCsvHeader, rejectsCsvRow } from '../report/rejects-csv.js';
import { InputError, UsageError } from '../errors.js';

const FLUSH_CHARS = 1 << 16;

export class RejectsStream {
  private readonly target: string;
  private readonly bodyPath: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;
  private width = 0;
  private failure: unknown = null;
  /** Rows written. */
  rows = 0;

  private constructor(
    private readonly shown: string,
    cwd: string,
  ) {
    this.target = resolve(cwd, shown);
    this.bodyPath = tempPath(this.target, 'rows');
    try {
      this.fd = openSync(this.bodyPath, 'wx', 0o600);
    } catch (err) {
      throw writeError(shown, err);
    }
  }

  /** Opens the temporary file beside FILE (so a missing folder is reported before the inputs are read). */
  static open(shown: string, cwd: string): RejectsStream {
    return new RejectsStream(shown, cwd);
  }

  readonly sink: RejectSink = (path, row) => {
    if (this.fd === null || this.failure !== null) return;
    if (row.cells.length > this.width) this.width = row.cells.length;
    const line = rejectsCsvRow(path, row);
    this.buffer.push(line);
    this.buffered += line.length + 1;
    this.rows += 1;
    if (this.buffered >= FLUSH_CHARS) this.flush();
  };

  private flush(): void {
    if (this.fd === null || this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    this.buffered = 0;
    try {
      writeSync(this.fd, text);
    } catch (err) {
      this.failure = err; // reported by commit: ingest goes on, the file is not put in place
    }
  }

  /**
   * Puts the CSV in place at FILE: header, then the rows, into a second temporary file renamed
   * over FILE. Refuses to replace an input file.
   */
  commit(protectedPaths: readonly string[]): void {
    if (protectedPaths.some((p) => resolve(p) === this.target || sameFile(p, this.target))) {
      throw new UsageError(`refusing to write to ${this.shown}: it is one of the input files`);
    }
    if (existsSync(this.target) && !statSync(this.target).isFile()) {
      throw new UsageError(`refusing to write to ${this.shown}: it is not a regular file`);
    }
    this.flush();
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (this.failure !== null) throw writeError(this.shown, this.failure);
    const finalPath = tempPath(this.target, 'csv');
    let out: number | null = null;
    try {
      out = openSync(finalPath, 'wx', 0o600);
      writeSync(out, `${rejectsCsvHeader(this.width)}\n`);
      const input = openSync(this.bodyPath, 'r');
      try {
        const buf = Buffer.allocUnsafe(1 << 20);
        for (;;) {
          const n = readSync(input, buf, 0, buf.length, null);
          if (n === 0) break;
          writeSync(out, buf, 0, n);
        }
      } finally {
        closeSync(input);
      }
      fchmodSync(out, 0o644); // private while written, an ordinary file once in place
      closeSync(out);
      out = null;
      renameSync(finalPath, this.target);
    } catch (err) {
      if (out !== null) closeSync(out);
      rmSync(finalPath, { force: true });
      throw writeError(this.shown, err);
    } finally {
      rmSync(this.bodyPath, { force: true });
    }
  }

  /** Removes the temporary file (after commit, or when the run failed). Safe to call twice. */
  discard(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    rmSync(this.bodyPath, { force: true });
  }
}

function tempPath(target: string, what: string): string {
  return join(dirname(target), `.${basename(target)}.${what}.${randomBytes(6).toString('hex')}.tmp`);
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function writeError(shown: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'ENOTDIR'
        ? 'part of the path is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'EROFS'
              ? 'the file system is read-only'
              : code === 'EISDIR'
                ? 'a folder of that name is in the way'
                : err instanceof Error
                  ? err.message
                  : String(err);
  return new InputError([{ file: shown, message: `cannot write the rejects file: ${why}` }], 'Nothing was written there; choose another path.');
}
