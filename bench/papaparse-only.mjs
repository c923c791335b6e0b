// The alternative measured side by side (issue 7): papaparse streaming the same file, arrays, no
// type casting. Not a dependency of revhealth: install it outside the repository first, e.g.
//   npm i --prefix /tmp/alt papaparse@5 && node bench/papaparse-only.mjs FILE /tmp/alt/node_modules/papaparse/papaparse.js
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Papa = require(process.argv[3] ?? 'papaparse');
let records = 0;
await new Promise((resolve, reject) => {
  const stream = Papa.parse(Papa.NODE_STREAM_INPUT, {});
  stream.on('data', () => {
    records += 1;
  });
  stream.on('end', resolve);
  stream.on('error', reject);
  createReadStream(process.argv[2]).pipe(stream);
});
process.stdout.write(`${records}\n`);
