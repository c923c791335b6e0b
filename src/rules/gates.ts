/**
 * CI gates over a graded audit (SPEC §2: exit 1 when a gate fails). Scoring and gating are
 * separate layers (Lighthouse moved budgets out of core for this reason [L7]); this module only
 * reads grades and rule results and never changes them.
 *
 * - `minGrade`: fails when the overall grade is below it. With no overall grade (not enough data)
 *   the gate fails too, with a reason that says so: a gate that cannot be checked does not pass.
 * - `failOn`: fails when any rule with status `fail` has that severity or worse
 *   (critical > warning > info). Rules with status `warn` never trip it.
 */
import type { Grades, RuleResult } from './evaluate.js';
import { SEVERITIES, type Severity } from './schema.js';
import { letterRank, type Letter } from './scoring.js';

export interface GateOptions {
  readonly minGrade?: Letter;
  readonly failOn?: Extract<Severity, 'critical' | 'warning'>;
}

export interface GateResult {
  readonly failed: boolean;
  readonly reasons: string[];
}

/** critical 2, warning 1, info 0: higher is worse. */
function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

function fmt(score: number | null): string {
  return score === null ? 'no score' : score.toFixed(1);
}

export function checkGates(grades: Grades, ruleResults: readonly RuleResult[], options: GateOptions): GateResult {
  const reasons: string[] = [];
  const { overall } = grades;

  if (options.minGrade !== undefined) {
    if (overall.grade === null) {
      const missing = overall.missing.length > 0 ? `; missing: ${overall.missing.join('; ')}` : '';
      reasons.push(`--min-grade ${options.minGrade}: no overall grade, not enough data to grade${missing}`);
    } else if (letterRank(overall.grade) < letterRank(options.minGrade)) {
      const provisional = overall.provisional ? `, provisional: coverage ${Math.round(overall.coverage * 100)} %` : '';
      reasons.push(`--min-grade ${options.minGrade}: overall grade ${overall.grade} (${fmt(overall.score)}${provisional}) is below ${options.minGrade}`);
    }
  }

  if (options.failOn !== undefined) {
    const floor = severityRank(options.failOn);
    for (const r of ruleResults) {
      if (r.status !== 'fail' || severityRank(r.severity) < floor) continue;
      reasons.push(`--fail-on ${options.failOn}: rule ${r.id} failed (${r.severity}, score ${fmt(r.score)}): ${r.title}`);
    }
  }

  return { failed: reasons.length > 0, reasons };
}
