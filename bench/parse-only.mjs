// The reference: csv-parse alone streaming a file in array mode, no options, readable + read() loop.
// `--relax-column-count` for the Salesforce report export, whose footer lines ("Grand Totals (…)",
// the copyright) hold one cell where the header has twelve: without it csv-parse stops there.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
const parser = parse(process.argv.includes('--relax-column-count') ? { relax_column_count: true } : {});
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
