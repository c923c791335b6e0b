import { describe, expect, it } from 'vitest';
import { RECORD_DELIMITERS, csvOptions } from '../../src/ingest/csv.js';

// Each row: a caller and the literal options it passed to csv-parse before csvOptions existed
// (behaviour unchanged: the builder must give exactly these).
describe('csvOptions: one builder, each reader its own literal options', () => {
  it.each([
    ['reader of record (stream)', { delimiter: ';', bom: true, maxRecordSize: 100, skipEmptyLines: false }, { delimiter: ';', bom: true, max_record_size: 100, record_delimiter: RECORD_DELIMITERS, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }],
    ['parallel header record (sync)', { delimiter: ',', to: 1 }, { delimiter: ',', record_delimiter: RECORD_DELIMITERS, relax_quotes: true, relax_column_count: true, to: 1 }],
    ['classify sample', { delimiter: '\t', lineEndings: 'detect', skipEmptyLines: true, fromLine: 3, to: 200 }, { delimiter: '\t', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, from_line: 3, to: 200 }],
    ['users file', { lineEndings: 'detect', skipEmptyLines: true }, { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }],
    ['init sample (stream)', { delimiter: ',', bom: true, lineEndings: 'detect', fromLine: 1, to: 51, skipEmptyLines: true }, { delimiter: ',', bom: true, relax_column_count: true, relax_quotes: true, from_line: 1, to: 51, skip_empty_lines: true }],
  ] as [string, Parameters<typeof csvOptions>[0], Record<string, unknown>][])('%s', (_, input, expected) => {
    const got = csvOptions(input);
    expect(got).toStrictEqual(expected);
  });
});
