/**
 * The only place error prose is assembled: what happened, where (file:line:column), how to fix it.
 */
import { AppError, ConfigError, InputError, StrictError, UsageError } from '../errors.js';
import { safeText } from '../report/text.js';

export function formatError(err: unknown, opts: { debug: boolean; version: string }): string {
  const lines: string[] = [];
  if (err instanceof InputError) {
    for (const p of err.problems) {
      const where = `${p.file}${p.line ? `:${p.line}` : ''}`;
      lines.push(`error: ${where}${p.column ? ` (column "${safeText(p.column)}")` : ''}: ${safeText(p.message)}`);
    }
    if (err.hint) lines.push(err.hint);
  } else if (err instanceof ConfigError) {
    lines.push(`error: ${err.file} is not a valid revhealth config:`);
    for (const p of err.problems) lines.push(`  ${p.path}${p.line ? ` (line ${p.line})` : ''}: ${safeText(p.message)}`);
    lines.push('See README.md "Configuration" for the file format.');
  } else if (err instanceof UsageError) {
    lines.push(`error: ${err.message}`);
    if (err.hint) lines.push(err.hint);
    lines.push('Run `revhealth --help` for usage.');
  } else if (err instanceof StrictError) {
    lines.push(`error: ${err.message}`);
  } else if (err instanceof AppError) {
    lines.push(`error: ${err.message}`);
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    lines.push(`internal error: ${e.message}`);
    lines.push(`This is a bug in revhealth ${opts.version} (Node ${process.versions.node}); please report it with the command you ran.`);
    if (!opts.debug) lines.push('Run again with --debug to see the stack trace.');
  }
  if (opts.debug && err instanceof Error && err.stack) lines.push(err.stack);
  return `${lines.join('\n')}\n`;
}
