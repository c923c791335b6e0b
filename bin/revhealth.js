#!/usr/bin/env node
// The bundle (npm run bundle, run by npm ci / npm pack through `prepare`: dist/bundle/, one small
// entry, the rest loaded on demand) when it is there, else the TypeScript compiler's output
// (npm run build: dist/cli/main.js).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/revhealth.js', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : existsSync(compiled) ? compiled : null;
if (entry === null) {
  process.stderr.write('error: revhealth is not built yet: run `npm run build` (or `npm run bundle`) in its folder.\n');
  process.exitCode = 2;
} else {
  const { main } = await import(entry.href);
  await main();
}
