// The fast parse path alone (src/ingest/fast-csv.ts, built to dist/) next to csv-parse alone with
// our options (csvParser: every line ending, relaxed quotes and widths), streaming one file in 1 MB
// chunks and counting records. Usage: npm run build && node bench/fast-parse-only.mjs FILE [fast|csv-parse]
// Print: which, records, wall and CPU seconds, whether csv-parse took over.
import { createReadStream } from 'node:fs';
import { FastCsvParser } from '../dist/ingest/fast-csv.js';
import { csvParser } from '../dist/ingest/csv.js';
import { sniffDelimiter } from '../dist/ingest/read-table.js';

const [file, which = 'fast'] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let records = 0;
let delimiter = null;
let parser = null;
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  if (parser === null) {
    delimiter = sniffDelimiter(new TextDecoder().decode(chunk.subarray(0, 65536)));
    parser = which === 'fast' ? new FastCsvParser({ delimiter, maxRecordSize: 1_000_000 }) : csvParser({ delimiter, bom: true, maxRecordSize: 1_000_000 });
    parser.on('data', () => {
      records += 1;
    });
  }
  if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
}
await new Promise((resolve, reject) => {
  parser.on('end', resolve);
  parser.on('error', reject);
  parser.end();
});
const s = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
process.stdout.write(`${which}\t${records}\t${s.toFixed(3)} s wall\t${((cpu.user + cpu.system) / 1e6).toFixed(3)} s cpu\t${parser.handedOver ? 'handed over to csv-parse' : ''}\n`);
