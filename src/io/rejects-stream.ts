/**
 * --rejects FILE, streamed: every rejected row is appended to a private temporary file beside FILE
 * as ingest rejects it (nothing is held in memory), and at the end of the run the CSV (its header
 * sized to the widest row, then the rows) is put in place through `writeOutputs`, like every other
 * output: same target checks (regular files only, links followed, no file in use, no two outputs
 * on one file), same atomic rename. The temporary file is one of the pending temporary files the
 * signal handler removes; a run that fails, or is discarded, leaves nothing behind.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { RejectSink } from '../ingest/table.js';
import { rejectsCsvHeader, rejectsCsvRow } from '../report/rejects-csv.js';
import { sanitizeOutput } from '../report/sanitize.js';
import { InputError } from '../base/errors.js';
import { createTemp, releaseTemp, resolveTarget, type PlannedOutput } from './write.js';

const FLUSH_CHARS = 1 << 16;

export class RejectsStream {
  private readonly bodyPath: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;
  private width = 0;
  private failure: unknown = null;
  /** Rows written. */
  rows = 0;

  private constructor(private readonly shown: string, cwd: string) {
    // the target is checked now, so a device, a folder or a missing folder is reported before the inputs are read
    const target = resolveTarget(shown, cwd);
    try {
      const tmp = createTemp(target, 'rows');
      this.bodyPath = tmp.path;
      this.fd = tmp.fd;
    } catch (err) {
      throw new InputError([{ file: shown, message: `cannot write the rejects file: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message}` }], 'Nothing was written there; choose another path.');
    }
  }

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
    // whole lines, so the sanitiser sees each cell entire
    const text = sanitizeOutput(`${this.buffer.join('\n')}\n`, {});
    this.buffer = [];
    this.buffered = 0;
    try {
      writeSync(this.fd, text);
    } catch (err) {
      this.failure = err; // reported when the file is put in place: ingest goes on
    }
  }

  /** The output for `writeOutputs`: the header, then the rows copied from the temporary file. */
  planned(): PlannedOutput {
    this.flush();
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    const failure = this.failure;
    return {
      flag: '--rejects',
      path: this.shown,
      content: () => '',
      fill: (out) => {
        if (failure !== null) throw failure;
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
      },
    };
  }

  /** Removes the temporary file (after the output is written, or when the run failed). Safe to call twice. */
  discard(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    releaseTemp(this.bodyPath);
  }
}
