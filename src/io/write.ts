/**
 * Every file revhealth writes (`--out`, `--summary`, `--rejects`, `init`'s config, the ratchet file)
 * goes through here:
 *
 * - only a regular file (or nothing) is ever replaced: a directory, a device (`/dev/null`), a FIFO
 *   or a socket at the target is refused (exit 2) before anything is written;
 * - a symbolic link at the target is followed deliberately: the file it points to is replaced,
 *   atomically, and the link is kept (so `latest.json -> reports/2025-12.json` keeps working);
 *   a link to nothing is refused;
 * - the bytes go to a temporary file created exclusively (`wx`, never through an existing name or
 *   link) with a random name in the real target's folder, mode 0600 until it is complete, then
 *   given the target's mode (or the normal mode for a new file) and renamed over the target;
 * - the temporary file is removed when the write fails, and on SIGINT / SIGTERM / SIGHUP (the
 *   handler is installed by the shell, `installTempCleanup`);
 * - a target that is a file in use (an input, the config, a rule pack, an override file, the
 *   baseline) or another output of the same run is refused, comparing real paths and inodes;
 * - the content passes the output sanitiser (src/report/sanitize.ts) on its way to the disk.
 */
import { chmodSync, closeSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../base/errors.js';
import { sanitizeOutput } from '../report/sanitize.js';

/**
 * The file-system calls used here. A seam for tests: replacing `writeFileSync` with one that
 * writes half the bytes and throws simulates a failure mid-write (disk full, killed process).
 */
export const fsOps = { writeFileSync, renameSync, rmSync, chmodSync };

/** What a path holds, as far as writing over it goes. */
export type TargetKind = 'missing' | 'file' | 'directory' | 'character device' | 'block device' | 'FIFO' | 'socket' | 'special file';

type KindStats = Pick<Stats, 'isFile' | 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice' | 'isFIFO' | 'isSocket'>;

/** The kind of a `stat` result (null: nothing there). Pure, so every kind can be tested. */
export function targetKind(st: KindStats | null): TargetKind {
  if (st === null) return 'missing';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

/** Why revhealth will not write over a target of this kind, or null when it may. */
export function refusalFor(kind: TargetKind): string | null {
  if (kind === 'file' || kind === 'missing') return null;
  if (kind === 'directory') return 'a folder of that name is in the way';
  return `it is a ${kind}, not a regular file; revhealth only replaces regular files`;
}

/** Where a write to `path` lands. */
export interface ResolvedTarget {
  /** As the user wrote it. */
  readonly shown: string;
  /** The file that is replaced (the link's target when `path` is a symbolic link). */
  readonly real: string;
  /** True when `path` is a symbolic link that is followed. */
  readonly viaLink: boolean;
  readonly kind: TargetKind;
  /** Permission bits of the existing file, kept by the replacement. */
  readonly mode: number | null;
}

function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** The real path of a folder when it exists (else the path as resolved: the write reports it). */
function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** Resolves `path` (relative to `cwd`) to the file a write would replace; throws when it must not. */
export function resolveTarget(path: string, cwd = process.cwd()): ResolvedTarget {
  const abs = resolve(cwd, path);
  const l = statOrNull(abs, false);
  let real = join(realDir(dirname(abs)), basename(abs));
  let st = l;
  let viaLink = false;
  if (l?.isSymbolicLink()) {
    viaLink = true;
    st = statOrNull(abs, true);
    if (st === null) throw new InputError([{ file: path, message: 'refusing to write: it is a symbolic link to a file that does not exist' }], 'Remove the link or point it at a file, or choose another path.');
    real = realpathSync(abs);
  }
  const kind = targetKind(st);
  const refusal = refusalFor(kind);
  if (refusal !== null) throw new InputError([{ file: path, message: `cannot write the output file: ${refusal}${viaLink ? ` (through the link ${path})` : ''}` }], 'Nothing was written there; choose another path.');
  return { shown: path, real, viaLink, kind, mode: st === null ? null : st.mode & 0o7777 };
}

/** True when `a` and the target are one file: the same real path, or the same device and inode. */
function sameFile(a: string, target: ResolvedTarget, cwd: string): boolean {
  const abs = resolve(cwd, a);
  let real = abs;
  try {
    real = realpathSync(abs);
  } catch {
    real = join(realDir(dirname(abs)), basename(abs));
  }
  if (real === target.real) return true;
  try {
    const sa = statSync(abs);
    const sb = statSync(target.real);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist yet
  }
}

/** Temporary files being written; removed by `cleanupPendingTemps` (on a signal or at exit). */
const pending = new Set<string>();

/** Removes the temporary files of writes in progress; returns their paths. */
export function cleanupPendingTemps(): string[] {
  const removed = [...pending];
  for (const tmp of removed) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing more can be done while exiting
    }
    pending.delete(tmp);
  }
  return removed;
}

/** The temporary files of writes in progress (for tests). */
export function pendingTemps(): string[] {
  return [...pending];
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
let installed = false;

/**
 * 16 random hex digits for a temporary file's name, from the global Web Crypto object: Node loads
 * its crypto modules (about 10 ms) when a file is first written, not at start-up (issue 17).
 */
function randomHex(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
}

/**
 * The shell's signal handler: on SIGINT, SIGTERM or SIGHUP, remove the temporary files of writes in
 * progress, then end as the signal would have (re-raised once our handler is gone).
 */
export function installTempCleanup(proc: NodeJS.Process = process): void {
  if (installed) return;
  installed = true;
  proc.on('exit', () => void cleanupPendingTemps());
  for (const [sig, num] of Object.entries(SIGNALS) as [keyof typeof SIGNALS, number][]) {
    const handler = (): void => {
      cleanupPendingTemps();
      proc.removeListener(sig, handler);
      if (proc.listenerCount(sig) === 0) proc.kill(proc.pid, sig);
      else proc.exit(128 + num);
    };
    proc.on(sig, handler);
  }
}

/** The permission bits a new file gets (what `writeFileSync` would give). */
function defaultMode(): number {
  return 0o666 & ~process.umask();
}

export interface WriteOptions {
  /** Keep `--format github` annotation lines (the sanitiser defuses other workflow commands). */
  readonly annotations?: boolean;
  readonly cwd?: string;
  /** Which flag asked for the file, for messages (`--out`). */
  readonly flag?: string;
}

/** A file written: the path as given, and the real file when it went through a link. */
export interface WrittenFile {
  readonly shown: string;
  readonly real: string;
  readonly viaLink: boolean;
  readonly flag?: string;
}

/** "report.json (--out)", "latest.json → /abs/reports/x.json (--out, through the link)". */
export function describeWritten(w: WrittenFile): string {
  return `${w.shown}${w.viaLink ? ` → ${w.real}` : ''}${w.flag ? ` (${w.flag}${w.viaLink ? ', through the link' : ''})` : w.viaLink ? ' (through the link)' : ''}`;
}

function checkNotInUse(target: ResolvedTarget, inUse: readonly string[], cwd: string): void {
  if (inUse.some((p) => sameFile(p, target, cwd))) {
    throw new UsageError(`refusing to write to ${target.shown}: it is one of the input files (or the config, a rule pack, an override file or the baseline) this run reads`);
  }
}

export function writeFileAtomic(path: string, content: string, protectedPaths: readonly string[] = [], opts: WriteOptions = {}): WrittenFile {
  const cwd = opts.cwd ?? process.cwd();
  const target = resolveTarget(path, cwd);
  checkNotInUse(target, protectedPaths, cwd);
  writeResolved(target, sanitizeOutput(content, { annotations: !!opts.annotations }));
  return { shown: path, real: target.real, viaLink: target.viaLink, ...(opts.flag ? { flag: opts.flag } : {}) };
}

/** What goes into a file: its text, or a function that writes it into the open temporary file. */
export type FileContent = string | ((fd: number) => void);

function writeResolved(target: ResolvedTarget, content: FileContent): void {
  const tmp = join(dirname(target.real), `.${basename(target.real)}.${randomHex()}.tmp`);
  pending.add(tmp);
  let created = false;
  try {
    // 'wx': fails if anything (a file, a planted link) has the name; 0600 until complete
    if (typeof content === 'string') {
      fsOps.writeFileSync(tmp, content, { flag: 'wx', mode: 0o600 });
      created = true;
    } else {
      const fd = openSync(tmp, 'wx', 0o600);
      created = true;
      try {
        content(fd);
      } finally {
        closeSync(fd);
      }
    }
    fsOps.chmodSync(tmp, target.mode ?? defaultMode());
    fsOps.renameSync(tmp, target.real);
    pending.delete(tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    try {
      // never remove what we did not create (EEXIST: the name was taken by someone else)
      if (created || code !== 'EEXIST') fsOps.rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not be removed either; the write error is the one to report
    }
    pending.delete(tmp);
    throw new InputError([{ file: target.shown, message: `cannot write the output file: ${describeFsError(err)}` }], 'Nothing was written there; choose another path.');
  }
}

/**
 * A private temporary file beside `target` (created exclusively, mode 0600), removed with the
 * other pending temporary files on a signal or at exit. For content streamed while the run reads
 * (the --rejects rows); `releaseTemp` removes it.
 */
export function createTemp(target: ResolvedTarget, what: string): { path: string; fd: number } {
  const path = join(dirname(target.real), `.${basename(target.real)}.${what}.${randomHex()}.tmp`);
  const fd = openSync(path, 'wx', 0o600);
  pending.add(path);
  return { path, fd };
}

export function releaseTemp(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing more to do; the exit handler tries again
  }
  pending.delete(path);
}

export interface PlannedOutput {
  /** The flag that named it, e.g. `--out`. */
  readonly flag: string;
  readonly path: string;
  /** The text (sanitised here), or a function that writes already-safe content into the file. */
  readonly content: () => string;
  readonly fill?: (fd: number) => void;
  readonly annotations?: boolean;
}

/**
 * Writes the outputs of one run. All targets are checked first (kind, files in use, two flags
 * naming one file), so a refusal writes nothing; a failure part-way says which outputs WERE written.
 */
export function writeOutputs(outputs: readonly PlannedOutput[], inUse: readonly string[], cwd = process.cwd()): WrittenFile[] {
  const targets = outputs.map((o) => ({ o, t: resolveTarget(o.path, cwd) }));
  for (const { t } of targets) checkNotInUse(t, inUse, cwd);
  targets.forEach(({ o, t }, i) => {
    const earlier = targets.slice(0, i).find((x) => x.t.real === t.real || sameFile(x.o.path, t, cwd));
    if (earlier) throw new UsageError(`${o.flag} ${o.path} and ${earlier.o.flag} ${earlier.o.path} name the same file; give each output its own path`);
  });
  const written: WrittenFile[] = [];
  for (const { o, t } of targets) {
    try {
      writeResolved(t, o.fill ?? sanitizeOutput(o.content(), { annotations: !!o.annotations }));
    } catch (err) {
      if (err instanceof InputError && written.length > 0) {
        throw new InputError(
          err.problems,
          `${o.path} (${o.flag}) was not written; its previous content, if any, is unchanged. Written before the failure: ${written.map(describeWritten).join(', ')}.`,
        );
      }
      throw err;
    }
    written.push({ shown: o.path, real: t.real, viaLink: t.viaLink, flag: o.flag });
  }
  return written;
}

/** The one line naming what a run wrote. */
export function writtenMessage(written: readonly WrittenFile[]): string {
  return written.length === 0 ? '' : `wrote ${written.map(describeWritten).join(', ')}\n`;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
    case 'ENOTEMPTY':
      return 'a folder of that name is in the way';
    case 'EEXIST':
      return 'a file with the temporary name already exists (another run writing here?); nothing was replaced';
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
