/**
 * The report formats: one entry per format, the only list of them. `--format`'s choices and help
 * text, and the format a `--out` file's extension implies, all come from here. Each renderer is
 * loaded on demand through `load` (a dynamic import), so `revhealth --version`, `--help` or a JSON
 * audit never load the HTML renderer and its charts.
 *
 * Adding a format: write its renderer (a module exporting `render: Render`) and add its entry
 * here. Nothing else lists formats.
 */
import type { AuditReport } from '../audit/contract.js';
import type { Render, RenderContext } from './view.js';

export type { Render, RenderContext };

export interface RendererModule {
  readonly render: Render;
}

export interface ReportFormat {
  /** The `--format` value. */
  readonly id: string;
  /** What it is for, as `--format`'s help shows it. */
  readonly description: string;
  /** The file extension (no dot) this format is written with; `--out` with it implies the format. */
  readonly extension: string;
  /** The output is GitHub Actions workflow commands, which the output sanitiser must keep. */
  readonly annotations?: boolean;
  readonly load: () => Promise<RendererModule>;
}

export const REPORT_FORMATS = [
  { id: 'terminal', description: 'tables for a terminal', extension: 'txt', load: () => import('./terminal.js') },
  { id: 'json', description: 'the audit result, for CI, --baseline and diff', extension: 'json', load: () => import('./json.js') },
  { id: 'md', description: 'a client deliverable in Markdown', extension: 'md', load: () => import('./markdown.js') },
  { id: 'html', description: 'one self-contained page with charts', extension: 'html', load: () => import('./html.js') },
  { id: 'github', description: 'GitHub Actions annotations', extension: 'github.txt', annotations: true, load: () => import('./github.js') },
  { id: 'csv', description: 'one row per metric (value, unit, status, score, area grade) for a spreadsheet', extension: 'csv', load: () => import('./csv.js') },
  { id: 'summary', description: 'a short Markdown summary for a job summary or a pull request', extension: 'summary.md', load: () => import('./summary.js') },
] as const satisfies readonly ReportFormat[];

export type FormatId = (typeof REPORT_FORMATS)[number]['id'];

/** Every format id, in the registry's order. */
export const FORMAT_IDS: readonly FormatId[] = REPORT_FORMATS.map((f) => f.id);

export function reportFormat(id: string): ReportFormat | undefined {
  return (REPORT_FORMATS as readonly ReportFormat[]).find((f) => f.id === id);
}

/** `--format`'s help: "report format: terminal = tables for a terminal; json = …; …". */
export function formatHelp(): string {
  return `report format: ${REPORT_FORMATS.map((f) => `${f.id} = ${f.description}`).join('; ')}`;
}

/**
 * The format a file name implies by its extension (the longest registered extension that ends it,
 * case-insensitive: "q3.summary.md" is summary, "q3.md" is md), or undefined.
 */
export function formatForFile(path: string): FormatId | undefined {
  const name = path.toLowerCase();
  let best: (typeof REPORT_FORMATS)[number] | undefined;
  for (const f of REPORT_FORMATS) {
    if (name.endsWith(`.${f.extension}`) && (best === undefined || f.extension.length > best.extension.length)) best = f;
  }
  return best?.id;
}

/** Loads the format's renderer and renders the report with it. */
export async function renderReport(report: AuditReport, id: FormatId, ctx: RenderContext): Promise<string> {
  const format = reportFormat(id);
  if (format === undefined) throw new Error(`unknown report format "${id}"`);
  const { render } = await format.load();
  return render(report, ctx);
}
