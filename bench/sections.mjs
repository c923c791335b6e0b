/**
 * bench/RESULTS.md is the main table (npm run bench -- --record) followed by "## " sections written
 * by the other benchmarks (threads.mjs, startup.mjs). Each writer replaces only its own part.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The "## " sections after the main table, as one string ('' when there are none). */
export function sectionsOf(text) {
  const at = text.indexOf('\n## ');
  return at >= 0 ? text.slice(at + 1) : '';
}

/** Writes (or replaces) the section `## title` of `file`, leaving the rest as it was. */
export function writeSection(file, title, body) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const head = `## ${title}\n`;
  const section = `${head}\n${body.trimEnd()}\n`;
  const start = text.startsWith(head) ? 0 : text.indexOf(`\n${head}`) + 1;
  if (start <= 0 && !text.startsWith(head)) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + head.length);
  const rest = next >= 0 ? `\n${text.slice(next + 1)}` : '';
  writeFileSync(file, `${text.slice(0, start).trimEnd()}\n\n${section}${rest}`);
}
