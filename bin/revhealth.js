#!/usr/bin/env node
// The bundle (npm run build: dist/bundle/, one small entry, the rest loaded on demand) when it is
// there, else the TypeScript compiler's output (dist/cli/main.js).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/revhealth.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
await main();
