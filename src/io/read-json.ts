/**
 * Reads a JSON input (config, rule pack, override / ratchet file, baseline audit) with a size
 * limit, so a huge or endless file (`/dev/zero`, a FIFO that never ends) is refused with a clear
 * message instead of exhausting memory. The size is checked with fstat before reading, and the
 * read itself stops one byte past the limit (a FIFO or a device reports size 0).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../base/errors.js';

/** 10 MB: a real config or audit JSON is a few hundred KB at most. */
export const MAX_JSON_INPUT_BYTES = 10 * 1024 * 1024;

const CHUNK = 64 * 1024;

function tooLarge(shown: string, what: string, limit: number): InputError {
  return new InputError(
    [{ file: shown, message: `${what} is larger than ${Math.round(limit / 1024 / 1024)} MB, the limit for a JSON input; is it the right file?` }],
    'revhealth reads configs, rule packs, override files and baselines of at most 10 MB (SECURITY.md "Limits").',
  );
}

/**
 * The file's text (UTF-8), or an InputError when it is a folder or over `limit` bytes.
 * Errors opening the file (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
export function readJsonInput(path: string, shown: string, what: string, limit = MAX_JSON_INPUT_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError([{ file: shown, message: `${what} is a folder, not a file` }]);
    if (st.isFile() && st.size > limit) throw tooLarge(shown, what, limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(shown, what, limit);
      chunks.push(n === CHUNK ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
