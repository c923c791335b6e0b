/**
 * The only place error prose is assembled: what happened, where (file:line:column), how to fix it.
 */
import { AppError, ConfigError, InputError, StrictError, UsageError } from '../base/errors.js';
import { safeText } from '../report/text.js';

export function formatError(err: unknown, opts: { debug: boolean; version: string }): string {
  const lines: string[] = [];
  if (err instanceof InputError) {
    for (const p of err.problems) {
      const where = `${safeText(p.file)}${p.line ? `:${p.line}` : ''}`;
      lines.push(`error: ${where}${p.column ? ` (column "${safeText(p.column)}")` : ''}: ${safeText(p.message)}`);
    }
    if (err.hint) lines.push(clean(err.hint));
  } else if (err instanceof ConfigError) {
    // key paths come from the config file itself (record keys such as owner names in targets.quotas)
    lines.push(`error: ${safeText(err.file)} is not a valid revhealth config:`);
    for (const p of err.problems) lines.push(`  ${safeText(p.path)}${p.line ? ` (line ${p.line})` : ''}: ${safeText(p.message)}`);
    lines.push('See README.md "Configuration" for the file format.');
  } else if (err instanceof UsageError) {
    lines.push(`error: ${clean(err.message)}`);
    if (err.hint) lines.push(clean(err.hint));
    lines.push('Run `revhealth --help` for usage.');
  } else if (err instanceof StrictError) {
    lines.push(`error: ${clean(err.message)}`);
  } else if (err instanceof AppError) {
    lines.push(`error: ${clean(err.message)}`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    lines.push(`internal error: ${clean(e.message)}`);
    lines.push(`This is a bug in revhealth ${opts.version} (Node ${process.versions.node}); please report it with the command you ran.`);
    if (!opts.debug) lines.push('Run again with --debug to see the stack trace.');
  }
  if (opts.debug && err instanceof Error && err.stack) lines.push(err.stack);
  return `${lines.join('\n')}\n`;
}

/** Escape sequences and control characters removed, line by line (a message may hold several lines). */
function clean(s: string): string {
  return s.split('\n').map(safeText).join('\n');
}
