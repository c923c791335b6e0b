// Writes schema/audit.schema.json from the zod schemas in src/report/audit-schema.ts (via dist/).
// Usage: npm run schema
import { writeFileSync } from 'node:fs';
import { auditJsonSchema } from '../dist/report/audit-schema.js';

export function renderSchema() {
  return `${JSON.stringify(auditJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../schema/audit.schema.json', import.meta.url), renderSchema());
  process.stdout.write('wrote schema/audit.schema.json\n');
}
