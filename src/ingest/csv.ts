/**
 * The one csv-parse configuration every reader uses (single stream, parallel ranges, header).
 *
 * - Every line ending ends a record outside quotes: CRLF, LF and a lone CR (old Mac), mixed in
 *   one file (concatenated exports, hand edits). csv-parse's auto-detection picks one ending from
 *   the first line and would read the others as data, gluing rows together.
 * - Rows of any width, without the cost csv-parse puts on them: with relax_column_count it still
 *   builds a CsvError (stack trace, JSON copy of the record) for every record whose width differs
 *   from the first record's, only to discard it. A file of blank or short lines paid that per line
 *   (1 MB of blank lines: 89 s). Our builders fit each row to the header themselves, so the width
 *   check is switched off: the expected width always reads as the current record's.
 */
import { parse, type Options, type Parser } from 'csv-parse';

export const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

export function csvParser(options: Pick<Options, 'delimiter' | 'max_record_size' | 'bom'>): Parser {
  const parser = parse({
    ...options,
    record_delimiter: RECORD_DELIMITERS,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  quietWidths(parser);
  return parser;
}

/** The options for csv-parse's sync API (header records), matching csvParser's reading. */
export function csvSyncOptions(delimiter: string): Options {
  return { delimiter, record_delimiter: RECORD_DELIMITERS, relax_quotes: true, relax_column_count: true };
}

/**
 * Makes csv-parse see every record as the expected width (see above): before it checks a record,
 * the expected width is set to the record's own. Relies on csv-parse 7's internals (`api`,
 * `__onRecord`, `state.expectedRecordLength`); if a later version changes them this does nothing
 * and rows of other widths are only slower again (test/ingest/integrity.test.ts notices). The state
 * object only gets plain assignments: an accessor on it would slow every character's parsing (2-3x).
 */
function quietWidths(parser: Parser): void {
  type Api = { state?: { record?: unknown[]; expectedRecordLength?: number }; __onRecord?: (push: unknown) => unknown };
  const api = (parser as unknown as { api?: Api }).api;
  const original = api?.__onRecord;
  if (!api || typeof original !== 'function' || !api.state || !('expectedRecordLength' in api.state)) return;
  api.__onRecord = function (this: Api, push: unknown): unknown {
    const state = this.state as { record: unknown[]; expectedRecordLength: number };
    state.expectedRecordLength = state.record.length;
    return original.call(this, push);
  };
}
