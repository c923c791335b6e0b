// The reference: csv-parse alone streaming a file in array mode, no options, readable + read() loop.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
const parser = parse();
let records = 0;
parser.on('readable', () => {
  while (parser.read() !== null) records += 1;
});
await new Promise((resolve, reject) => {
  parser.on('end', resolve);
  parser.on('error', reject);
  createReadStream(process.argv[2]).pipe(parser);
});
process.stdout.write(`${records}\n`);
