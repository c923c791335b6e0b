/**
 * What every renderer shares: the renderer's signature and the view model, computed once per
 * report from the AuditReport (the registry, src/report/registry.ts, lists the renderers).
 *
 * Renderers read the contract (src/audit/contract.ts), base/ and this file.
 */
import type { AuditReport } from '../audit/contract.js';
import type { Style } from './text.js';

/** What a renderer may use besides the report: colours (terminal) and the line width. */
export interface RenderContext {
  readonly style: Style;
  /** Columns available; 0 or less: the renderer's default. */
  readonly width: number;
}

/** A renderer: a pure function of the audit result. Deterministic: the same report, the same bytes. */
export type Render = (report: AuditReport, ctx: RenderContext) => string;
