/**
 * channel_misallocation: a material paid channel wins customers at a multiple of the blended paid
 * CAC.
 */
import { clear, fired, fmtX, impact, notChecked, watch, type Detection, type Metrics, type Pattern, type PatternDef } from './kit.js';
import { channelCacRows } from '../../base/details.js';
import { cents, type PatternInput, type Trigger } from '../signals.js';

const CHANNEL_TRIGGERS: readonly Trigger[] = [
  {
    metric: 'cac_by_channel',
    detail: '<channel>.cac',
    op: 'above',
    at: { value: 2, unit: 'multiple', why: 'rule of thumb, no published benchmark: a channel that costs more than twice the blended paid CAC per won customer' },
    near: { value: 1.5, unit: 'multiple', why: 'watch band from 1.5× the blended paid CAC' },
    label: "a channel's CAC well above the blended paid CAC",
    subject: "channel CAC ÷ blended paid CAC (cac_by_channel value)",
    custom: true,
  },
  {
    metric: 'cac_by_channel',
    detail: '<channel>.spend',
    op: 'atLeast',
    at: { value: 0.05, unit: 'ratio', why: 'materiality (our choice): channels under 5% of paid spend are experiments, not allocation' },
    label: 'the channel carries a material share of paid marketing spend',
    subject: 'channel spend ÷ paid marketing spend',
    custom: true,
  },
];

interface ChannelRow {
  readonly name: string;
  readonly spend: number;
  readonly won: number;
  readonly cac: number | null;
}

function channelRows(input: PatternInput): ChannelRow[] {
  return channelCacRows(input.details('cac_by_channel')).map((r) => ({ name: r.channel, spend: r.spend, won: r.won, cac: r.cac }));
}

const channelMisallocationDef: PatternDef = {
  id: 'channel_misallocation',
  title: 'Channel misallocation: budget in the expensive channel',
  description:
    'A channel with a material share of paid spend wins customers at a multiple of the blended paid CAC: the same budget would buy more customers in the cheaper channels.',
  area: 'acquisition',
  owners: ['Marketing'],
  severity: 'warning',
  requires: ['cac_by_channel', 'cac_payback_months', 'missing_source_share'],
  triggers: CHANNEL_TRIGGERS,
  impactFormula: 'Σ over flagged channels of (channel CAC − blended paid CAC) × won new deals of the channel: what those customers cost beyond the blended rate.',
  impactModel: { kind: 'loss', basis: 'spend' },
  path:
    'Let budget follow cost per customer: verify attribution of the expensive channel, cap it at what its best campaigns justify, move the money to the channels with the lowest CAC in steps, and review channel CAC monthly.',
  process: [
    { by: 30, owner: 'Marketing', step: 'Verify the expensive channel\u2019s attribution (source on every won deal, matched to its spend) and cap its budget at the campaigns that pay back.', kpi: "every material channel's CAC ≤ {t0} the blended paid CAC" },
    { by: 60, owner: 'Marketing', step: 'Move the freed budget to the lowest-CAC channels in monthly steps and watch for saturation.', kpi: 'CAC payback ≤ {cac_payback_months.good}', kpiMetric: 'cac_payback_months' },
    { by: 90, owner: 'RevOps', step: 'Monthly channel report (spend, won deals, CAC, payback) that the budget review uses.', kpi: 'deals without a source ≤ {missing_source_share.good}', kpiMetric: 'missing_source_share' },
  ],
};

function detectChannelMisallocation(input: PatternInput): Detection {
  const blended = input.value('cac_by_channel');
  if (blended === null) return notChecked(input.reason('cac_by_channel'));
  const ratioAt = input.threshold(CHANNEL_TRIGGERS[0]!.at) as number;
  const ratioNear = input.threshold(CHANNEL_TRIGGERS[0]!.near!) as number;
  const minShare = input.threshold(CHANNEL_TRIGGERS[1]!.at) as number;
  const rows = channelRows(input);
  const paid = rows.reduce((s, r) => s + r.spend, 0);
  const material = rows.filter((r) => r.cac !== null && paid > 0 && r.spend / paid >= minShare);
  const flagged = material.filter((r) => (r.cac as number) > ratioAt * blended);
  const close = material.filter((r) => (r.cac as number) > ratioNear * blended && !flagged.includes(r));
  const line = (r: ChannelRow): string => `${r.name} ${input.money(r.cac as number)} per won customer (${fmtX((r.cac as number) / blended)} blended; ${r.won} wins on ${input.money(r.spend)})`;
  if (flagged.length === 0) {
    if (close.length === 0) return clear();
    return watch(`${close.map(line).join('; ')}: close to the ${fmtX(ratioAt)} trigger against a blended paid CAC of ${input.money(blended)}`);
  }
  const others = material.filter((r) => !flagged.includes(r));
  const evidence = [`${flagged.map(line).join('; ')}, against a blended paid CAC of ${input.money(blended)} (trigger: above ${fmtX(ratioAt)}).`];
  if (others.length > 0) evidence.push(`Other channels: ${others.map((r) => `${r.name} ${input.money(r.cac as number)}`).join(', ')}.`);
  const noWins = rows.filter((r) => r.won === 0 && r.spend > 0);
  if (noWins.length > 0) {
    evidence.push(`${noWins.map((r) => r.name).join(', ')} ha${noWins.length === 1 ? 's' : 've'} spend but no won deal sourced to ${noWins.length === 1 ? 'it' : 'them'} (possibly attributed to organic sources).`);
  }
  const metrics: Metrics = { cac_by_channel: blended };
  let annual = 0;
  const terms: string[] = [];
  for (const r of flagged) {
    metrics[`cac_by_channel.${r.name}.cac`] = r.cac;
    metrics[`cac_by_channel.${r.name}.won`] = r.won;
    annual += ((r.cac as number) - blended) * r.won;
    terms.push(`(${r.name} CAC ${input.exact(r.cac as number)} − blended ${input.exact(blended)}) × ${r.won} wins`);
  }
  return fired({ evidence, metrics, impact: impact(annual, `${terms.join(' + ')} = ${input.exact(cents(annual))}`) });
}

export const channelMisallocation: Pattern = { ...channelMisallocationDef, detect: detectChannelMisallocation };
