/**
 * Reads a saved audit JSON (for --baseline and `revhealth diff`), validated against the contract
 * (audit/contract.ts, the source of the published schema) so a wrong file gets a clear message
 * instead of a crash.
 */
import { auditReportSchema, type AuditReport } from '../audit/contract.js';
import { InputError } from '../base/errors.js';
import { readJsonInput } from './read-json.js';
import { cleanLine } from '../report/sanitize.js';
import { dayFromIso } from '../base/time.js';

export function readAuditFile(path: string, shown: string): AuditReport {
  let text: string;
  try {
    text = readJsonInput(path, shown, 'the audit file');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([{ file: shown, message: `audit file not found: ${shown}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError([{ file: shown, message: `not valid JSON: ${(err as Error).message}` }], 'Save audits with `revhealth audit --format json --out FILE`.');
  }
  const parsed = auditReportSchema().safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new InputError(
      [{ file: shown, message: `not a revhealth audit JSON of this schema version (${first.join('; ')})` }],
      'Save audits with `revhealth audit --format json --out FILE`; both files must come from compatible versions.',
    );
  }
  // the as-of date is printed in headings and gate messages: a date, not free text
  if (dayFromIso(parsed.data.asOf) === null) {
    throw new InputError(
      [{ file: shown, message: `asOf is not a date like 2025-12-31: "${cleanLine(parsed.data.asOf).slice(0, 40)}"` }],
      'Save audits with `revhealth audit --format json --out FILE`; a hand-edited baseline must keep asOf as YYYY-MM-DD.',
    );
  }
  return parsed.data;
}
