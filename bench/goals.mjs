/**
 * The goals of issue 17 for one input of `npm run bench`, from its measured rows (pure: no I/O,
 * tested in test/ci/bench-goals.test.ts). A row is { size, parse, duck?, audit, agree? } with
 * { seconds, rssMb } per tool; `agree` lists the core metrics where DuckDB and the audit differ.
 */
const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const mark = (ok) => (ok ? 'met' : '**not met**');

/** The goals as Markdown list lines: met / not met with the measured value, or why not measured. */
export function goals(rows) {
  const at = (n) => rows.find((r) => r.size === n);
  const one = at(1_000_000);
  const three = at(3_000_000);
  const hundred = at(100_000);
  const missing = (what) => `not measured (needs ${what} in --sizes)`;
  const out = [];
  if (one) {
    const ratio = one.audit.seconds / one.parse.seconds;
    out.push(`- 1 M deals, audit ÷ bare csv-parse parse: ${fmt(ratio)} (goal ≤ 1.0: ${mark(ratio <= 1)})`);
    if (one.duck) {
      const d = one.audit.seconds / one.duck.seconds;
      // DuckDB's time stands for the same work only when it computed the same values
      out.push(
        one.agree.length === 0
          ? `- 1 M deals, audit ÷ DuckDB: ${fmt(d)} (stretch goal ≤ 3: ${mark(d <= 3)})`
          : `- 1 M deals, audit ÷ DuckDB: ${fmt(d)}, not comparable: their core metrics differ (${one.agree.join('; ')})`,
      );
    } else out.push('- 1 M deals, audit ÷ DuckDB: not measured (DuckDB not installed: `npm i --prefix /tmp/alt @duckdb/node-api`)');
    out.push(`- 1 M deals, audit peak RSS: ${fmt(one.audit.rssMb, 0)} MB (goal ≤ 400 MB: ${mark(one.audit.rssMb <= 400)})`);
  } else out.push(`- 1 M deals (audit ÷ parse ≤ 1.0, ÷ DuckDB ≤ 3, peak RSS ≤ 400 MB): ${missing('1000000')}`);
  if (one && three) {
    const t = three.audit.seconds / one.audit.seconds;
    const m = three.audit.rssMb / one.audit.rssMb;
    out.push(`- 3 M ÷ 1 M: time ${fmt(t)} (goal ≤ 3.3: ${mark(t <= 3.3)}), peak RSS ${fmt(m)} (goal ≤ 3.3: ${mark(m <= 3.3)}); 3 M audit ${fmt(three.audit.seconds)} s, ${fmt(three.audit.rssMb, 0)} MB`);
  } else out.push(`- 3 M ÷ 1 M (time and peak RSS ≤ 3.3): ${missing('1000000 and 3000000')}`);
  if (hundred) out.push(`- 100 k deals, full audit including start-up: ${fmt(hundred.audit.seconds)} s (goal < 1.0 s: ${mark(hundred.audit.seconds < 1)})`);
  else out.push(`- 100 k deals (full audit < 1.0 s): ${missing('100000')}`);
  return out.join('\n');
}
