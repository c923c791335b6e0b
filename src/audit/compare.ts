/**
 * Month-over-month comparison of two audits (`audit --baseline`, `revhealth diff`).
 * Pure: two AuditReport objects in, the changes out. A regression is a grade that dropped or a
 * rule whose status got worse.
 */
import { ITEM_LISTS, type AuditReport, type Comparison, type GradeChange, type MetricChange } from './contract.js';
import { methodologyDifferences } from '../config/methodology.js';
import { compareItems } from './items.js';

/** The contract's types live in audit/contract.ts; import them from there (this re-export stays for code in flight). */


const GRADE_RANK: Readonly<Record<string, number>> = { A: 5, B: 4, C: 3, D: 2, F: 1 };
const STATUS_RANK: Readonly<Record<string, number>> = { pass: 3, warn: 2, fail: 1 };

function gradeChange(id: string, title: string, b: { grade: string | null; score: number | null }, a: { grade: string | null; score: number | null }): GradeChange {
  const delta = a.score !== null && b.score !== null ? Math.round((a.score - b.score) * 10) / 10 : null;
  const regressed = b.grade !== null && a.grade !== null && (GRADE_RANK[a.grade] ?? 0) < (GRADE_RANK[b.grade] ?? 0);
  return { id, title, before: { grade: b.grade, score: b.score }, after: { grade: a.grade, score: a.score }, delta, regressed };
}

/**
 * `after` with its `comparison` against `before` (an earlier audit): what runAudit returns with a
 * baseline, and what `revhealth diff` renders for two saved audits.
 */
export function withComparison(after: AuditReport, before: AuditReport): AuditReport & { readonly comparison: Comparison } {
  return { ...after, comparison: compareAudits(before, after) };
}

export function compareAudits(before: AuditReport, after: AuditReport): Comparison {
  const overall = gradeChange('overall', 'Overall', before.grades.overall, after.grades.overall);
  const areas = after.grades.areas.map((a) => {
    const b = before.grades.areas.find((x) => x.area === a.area);
    return gradeChange(a.area, a.title, b ?? { grade: null, score: null }, a);
  });
  const metrics: MetricChange[] = after.metrics.map((m) => {
    const b = before.metrics.find((x) => x.id === m.id);
    const ruleA = after.rules.find((r) => r.metric === m.id);
    const ruleB = before.rules.find((r) => r.metric === m.id);
    const bv = b?.value ?? null;
    const delta = m.value !== null && bv !== null ? m.value - bv : null;
    let trend: MetricChange['trend'] = null;
    if (ruleA && delta !== null) {
      if (Math.abs(delta) < 1e-9) trend = 'same';
      else if (ruleA.direction === 'band') {
        const sa = ruleA.score ?? 0;
        const sb = ruleB?.score ?? 0;
        trend = sa > sb ? 'better' : sa < sb ? 'worse' : 'same';
      } else trend = (delta > 0) === (ruleA.direction === 'higher') ? 'better' : 'worse';
    }
    return {
      id: m.id,
      unit: m.unit,
      before: bv,
      after: m.value,
      delta,
      trend,
      statusBefore: ruleB?.status ?? null,
      statusAfter: ruleA?.status ?? null,
    };
  });
  const findingIds = (r: AuditReport): string[] => (r.diagnosis?.findings ?? []).map((f) => f.id);
  const fb = new Set(findingIds(before));
  const fa = new Set(findingIds(after));
  const appeared = [...fa].filter((id) => !fb.has(id)).sort();
  const resolved = [...fb].filter((id) => !fa.has(id)).sort();

  const regressions: string[] = [];
  if (overall.regressed) regressions.push(`overall grade dropped from ${overall.before.grade} to ${overall.after.grade}`);
  for (const a of areas) if (a.regressed) regressions.push(`${a.title} grade dropped from ${a.before.grade} to ${a.after.grade}`);
  for (const m of metrics) {
    if (m.statusBefore && m.statusAfter && m.statusBefore !== 'n/a' && m.statusAfter !== 'n/a' && (STATUS_RANK[m.statusAfter] ?? 0) < (STATUS_RANK[m.statusBefore] ?? 0)) {
      regressions.push(`${m.id} went from ${m.statusBefore} to ${m.statusAfter}`);
    }
  }
  const items = before.items && after.items ? compareItems(before.items, after.items, after.asOf) : undefined;
  const itemsMoved = items !== undefined && ITEM_LISTS.some((k) => items[k].appeared.length > 0 || items[k].resolved.length > 0);
  const methodologyChanges = before.methodology && after.methodology ? methodologyDifferences(before.methodology, after.methodology) : [];
  const changed =
    itemsMoved ||
    methodologyChanges.length > 0 ||
    overall.delta !== 0 ||
    areas.some((a) => a.delta !== 0 && a.delta !== null) ||
    metrics.some((m) => m.delta !== null && Math.abs(m.delta) > 1e-9) ||
    metrics.some((m) => (m.before === null) !== (m.after === null)) ||
    appeared.length > 0 ||
    resolved.length > 0;
  return {
    baseline: { asOf: before.asOf, schemaVersion: before.schemaVersion },
    overall,
    areas,
    metrics,
    findings: { appeared, resolved },
    regressions,
    changed,
    ...(items !== undefined ? { items } : {}),
    methodologyChanges,
  };
}
