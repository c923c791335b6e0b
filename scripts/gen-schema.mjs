// Writes schema/audit.schema.json from the audit contract, the zod schema in
// src/audit/contract.ts (via dist/), with zod's own JSON Schema output: nothing hand-written.
// Usage: npm run schema
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AUDIT_JSON_SCHEMA_ID, auditReportSchema } from '../dist/audit/contract.js';

/** The published JSON Schema: zod's draft 2020-12 output plus its $id and title. */
export function auditJsonSchema() {
  return {
    ...z.toJSONSchema(auditReportSchema(), { target: 'draft-2020-12' }),
    $id: AUDIT_JSON_SCHEMA_ID,
    title: 'revhealth audit report',
  };
}

export function renderSchema() {
  return `${JSON.stringify(auditJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../schema/audit.schema.json', import.meta.url), renderSchema());
  process.stdout.write('wrote schema/audit.schema.json\n');
}
