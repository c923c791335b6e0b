/**
 * Plans written for this company (issue 18): after the patterns fire, their generic Path and
 * Process are rewritten with what the data says about this company — the engine, segment,
 * channel, rep or reason a step acts on, and the company's own numbers and targets. Owners follow
 * the cause (churn is also sales qualification and segment strategy, not customer success alone).
 * A step is never prescribed without the evidence it rests on (no discount desk without discount
 * evidence). When the data does not name anything more specific, the finding is left as it is.
 *
 * Pure: findings and the pattern input in, findings out (same ids, same order, same impact).
 * Also builds "Data we need": what would sharpen the audit and what each piece would unlock.
 */
import { formatValue } from '../base/format.js';
import { segmentReads, type EngineRead } from './engines-read.js';
import { pct, type PatternInput } from './signals.js';
import type { DataNeed, Finding, ProcessStep } from './types.js';
import { MORE_TAILORS, withOwners, type Tailor } from './tailor-more.js';
import { fmtX as x2 } from './patterns/kit.js';
import { PIPELINE_TAILORS } from './tailor-pipeline.js';


/** The segment that leaks most (largest ARR lost beyond its benchmark), and the one that keeps best. */
function leakAndKeep(input: PatternInput): { leak: EngineRead | null; keep: EngineRead | null } {
  const reads = segmentReads(input);
  const leak = reads.filter((r) => r.retention === 'leaks').sort((a, b) => (b.leakArr ?? 0) - (a.leakArr ?? 0))[0] ?? null;
  const keep = reads.filter((r) => r.retention === 'keeps').sort((a, b) => (b.engine.grr ?? 0) - (a.engine.grr ?? 0))[0] ?? null;
  return { leak, keep };
}

// ---------------------------------------------------------------------------------------------
// leaky_bucket: name the segment, add sales qualification and segment strategy

/**
 * Without material segment engines (one segment, or none in the data): the plan still names the
 * company's own renewal base, what it lost and how many accounts, and the GRR to reach.
 */
function companyLeak(f: Finding, input: PatternInput, reasonStep: ProcessStep): Finding {
  const grr = input.value('grr');
  const base = input.num('grr', 'arrBefore');
  const churned = input.num('grr', 'churnedArr') ?? 0;
  const contracted = input.num('grr', 'contractionArr') ?? 0;
  const good = input.threshold({ rule: 'grr', point: 'good' });
  const n = input.cro.churn?.churnedOrContracted ?? null;
  if (grr === null || base === null || good === null) return { ...f, owners: withOwners(f, ['Sales']), process: [reasonStep, ...f.process.slice(1)] };
  const lost = churned + contracted;
  const toGood = Math.max(0, (good - grr) * base);
  const accounts = n === null ? 'the accounts that churned or contracted' : `the ${n} accounts that churned or contracted`;
  return {
    ...f,
    owners: withOwners(f, ['Sales']),
    path: `Find why customers leave before buying more of them: the company keeps ${pct(grr)} of its ARR against ${pct(good)} (${input.money(churned)} churned and ${input.money(contracted)} contracted of ${input.money(base)} up for renewal); at the benchmark it would keep ${input.money(toGood)} more a year. Rank the reasons, give every renewal an owner, and stop selling to the profile that leaves; churn starts with what sales sells and to whom.`,
    process: [
      reasonStep,
      {
        by: 60,
        owner: 'Customer Success',
        step: `Health score and a 120-day renewal desk for the ${input.money(base)} of ARR that comes due a year: every at-risk account gets an owner and a save plan, so less than today's ${input.money(lost)} is lost.`,
        kpi: f.process[1]?.kpi ?? `GRR ≥ ${pct(good)} (now ${pct(grr)})`,
      },
      {
        by: 90,
        owner: 'Sales',
        step: `Compare ${accounts} (${input.money(lost)} ARR) with those that renewed (size, use case, source, rep, promises made in the sale), qualify that profile out of new pipeline, and hand every new customer to onboarding with what was sold.`,
        kpi: f.process[2]?.kpi ?? `GRR ≥ ${pct(good)} (now ${pct(grr)})`,
      },
    ],
  };
}

const leaky: Tailor = (f, input) => {
  const { leak, keep } = leakAndKeep(input);
  const churn = input.cro.churn;
  const steps: ProcessStep[] = [];
  const reasonStep: ProcessStep =
    churn !== null && churn.given && churn.reasons[0] !== undefined
      ? {
          by: 30,
          owner: 'Customer Success',
          step: `Attack the first reason customers leave, "${churn.reasons[0].reason}" (${pct(churn.reasons[0].share)} of the ${input.money(churn.lostArr)} ARR lost in the last twelve months, ${churn.reasons[0].count} accounts): one owner, one fix, reviewed monthly.`,
          kpi: `"${churn.reasons[0].reason}" share of lost ARR falling quarter over quarter`,
        }
      : {
          by: 30,
          owner: 'Customer Success',
          step:
            churn !== null && churn.churnedOrContracted > 0
              ? `Tag the ${churn.churnedOrContracted} accounts that churned or contracted in the last twelve months (${input.money(churn.lostArr)} ARR) with their reason (fit, onboarding, product gap, champion left, price) and rank the reasons by lost ARR; add the reason to the renewals export.`
              : (f.process[0]?.step ?? ''),
          kpi: 'churn reason on 100% of lost ARR',
        };
  steps.push(reasonStep);
  if (leak === null) return companyLeak(f, input, reasonStep);
  const e = leak.engine;
  const pass = input.threshold({ rule: 'grr', point: 'pass' }, e.benchmarkSegment);
  const good = leak.grrGood;
  const allNew = segmentReads(input).reduce((t, r) => t + r.engine.newDeals, 0);
  steps.push({
    by: 60,
    owner: 'Sales',
    step: `Qualify ${e.label} deals against the customers who stay: compare the ${e.label} accounts that renewed with those that left (size, use case, source, rep) and make that profile an entry rule for the pipeline; ${e.label} takes ${e.newDeals} of ${allNew} new deals today.`,
    kpi: `${e.label} GRR ≥ ${pass === null ? 'its pass point' : pct(pass)} (now ${pct(e.grr ?? 0)})`,
  });
  steps.push({
    by: 60,
    owner: 'Customer Success',
    step: `Health score and a 120-day renewal desk for ${e.label}: ${e.renewals} renewals and ${input.money(e.arrDue ?? 0)} ARR come due a year; every at-risk account gets an owner and a save plan.`,
    kpi: `${e.label} GRR ≥ ${pass === null ? 'its pass point' : pct(pass)}; NRR ≥ ${pct(input.threshold({ rule: 'nrr', point: 'fair' }, e.benchmarkSegment) ?? 1)} (now ${pct(e.nrr ?? 0)})`,
  });
  steps.push({
    by: 90,
    owner: 'Executive',
    step: `Segment strategy: decide how much new ${e.label} business to buy while it keeps ${pct(e.grr ?? 0)} of its ARR${keep !== null ? `; weight quota, hiring and spend toward ${keep.engine.label} (GRR ${pct(keep.engine.grr ?? 0)}, NRR ${pct(keep.engine.nrr ?? 0)})` : ''} until ${e.label} reaches ${good === null ? 'its benchmark' : pct(good, 0)}, and make GRR by segment a company goal reviewed monthly.`,
    kpi: `GRR ≥ ${pct(input.threshold({ rule: 'grr', point: 'good' }) ?? 0.9)} (now ${pct(input.value('grr') ?? 0)}); ${e.label} ≥ ${good === null ? 'benchmark' : pct(good, 0)}`,
  });
  return {
    ...f,
    owners: withOwners(f, ['Sales']),
    path:
      `Fix the ${e.label} engine before buying more of it: it keeps ${pct(e.grr ?? 0)} of its ARR against ${good === null ? 'its benchmark' : pct(good, 0)}, losing about ${input.money(leak.leakArr ?? 0)} a year beyond the benchmark` +
      `${keep !== null ? `, while ${keep.engine.label} keeps ${pct(keep.engine.grr ?? 0)}` : ''}. Find why ${e.label} customers leave, sell only to the profile that stays, and give ${e.label} a renewal motion; churn starts with what sales sells and to whom.`,
    process: steps,
  };
};

// ---------------------------------------------------------------------------------------------
// hero_rep_dependency: name the rep and the engines they carry

const hero: Tailor = (f, input) => {
  const rep = input.text('rep_concentration', 'owner');
  const owners = input.num('rep_concentration', 'owners');
  const share = input.value('rep_concentration');
  if (rep === null || share === null) return f;
  const carried = segmentReads(input)
    .map((r) => r.engine)
    .filter((e) => e.topRep === rep && e.topRepWins !== null)
    .map((e) => `${e.topRepWins} of ${e.won} ${e.label} wins`);
  const pass = input.threshold({ rule: 'rep_concentration', point: 'pass' });
  const good = input.threshold({ rule: 'rep_concentration', point: 'good' });
  const grow = segmentReads(input).filter((r) => r.growth === 'grows').map((r) => r.engine.label)[0];
  return {
    ...f,
    path: `Turn ${rep}'s know-how into a system${carried.length > 0 ? ` (${carried.join(', ')})` : ''}: document how ${rep} wins, spread pipeline on capacity rather than history, and secure ${rep} while the team catches up.`,
    process: [
      {
        by: 30,
        owner: 'Sales',
        step: `Document how ${rep} wins (profile, discovery, deal strategy) and have ${rep} co-sell one ${grow ?? ''}${grow === undefined ? '' : ' '}deal with each of the other ${owners === null ? '' : `${owners - 1} `}reps.`.replace(/ {2,}/g, ' '),
        kpi: `${rep}'s share of bookings ≤ ${pass === null ? 'the pass point' : pct(pass)} (now ${pct(share)})`,
      },
      {
        by: 60,
        owner: 'Sales',
        step: `Rebalance territories and inbound routing on capacity so ${owners === null ? 'the other reps' : `the other ${owners - 1} reps`} (${pct(1 - share)} of bookings today) work the ${grow === undefined ? '' : `${grow} `}accounts ${rep} cannot reach; make ${rep} a coach with a team goal.`,
        kpi: `the other reps' share of bookings ≥ ${pass === null ? 'the pass point' : pct(1 - pass)} (now ${pct(1 - share)})`,
      },
      {
        by: 90,
        owner: 'Executive',
        step: `Retention plan for ${rep} (equity, path to leadership) and ${grow === undefined ? 'hiring' : `a second ${grow} closer hired and ramped`} so no rep carries more than ${good === null ? 'the benchmark share' : pct(good, 0)} of bookings.`,
        kpi: `top rep's share ≤ ${good === null ? 'benchmark' : pct(good)} (now ${pct(share)})`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// quarter_end_hockey_stick: the discount desk only with discount evidence in the amounts

/** The quarter with the largest quarter-end share, from the quarter_end_skew details ("share <quarter>"). */
function worstQuarter(input: PatternInput): { label: string; share: number } | null {
  const d = input.details('quarter_end_skew') ?? {};
  let worst: { label: string; share: number } | null = null;
  for (const [k, v] of Object.entries(d)) {
    if (!k.startsWith('share ') || typeof v !== 'number') continue;
    if (worst === null || v > worst.share) worst = { label: k.slice(6), share: v };
  }
  return worst;
}

const quarterEnd: Tailor = (f00, input) => {
  const wq = worstQuarter(input);
  const skew = input.value('quarter_end_skew');
  const good = input.threshold({ rule: 'quarter_end_skew', point: 'good' });
  const f0: Finding =
    skew === null
      ? f00
      : {
          ...f00,
          path: `Sell to the buyer, not the calendar: ${pct(skew)} of bookings close in the quarter's last 14 days${wq === null ? '' : ` (${wq.label}: ${pct(wq.share)})`}${good === null ? '' : ` against a healthy ${pct(good)}`}; set weekly commit targets, inspect slipped close dates every week, put end-of-quarter discounts behind approval, and reward linear bookings.`,
          process: f00.process.map((s) =>
            s.by === 90 ? { ...s, step: `Align compensation with linearity: accelerators on bookings in the first two months of the quarter, until the last-14-days share falls from ${pct(skew)}${good === null ? '' : ` toward ${pct(good)}`}.` } : s,
          ),
        };
  const first = f0.process[0];
  const f: Finding =
    wq === null || first === undefined
      ? f0
      : {
          ...f0,
          process: [
            { ...first, step: `${first.step} Start with the quarter's last month: in ${wq.label} ${pct(wq.share)} of the bookings closed in the last 14 days.` },
            ...f0.process.slice(1),
          ],
        };
  const qp = input.cro.quarterEndPricing;
  if (qp === null || qp.sizeRatio === null) return f;
  const ratio = x2(qp.sizeRatio);
  if (qp.discountEvidence) {
    return {
      ...f,
      evidence: [...f.evidence, `Quarter-end wins are ${ratio} the size of same-segment wins closed earlier in the quarter (${qp.quarterEndDeals} vs ${qp.otherDeals} new deals): deals are discounted to land in the quarter.`],
      process: f.process.map((s) =>
        /discount approval desk/i.test(s.step)
          ? { ...s, step: `Discount approval desk with a cap on end-of-quarter concessions: the ${qp.quarterEndDeals} quarter-end wins are ${ratio} the size of the ${qp.otherDeals} earlier same-segment wins; report discount by week of the quarter.` }
          : s,
      ),
    };
  }
  const process: ProcessStep[] = f.process.map((s) =>
    /discount/i.test(s.step)
      ? {
          ...s,
          step: `Record discount (list price and net price) on every deal and report it by week of the quarter; today quarter-end wins are ${ratio} the size of same-segment wins closed earlier, so the amounts show no end-of-quarter discounting to police yet.`,
          kpi: 'discount recorded on 100% of won deals',
        }
      : s,
  );
  return {
    ...f,
    evidence: [...f.evidence, `Quarter-end wins are ${ratio} the size of same-segment wins closed earlier in the quarter (${qp.quarterEndDeals} vs ${qp.otherDeals} new deals): no sign of discounting in the amounts; the risk is slippage, not price.`],
    path: f.path.replace(/,? ?put end-of-quarter discounts behind approval,?/i, ',').replace(/\bdiscounts?\b/gi, 'concessions'),
    process,
  };
};

// ---------------------------------------------------------------------------------------------
// stale_pipeline: the deals and the money

const stale: Tailor = (f, input) => {
  const count = f.metrics['stale_pipeline_share.count'];
  const value = f.metrics['stale_pipeline_share.value'];
  if (typeof count !== 'number' || typeof value !== 'number') return f;
  const [first, second, third] = f.process;
  if (first === undefined) return f;
  const share = input.value('stale_pipeline_share');
  const pastDue = input.num('stale_pipeline_share', 'pastDue');
  const limit = input.num('stale_pipeline_share', 'ageLimitDays');
  const money = formatValue(value, 'currency');
  return {
    ...f,
    path: `Make the pipeline true again: ${count} open deals worth ${money}${share === null ? '' : ` (${pct(share)} of open pipeline)`} are stale${pastDue === null ? '' : `, ${pastDue} of them past their close date`}; re-date each with a buyer-confirmed next step or close it lost, then enforce hygiene rules so the forecast rests on live deals only.`,
    process: [
      { ...first, step: `Pipeline scrub of the ${count} stale deals (${money}): each gets a buyer-confirmed close date and next step this month, or is closed lost with its reason.` },
      ...(second === undefined
        ? []
        : [{ ...second, step: `CRM hygiene rules: no open deal without a future close date and a next step${pastDue === null ? '' : ` (${pastDue} are past due today)`}; flag deals ${limit === null ? 'older than twice the median cycle' : `open longer than ${Math.round(limit)} days`} automatically.` }]),
      ...(third === undefined ? [] : [{ ...third, step: `Forecast from live pipeline only: the ${money} of stale deals stay out of the commit until each is re-qualified; review aged deals in every forecast call.` }]),
      ...f.process.slice(3),
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// channel_misallocation: name the channels, with the funnel behind the CAC

const channel: Tailor = (f, input) => {
  const funnel = input.cro.funnel;
  if (funnel === null) return f;
  const paid = funnel.rows.filter((r) => r.paid && r.costPerWon !== null && r.won > 0);
  const worst = [...paid].sort((a, b) => (b.costPerWon as number) - (a.costPerWon as number))[0];
  const best = [...paid].sort((a, b) => (a.costPerWon as number) - (b.costPerWon as number)).filter((r) => r !== worst).slice(0, 2);
  if (worst === undefined || best.length === 0) return f;
  const paidSpend = funnel.rows.filter((r) => r.paid).reduce((t, r) => t + (r.spend ?? 0), 0);
  const worstShare = paidSpend > 0 ? (worst.spend ?? 0) / paidSpend : 0;
  const bestText = best.map((r) => `${r.channel} (${input.money(r.costPerWon as number)} per win, ${pct(r.opportunityToWon ?? 0, 0)} of opportunities won)`).join(' and ');
  const evidence = [...f.evidence];
  if (worst.opportunityToWon !== null && best[0]?.opportunityToWon !== null && best[0] !== undefined) {
    evidence.push(
      `Down the funnel, ${worst.channel} turns ${pct(worst.opportunityToWon)} of its ${worst.opportunities} opportunities into wins against ${pct(best[0].opportunityToWon ?? 0)} for ${best[0].channel}: its leads reach sales (${worst.sqls ?? '?'} SQLs) but do not buy.`,
    );
  }
  return {
    ...f,
    evidence,
    path: `Let budget follow cost per customer: cap ${worst.channel} (${input.money(worst.spend ?? 0)} a year, ${worst.won} wins at ${input.money(worst.costPerWon as number)} each) at the campaigns that win, and move the money in monthly steps to ${bestText}.`,
    process: [
      { by: 30, owner: 'Marketing', step: `Audit ${worst.channel} campaign by campaign down to won deals; keep only those that win at or below the blended paid CAC, and cap the rest.`, kpi: `${worst.channel} cost per win ≤ ${input.money((worst.costPerWon as number) / 2)} (now ${input.money(worst.costPerWon as number)})` },
      { by: 60, owner: 'Marketing', step: `Move the freed budget to ${best.map((r) => r.channel).join(' and ')} in monthly steps and watch cost per SQL for saturation.`, kpi: `as their spend grows, cost per SQL of ${best.map((r) => r.channel).join(' / ')} stays within 20% of today's ${best.map((r) => input.money(r.costPerSql ?? 0)).join(' / ')} (≤ ${best.map((r) => input.money((r.costPerSql ?? 0) * 1.2)).join(' / ')})` },
      {
        by: 90,
        owner: 'RevOps',
        step: `Monthly channel report (spend, SQLs, won deals, cost per win, payback) that the budget review uses, opening with ${worst.channel} at ${input.money(worst.costPerWon as number)} per win against ${best.map((r) => `${r.channel} at ${input.money(r.costPerWon as number)}`).join(' and ')}.`,
        kpi: `${worst.channel} share of paid spend < ${pct(worstShare)} (today)`,
      },
    ],
  };
};

// ---------------------------------------------------------------------------------------------
// price_led_losses: the segment and the reps

const price: Tailor = (f, input) => {
  const l = input.cro.losses;
  if (l === null) return f;
  const priceRows = l.reasons.filter((r) => r.category === 'price');
  const count = priceRows.reduce((t, r) => t + r.count, 0);
  const value = priceRows.reduce((t, r) => t + r.value, 0);
  const seg = [...l.bySegment].filter((c) => c.group !== '(none)' && priceRows.some((r) => r.reason === c.topReason)).sort((a, b) => (b.topShare ?? 0) - (a.topShare ?? 0))[0];
  const reps = l.byOwner.filter((c) => c.group !== '(none)' && priceRows.some((r) => r.reason === c.topReason) && c.lost >= 20).sort((a, b) => (b.topShare ?? 0) - (a.topShare ?? 0)).slice(0, 2);
  const process: ProcessStep[] = [
    {
      by: 30,
      owner: 'Sales',
      step: `Review the ${count} deals lost on price (${input.money(value)}) with the reps who lost them${reps.length > 0 ? `, starting with ${reps.map((c) => `${c.group} (${pct(c.topShare ?? 0, 0)} of their lost value)`).join(' and ')}` : ''}: which package, which competitor price, and whether value was shown before price came up.`,
      kpi: 'a written loss review of the price-lost deals',
    },
    {
      by: 60,
      owner: 'Executive',
      step: `Test packaging and price points for ${seg === undefined ? 'the segment that loses most on price' : `${seg.group} (price is ${pct(seg.topShare ?? 0, 0)} of its ${input.money(seg.lostValue)} lost)`}: an entry package, a value metric, annual terms; on new deals for one quarter.`,
      kpi: `price share of lost value ≤ ${pct(Math.max(0, ((f.metrics['losses.leadShare'] as number | undefined) ?? 0.3) - 0.05), 0)} (now ${pct((f.metrics['losses.leadShare'] as number | undefined) ?? 0)})`,
    },
    ...f.process.slice(2).map((s) =>
      s.by === 90 && seg !== undefined
        ? { ...s, step: `Rebuild the value story and ROI proof for ${seg.group} so price is argued before the proposal, and review ${seg.group} win rate monthly.` }
        : s.by === 90
          ? { ...s, step: `Rebuild the value story and ROI proof so price is argued before the proposal; ${count} deals (${input.money(value)}) were lost on price in twelve months, reviewed monthly.` }
          : s,
    ),
  ];
  return {
    ...f,
    path: `Fix price where it is set, not deal by deal: ${count} deals (${input.money(value)}) were lost on price in the last twelve months${seg === undefined ? '' : `, weighing most in ${seg.group} (${pct(seg.topShare ?? 0, 0)} of its lost value)`}; test packaging and price points${seg === undefined ? '' : ` for ${seg.group}`}, and arm the reps to sell value before price comes up.`,
    process,
  };
};

const TAILORS: Readonly<Record<string, Tailor>> = {
  leaky_bucket: leaky,
  high_churn: leaky,
  hero_rep_dependency: hero,
  quarter_end_hockey_stick: quarterEnd,
  stale_pipeline: stale,
  channel_misallocation: channel,
  price_led_losses: price,
  ...MORE_TAILORS,
  ...PIPELINE_TAILORS,
};

export function tailorFindings(findings: readonly Finding[], input: PatternInput): Finding[] {
  return findings.map((f) => TAILORS[f.id]?.(f, input) ?? f);
}

// ---------------------------------------------------------------------------------------------
// Data we need

export function dataWeNeed(input: PatternInput, findings: readonly Finding[]): DataNeed[] {
  const out: DataNeed[] = [];
  const fired = new Set(findings.map((f) => f.id));
  const churn = input.cro.churn;
  if (churn !== null && !churn.given && churn.churnedOrContracted > 0) {
    out.push({
      data: 'churn and contraction reasons (a "reason" column in the renewals)',
      why: `${churn.churnedOrContracted} accounts churned or contracted in the last twelve months (${input.money(churn.lostArr)} ARR) and none says why`,
      unlocks: 'retention fixed at its cause: the churn plan ranked by reason and lost ARR, and the acquisition profile to stop selling to',
    });
  }
  if (churn !== null) {
    out.push({
      data: 'NPS or a customer health score per account',
      why: 'the audit sees churn only after it happens, at the renewal date',
      unlocks: 'at-risk accounts flagged months before renewal, and a health-based renewal desk',
    });
  }
  const sales = input.num('cac', 'salesSpend');
  const magic = input.value('magic_number');
  if (input.cro.funnel === null && input.value('cac') === null) {
    out.push({
      data: 'sales and marketing spend by month and channel, with leads, MQLs and SQLs (a spend file)',
      why: 'without spend the audit cannot price a customer or follow the funnel',
      unlocks: 'CAC, payback, magic number, cost per channel and the lead-to-win funnel by channel',
    });
  } else if (sales === 0) {
    out.push({
      data: 'fully loaded sales and marketing cost (salaries, commissions, tools, overhead) as spend rows of category "sales"',
      why: 'the spend file has marketing spend only',
      unlocks: 'true CAC, CAC payback and magic number; today they are marketing-only and look better than they are',
    });
  } else if (magic !== null && magic > 1.5) {
    out.push({
      data: 'fully loaded sales and marketing cost (commissions, tools, overhead, management, not only salaries and media)',
      why: `a magic number of ${x2(magic)} is rare for any company and usually means part of the cost is missing from the spend file`,
      unlocks: 'CAC, payback and magic number that can be compared with the benchmarks',
    });
  }
  if (input.value('quota_attainment') === null) {
    out.push({ data: 'annual quota per rep (targets.quotas in the config)', why: 'quota attainment cannot be measured', unlocks: 'quota attainment, rep capacity and whether the plan is reachable' });
  }
  const l = input.cro.losses;
  if (l === null || l.withReason < l.lostDeals / 2) {
    out.push({ data: 'a lost reason on every lost deal', why: l === null ? 'no lost-reason column' : `${l.lostDeals - l.withReason} of ${l.lostDeals} lost deals carry none`, unlocks: 'why deals are lost by segment, owner and trend, and the pricing, competitive or qualification plan' });
  } else if (l.notes.some((n) => n.includes('final stage'))) {
    out.push({ data: 'the stage each lost deal had reached (a stage-history export)', why: 'the export gives only the final stage of lost deals', unlocks: 'where in the funnel deals die, by stage and by reason' });
  }
  if (fired.has('quarter_end_hockey_stick')) {
    out.push({ data: 'list price and discount on each deal', why: 'discounting can only be inferred from deal sizes today', unlocks: 'discount by week of the quarter, and whether a discount desk is needed' });
  }
  const b = input.cro.engines;
  if (b !== null && b.segmentBasis === 'deal-size bands') {
    out.push({ data: 'a segment column on deals and renewals', why: 'segments are inferred from deal size', unlocks: 'engines by the segments the company actually sells to' });
  }
  return out;
}
