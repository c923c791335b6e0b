// The analytical-engine reference (issue 17): DuckDB computing the same core metrics as the audit
// (win rate, average won deal, median sales cycle over the twelve months to the as-of date) in SQL
// straight over the CSV with read_csv. Not a dependency of revhealth: install it outside the
// repository first, e.g.
//   npm i --prefix /tmp/alt @duckdb/node-api
//   node bench/duckdb-core.mjs FILE plain|salesforce AS_OF /tmp/alt/node_modules/@duckdb/node-api
// Prints one JSON line: the three values, for bench/run.mjs to check against the audit's.
// DuckDB uses every core of the machine (2 here); the audit's default on 2 cores is one stream.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [file, kind, asOf, where = '@duckdb/node-api'] = process.argv.slice(2);
if (!file || (kind !== 'plain' && kind !== 'salesforce') || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  process.stderr.write('usage: node bench/duckdb-core.mjs FILE plain|salesforce YYYY-MM-DD [PATH to @duckdb/node-api]\n');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { DuckDBInstance } = require(where.startsWith('.') || where.startsWith('/') ? resolve(where) : where);

const quoted = `'${resolve(file).replace(/'/g, "''")}'`;
// the bench's own file: ISO dates, a third of the amounts "$8,763.00"; the Salesforce report:
// every cell quoted, "$12,345.00" amounts, M/D/YYYY dates and a footer of one-cell lines, which
// read_csv skips with ignore_errors (csv-parse's bare parse needs relax_column_count for the same)
const source =
  kind === 'plain'
    ? `SELECT stage, CAST(replace(replace(CAST(amount AS VARCHAR), '$', ''), ',', '') AS DOUBLE) AS amount, CAST(created AS DATE) AS created, CAST(closed AS DATE) AS closed
       FROM read_csv(${quoted}, header = true, all_varchar = true)`
    : `SELECT "Stage" AS stage, CAST(replace(replace("Amount", '$', ''), ',', '') AS DOUBLE) AS amount,
              CAST(strptime("Created Date", '%m/%d/%Y') AS DATE) AS created, CAST(strptime("Close Date", '%m/%d/%Y') AS DATE) AS closed
       FROM read_csv(${quoted}, header = true, all_varchar = true, ignore_errors = true, null_padding = false)
       WHERE "Close Date" IS NOT NULL`;
const sql = `
  WITH deals AS (${source}),
  decided AS (
    SELECT * FROM deals
    WHERE stage IN ('Closed Won', 'Closed Lost')
      AND closed > DATE '${asOf}' - INTERVAL 12 MONTH AND closed <= DATE '${asOf}'
  )
  SELECT
    count(*) FILTER (WHERE stage = 'Closed Won') / count(*) AS win_rate,
    avg(amount) FILTER (WHERE stage = 'Closed Won') AS avg_deal_size,
    median(closed - created) FILTER (WHERE stage = 'Closed Won') AS sales_cycle_days,
    (SELECT count(*) FROM deals) AS rows
  FROM decided`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const [row] = reader.getRowObjectsJS();
process.stdout.write(`${JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))}\n`);
