/**
 * Issue 16, "Data loss": what revhealth may write over, and how.
 *
 * - only a regular file or nothing: a folder, a FIFO, a device or a socket is refused (exit 2);
 *   the device case is tested with the pure `targetKind` / `refusalFor` and a FIFO made here
 *   (never /dev/null itself);
 * - a symlinked target is followed: the file it points to is replaced atomically, the link kept;
 *   a link to nothing is refused;
 * - the temporary file: random name in the real target's folder, created exclusively (a planted
 *   link at any predictable name is never followed), mode 0600 until renamed, then the target's
 *   mode; removed on failure and by the signal handler's cleanup;
 * - no output over the config, a rule pack, the baseline or another output of the same run;
 * - the final message names exactly what was written, also when a later output fails.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/base/errors.js';
import { cleanupPendingTemps, fsOps, installTempCleanup, pendingTemps, refusalFor, resolveTarget, targetKind, writeFileAtomic, writeOutputs } from '../../src/io/write.js';
import { hasStackTrace, runCliAsync } from '../helpers/cli.js';
import { DEALS, cleanUpAfterEach, dir, leftovers, original } from './write-kit.js';

cleanUpAfterEach();

/** A stat-like object of one kind. */
function fakeStats(kind: 'file' | 'dir' | 'chr' | 'blk' | 'fifo' | 'sock' | 'none') {
  return {
    isFile: () => kind === 'file',
    isDirectory: () => kind === 'dir',
    isCharacterDevice: () => kind === 'chr',
    isBlockDevice: () => kind === 'blk',
    isFIFO: () => kind === 'fifo',
    isSocket: () => kind === 'sock',
  };
}

describe('which targets may be replaced (pure)', () => {
  it.each([
    ['file', 'file', null],
    ['none', 'special file', 'it is a special file, not a regular file; revhealth only replaces regular files'],
    ['dir', 'directory', 'a folder of that name is in the way'],
    ['chr', 'character device', 'it is a character device, not a regular file; revhealth only replaces regular files'],
    ['blk', 'block device', 'it is a block device, not a regular file; revhealth only replaces regular files'],
    ['fifo', 'FIFO', 'it is a FIFO, not a regular file; revhealth only replaces regular files'],
    ['sock', 'socket', 'it is a socket, not a regular file; revhealth only replaces regular files'],
  ] as const)('stats of a %s: %s, refusal %s', (kind, expected, refusal) => {
    const k = targetKind(fakeStats(kind));
    expect(k).toBe(expected);
    expect(refusalFor(k)).toBe(refusal);
  });

  it('nothing there may be written', () => {
    expect(targetKind(null)).toBe('missing');
    expect(refusalFor('missing')).toBeNull();
  });
});

describe('writeFileAtomic', () => {
  it('a FIFO at the target is refused before anything is opened (a reader would block or get the report)', () => {
    const d = dir();
    const fifo = join(d, 'out.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => writeFileAtomic(fifo, '{}')).toThrow(/cannot write the output file: it is a FIFO, not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(d)).toEqual([]);
  });

  it('a folder at the target is refused and left as it was', () => {
    const d = dir({ 'out.json/keep.txt': 'keep' });
    expect(() => writeFileAtomic(join(d, 'out.json'), '{}')).toThrow(/a folder of that name is in the way/);
    expect(readFileSync(join(d, 'out.json', 'keep.txt'), 'utf8')).toBe('keep');
    expect(leftovers(d)).toEqual([]);
  });

  it('a symlinked target is followed: the file it points to is replaced, the link stays a link', () => {
    const d = dir({ 'reports/2025-12.json': 'old' });
    symlinkSync('reports/2025-12.json', join(d, 'latest.json'));
    const w = writeFileAtomic(join(d, 'latest.json'), 'new');
    expect(lstatSync(join(d, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'latest.json'))).toBe('reports/2025-12.json');
    expect(readFileSync(join(d, 'reports/2025-12.json'), 'utf8')).toBe('new');
    expect(w.viaLink).toBe(true);
    expect(w.real).toBe(join(d, 'reports/2025-12.json'));
    expect([...leftovers(d), ...leftovers(join(d, 'reports'))]).toEqual([]);
  });

  it('a link to nothing is refused (it would create a file somewhere unexpected)', () => {
    const d = dir();
    symlinkSync(join(d, 'nowhere', 'x.json'), join(d, 'latest.json'));
    expect(() => writeFileAtomic(join(d, 'latest.json'), 'new')).toThrow(/symbolic link to a file that does not exist/);
    expect(existsSync(join(d, 'nowhere'))).toBe(false);
  });

  it('a planted link at the old predictable temporary name is never followed', () => {
    const d = dir({ 'victim.txt': 'precious', 'report.json': 'old' });
    for (const pid of [process.pid, process.pid + 1, 1, 2, 3]) symlinkSync(join(d, 'victim.txt'), join(d, `.report.json.${pid}.tmp`));
    writeFileAtomic(join(d, 'report.json'), 'new');
    expect(readFileSync(join(d, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('new');
  });

  it('the temporary file: random name beside the target, created with wx and 0600, then the normal mode', () => {
    const d = dir({ 'report.json': 'old' });
    chmodSync(join(d, 'report.json'), 0o640);
    const seen: { path: string; flag: unknown; mode: number; pending: string[] }[] = [];
    fsOps.writeFileSync = ((path: string, content: string, opts: { flag: string; mode: number }) => {
      original.writeFileSync(path, content, opts);
      seen.push({ path, flag: opts.flag, mode: statSync(path).mode & 0o777, pending: pendingTemps() });
    }) as typeof fsOps.writeFileSync;
    writeFileAtomic(join(d, 'report.json'), 'a');
    writeFileAtomic(join(d, 'new.json'), 'b');
    expect(seen).toHaveLength(2);
    const [a, b] = seen as [(typeof seen)[0], (typeof seen)[0]];
    expect(a.path).toMatch(/\/\.report\.json\.[0-9a-f]{16}\.tmp$/);
    expect(b.path).toMatch(/\/\.new\.json\.[0-9a-f]{16}\.tmp$/);
    expect(a.flag).toBe('wx');
    expect(a.mode).toBe(0o600);
    expect(a.pending).toEqual([a.path]); // registered for the signal handler while it exists
    expect(statSync(join(d, 'report.json')).mode & 0o777).toBe(0o640); // the replaced file's mode is kept
    expect(statSync(join(d, 'new.json')).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(pendingTemps()).toEqual([]);
  });

  it('a failure half-way leaves the old file and no temporary file', () => {
    const d = dir({ 'report.json': 'old report' });
    fsOps.writeFileSync = ((path: string, content: string, opts: object) => {
      original.writeFileSync(path, content.slice(0, content.length / 2), opts);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }) as typeof fsOps.writeFileSync;
    expect(() => writeFileAtomic(join(d, 'report.json'), 'x'.repeat(10_000))).toThrow(/cannot write the output file: the disk is full/);
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old report');
    expect(leftovers(d)).toEqual([]);
    expect(pendingTemps()).toEqual([]);
  });

  it('the signal handler\'s cleanup removes the temporary file of a write in progress', () => {
    const d = dir({ 'report.json': 'old' });
    let removed: string[] = [];
    fsOps.renameSync = (() => {
      // a signal arrives between write and rename: what the handler runs
      removed = cleanupPendingTemps();
      throw Object.assign(new Error('interrupted'), { code: 'EINTR' });
    }) as typeof fsOps.renameSync;
    expect(() => writeFileAtomic(join(d, 'report.json'), 'new')).toThrow(InputError);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatch(/\.report\.json\.[0-9a-f]{16}\.tmp$/);
    expect(leftovers(d)).toEqual([]);
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old');
  });

  it('SIGINT during a write: the installed handler removes the temporary file, then re-raises the signal', () => {
    const d = dir({ 'report.json': 'old' });
    const killed: string[] = [];
    const proc = Object.assign(new EventEmitter(), {
      pid: 4242,
      kill: (_pid: number, sig: string) => void killed.push(sig),
      exit: (code: number) => void killed.push(`exit ${code}`),
    });
    installTempCleanup(proc as unknown as NodeJS.Process);
    let during: string[] = [];
    fsOps.renameSync = (() => {
      during = pendingTemps();
      proc.emit('SIGINT');
      throw Object.assign(new Error('interrupted'), { code: 'EINTR' });
    }) as typeof fsOps.renameSync;
    expect(() => writeFileAtomic(join(d, 'report.json'), 'new')).toThrow(InputError);
    expect(during).toHaveLength(1);
    expect(existsSync(during[0] as string)).toBe(false);
    expect(killed).toEqual(['SIGINT']);
    expect(proc.listenerCount('SIGINT')).toBe(0);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old');
  });

  it('writes the content through the output sanitiser', () => {
    const d = dir();
    writeFileAtomic(join(d, 'r.md'), 'a\u001b[2Jb\n::error::x\n');
    expect(readFileSync(join(d, 'r.md'), 'utf8')).toBe('a\\u001b[2Jb\n: :error::x\n');
  });
});

describe('writeOutputs: one run, several outputs', () => {
  it('two flags naming one file (also through a link) are refused before anything is written', () => {
    const d = dir({ 'r.md': 'old' });
    symlinkSync(join(d, 'r.md'), join(d, 'link.md'));
    for (const second of ['r.md', './r.md', 'link.md']) {
      expect(() =>
        writeOutputs(
          [
            { flag: '--out', path: 'r.md', content: () => 'report' },
            { flag: '--summary', path: second, content: () => 'summary' },
          ],
          [],
          d,
        ),
      ).toThrow(UsageError);
      expect(readFileSync(join(d, 'r.md'), 'utf8')).toBe('old');
    }
  });

  it('a later failure says which outputs WERE written', () => {
    const d = dir({ 'summary.md/keep': '' });
    let error: unknown;
    try {
      writeOutputs(
        [
          { flag: '--out', path: 'r.json', content: () => '{}' },
          { flag: '--summary', path: 'missing/summary.md', content: () => 's' },
        ],
        [],
        d,
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).hint).toBe('missing/summary.md (--summary) was not written; its previous content, if any, is unchanged. Written before the failure: r.json (--out).');
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('{}');
  });
});

describe('through the binary', () => {
  it.each([
    ['--out onto the config', ['--out', 'revhealth.config.json'], 'revhealth.config.json'],
    ['--out onto the rule pack', ['--out', 'pack.json'], 'pack.json'],
    ['--rejects onto the baseline', ['--baseline', 'base.json', '--rejects', 'base.json'], 'base.json'],
  ])('%s: exit 2, the file intact', async (_name, extra, kept) => {
    const d = dir({ 'deals.csv': DEALS, 'revhealth.config.json': '{"rules":{"packs":["pack.json"]}}', 'pack.json': '{"schemaVersion":1,"rules":[]}' });
    const base = await runCliAsync(['audit', '.', '--as-of', '2025-06-30', '--format', 'json', '--out', 'base.json'], { cwd: d });
    expect(base.code, base.stderr).toBe(0);
    const before = readFileSync(join(d, kept), 'utf8');
    const r = await runCliAsync(['audit', '.', '--as-of', '2025-06-30', '--format', 'json', ...extra], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to write to .*: it is one of the input files \(or the config, a rule pack, an override file or the baseline\)/);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readFileSync(join(d, kept), 'utf8')).toBe(before);
  });

  it('--out, --summary and --rejects on one path: exit 2, nothing written', async () => {
    const d = dir({ 'deals.csv': DEALS });
    const r = await runCliAsync(['audit', '.', '--as-of', '2025-06-30', '--out', 'x.md', '--summary', 'x.md', '--rejects', 'x.md'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --rejects x\.md and --out x\.md name the same file; give each output its own path/m);
    expect(existsSync(join(d, 'x.md'))).toBe(false);
  });

  it('--summary failing after --out: the message says --out WAS written', async () => {
    const d = dir({ 'deals.csv': DEALS });
    const r = await runCliAsync(['audit', '.', '--as-of', '2025-06-30', '--format', 'json', '--out', 'r.json', '--summary', 'nope/s.md'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: nope/s.md: cannot write the output file: its folder does not exist');
    expect(r.stderr).toContain('Written before the failure: r.json (--out).');
    expect(r.stderr).not.toMatch(/Nothing was written/);
    expect(JSON.parse(readFileSync(join(d, 'r.json'), 'utf8'))).toHaveProperty('grades');
  });

  it('a run that writes files names each of them, links with their target', async () => {
    const d = dir({ 'deals.csv': DEALS, 'reports/x.json': 'old' });
    symlinkSync('reports/x.json', join(d, 'latest.json'));
    const r = await runCliAsync(['validate', '.', '--format', 'json', '--out', 'latest.json', '--rejects', 'rejects.csv'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote latest.json → ${join(d, 'reports/x.json')} (--out, through the link), rejects.csv (--rejects)\n`);
    expect(lstatSync(join(d, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(d, 'reports/x.json'), 'utf8'))).toHaveProperty('files');
  });

  it('a FIFO as --out: exit 2 naming it, and the run does not block on it', async () => {
    const d = dir({ 'deals.csv': DEALS });
    expect(spawnSync('mkfifo', [join(d, 'out.json')]).status).toBe(0);
    mkdirSync(join(d, 'sub'));
    const r = await runCliAsync(['validate', '.', '--out', 'out.json'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: out\.json: cannot write the output file: it is a FIFO, not a regular file/m);
    expect(lstatSync(join(d, 'out.json')).isFIFO()).toBe(true);
  });
});

describe('resolveTarget', () => {
  it('a missing target in an existing folder resolves to the real folder', () => {
    const d = dir({ 'real/.keep': '' });
    symlinkSync(join(d, 'real'), join(d, 'alias'));
    const t = resolveTarget('alias/out.json', d);
    expect(t.kind).toBe('missing');
    expect(t.real).toBe(join(d, 'real', 'out.json'));
    expect(t.viaLink).toBe(false);
  });
});
