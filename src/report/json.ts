/**
 * `--format json`: the audit result itself, for CI and for comparing later runs (--baseline, diff).
 * C1 controls, direction marks and U+2028/9 are escaped as \uXXXX: the same JSON, safe in a terminal.
 */
import type { AuditReport } from '../audit/contract.js';
import type { Render } from './view.js';
import { sanitizeOutput } from './sanitize.js';

export function renderJson(r: AuditReport): string {
  return sanitizeOutput(`${JSON.stringify(r, null, 2)}\n`);
}

export const render: Render = (r) => renderJson(r);
