/**
 * The one csv-parse configuration every reader uses (single stream, parallel ranges, header,
 * and the samplers: classify, init's sample, the users file).
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

export interface CsvReadOptions {
  /** Default: csv-parse's (a comma). */
  readonly delimiter?: string;
  /**
   * 'all' (default, the reader of record): CRLF, LF and a lone CR each end a record, see above.
   * 'detect': csv-parse picks one ending from the first line, as the samplers (classify, init's
   * sample, the users file) have always read.
   */
  readonly lineEndings?: 'all' | 'detect';
  /** Skip blank lines (the samplers) instead of passing them on for counting (the reader of record). */
  readonly skipEmptyLines?: boolean;
  readonly fromLine?: number;
  readonly to?: number;
  readonly bom?: boolean;
  readonly maxRecordSize?: number;
}

/**
 * The csv-parse options of every read, stream or sync: quotes and row widths relaxed always (our
 * builders judge each row), the rest as asked. Only the options asked for are set.
 */
export function csvOptions(o: CsvReadOptions = {}): Options {
  const options: Options = {};
  if (o.delimiter !== undefined) options.delimiter = o.delimiter;
  if (o.maxRecordSize !== undefined) options.max_record_size = o.maxRecordSize;
  if (o.bom !== undefined) options.bom = o.bom;
  if ((o.lineEndings ?? 'all') === 'all') options.record_delimiter = RECORD_DELIMITERS;
  options.relax_column_count = true;
  options.relax_quotes = true;
  if (o.skipEmptyLines !== undefined) options.skip_empty_lines = o.skipEmptyLines;
  if (o.fromLine !== undefined) options.from_line = o.fromLine;
  if (o.to !== undefined) options.to = o.to;
  return options;
}

/** The streaming parser of the reader of record: every line ending, blank lines kept (counted), any row width. */
export function csvParser(options: Pick<CsvReadOptions, 'delimiter' | 'maxRecordSize' | 'bom'>): Parser {
  const parser = parse(csvOptions({ ...options, skipEmptyLines: false }));
  quietWidths(parser);
  return parser;
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
