/**
 * Account health (pure): a score 0–100 with the reasons that moved it.
 *
 * Start from a neutral 65 and add each factor's impact (positive or negative); clamp to 0..100.
 * Missing information is neutral (impact 0), never a penalty by itself.
 *
 * | factor | impact |
 * |---|---|
 * | revenue_trend | last 3 months vs the 3 before: change × 50 points, from −25 to +15; revenue that stopped: −25; new revenue: +5 |
 * | margin_trend | gross margin change in percentage points, from −15 to +5 (needs revenue in both windows) |
 * | contact_recency | within the tier's cadence +5; overdue: −(overdue days ÷ cadence × 10), at least −3, at most −20; never contacted −10 |
 * | severe_cases | −15 per open severity-1 case, −8 per open severity-2 case, at most −40 |
 * | relationship_coverage | share of the 7 buying roles held by a contact with a positive relationship: −10 (none) … +10 (all) |
 * | plan_behind | share of the active plan's objectives behind schedule × −15 |
 *
 * Bands: below the organisation's threshold (default 40) `at_risk`; below threshold + 20 `watch`;
 * otherwise `healthy`.
 */

export const healthBands = ['healthy', 'watch', 'at_risk'] as const;
export type HealthBand = (typeof healthBands)[number];

export const healthFactors = ['revenue_trend', 'margin_trend', 'contact_recency', 'severe_cases', 'relationship_coverage', 'plan_behind'] as const;
export type HealthFactor = (typeof healthFactors)[number];

export interface HealthReason {
  key: HealthFactor;
  /** Points added to (or taken from) the neutral 65. */
  impact: number;
  /** The reason in English, for API clients; the UI renders its own text from key and params. */
  detail: string;
  params: Record<string, string | number>;
}

export interface HealthInputs {
  /** Revenue and gross profit (any one unit) in the last 3 whole months and the 3 before. */
  revenue: { last3: number; prev3: number; grossProfitLast3: number; grossProfitPrev3: number };
  /** Null when contact cadence is not known (no engagement module). */
  contact: { cadenceDays: number; daysSinceContact: number | null; overdueDays: number } | null;
  severeCases: { sev1: number; sev2: number };
  /** Buying roles held by a contact with a positive relationship, of `of` roles. */
  coverage: { covered: number; of: number };
  /** The active plan's objectives; null without an active plan. */
  plan: { objectives: number; behind: number } | null;
}

export interface Health {
  score: number;
  band: HealthBand;
  reasons: HealthReason[];
}

export const NEUTRAL = 65;
export const DEFAULT_AT_RISK_BELOW = 40;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
/** Rounds half away from zero, without −0. */
const round = (value: number): number => {
  const r = Math.sign(value) * Math.round(Math.abs(value));
  return r === 0 ? 0 : r;
};
const pct = (fraction: number): number => Math.round(fraction * 1000) / 10;

function revenueTrend({ last3, prev3 }: HealthInputs['revenue']): HealthReason {
  if (prev3 > 0) {
    const change = (last3 - prev3) / prev3;
    const impact = last3 <= 0 ? -25 : clamp(round(change * 50), -25, 15);
    return { key: 'revenue_trend', impact, detail: `Revenue of the last 3 months is ${pct(change) >= 0 ? '+' : ''}${pct(change)}% against the 3 before`, params: { changePercent: pct(change) } };
  }
  if (last3 > 0) return { key: 'revenue_trend', impact: 5, detail: 'New revenue in the last 3 months', params: { changePercent: 100 } };
  return { key: 'revenue_trend', impact: 0, detail: 'No revenue in the last 6 months', params: {} };
}

function marginTrend(r: HealthInputs['revenue']): HealthReason {
  if (r.last3 > 0 && r.prev3 > 0) {
    const last = r.grossProfitLast3 / r.last3;
    const prev = r.grossProfitPrev3 / r.prev3;
    const points = Math.round((last - prev) * 1000) / 10;
    return {
      key: 'margin_trend',
      impact: clamp(round((last - prev) * 100), -15, 5),
      detail: `Gross margin ${pct(last)}% against ${pct(prev)}% in the 3 months before (${points >= 0 ? '+' : ''}${points} points)`,
      params: { marginPercent: pct(last), previousPercent: pct(prev), points },
    };
  }
  return { key: 'margin_trend', impact: 0, detail: 'Not enough revenue to compare margins', params: {} };
}

function contactRecency(contact: HealthInputs['contact']): HealthReason {
  if (!contact) return { key: 'contact_recency', impact: 0, detail: 'Contact cadence unknown', params: {} };
  if (contact.daysSinceContact === null) return { key: 'contact_recency', impact: -10, detail: 'Never contacted', params: { cadenceDays: contact.cadenceDays } };
  if (contact.overdueDays > 0) {
    const impact = -clamp(round((contact.overdueDays / Math.max(1, contact.cadenceDays)) * 10), 3, 20);
    return {
      key: 'contact_recency',
      impact,
      detail: `Last contact ${contact.daysSinceContact} days ago: ${contact.overdueDays} days over the ${contact.cadenceDays}-day cadence`,
      params: { days: contact.daysSinceContact, overdueDays: contact.overdueDays, cadenceDays: contact.cadenceDays },
    };
  }
  return { key: 'contact_recency', impact: 5, detail: `Last contact ${contact.daysSinceContact} days ago, within the ${contact.cadenceDays}-day cadence`, params: { days: contact.daysSinceContact, overdueDays: 0, cadenceDays: contact.cadenceDays } };
}

function severeCases({ sev1, sev2 }: HealthInputs['severeCases']): HealthReason {
  const impact = -Math.min(40, 15 * sev1 + 8 * sev2);
  const detail = sev1 + sev2 === 0 ? 'No open severity 1–2 cases' : `${sev1} open severity-1 and ${sev2} open severity-2 cases`;
  return { key: 'severe_cases', impact: impact === 0 ? 0 : impact, detail, params: { sev1, sev2 } };
}

function relationshipCoverage({ covered, of }: HealthInputs['coverage']): HealthReason {
  const share = of > 0 ? clamp(covered / of, 0, 1) : 0;
  return { key: 'relationship_coverage', impact: round(share * 20) - 10, detail: `${covered} of ${of} buying roles have a positive relationship`, params: { covered, of } };
}

function planBehind(plan: HealthInputs['plan']): HealthReason {
  if (!plan) return { key: 'plan_behind', impact: 0, detail: 'No active account plan', params: {} };
  if (plan.objectives === 0) return { key: 'plan_behind', impact: 0, detail: 'The active plan has no objectives', params: { behind: 0, objectives: 0 } };
  const behind = clamp(plan.behind, 0, plan.objectives);
  const impact = -round((behind / plan.objectives) * 15);
  return { key: 'plan_behind', impact: impact === 0 ? 0 : impact, detail: `${behind} of ${plan.objectives} plan objectives behind schedule`, params: { behind, objectives: plan.objectives } };
}

export function bandOf(score: number, atRiskBelow = DEFAULT_AT_RISK_BELOW): HealthBand {
  if (score < atRiskBelow) return 'at_risk';
  if (score < Math.min(100, atRiskBelow + 20)) return 'watch';
  return 'healthy';
}

/** The health of one account; reasons worst first (ties in factor order). */
export function accountHealth(inputs: HealthInputs, atRiskBelow = DEFAULT_AT_RISK_BELOW): Health {
  const reasons = [
    revenueTrend(inputs.revenue),
    marginTrend(inputs.revenue),
    contactRecency(inputs.contact),
    severeCases(inputs.severeCases),
    relationshipCoverage(inputs.coverage),
    planBehind(inputs.plan),
  ];
  const score = clamp(NEUTRAL + reasons.reduce((sum, r) => sum + r.impact, 0), 0, 100);
  const order = (key: HealthFactor) => healthFactors.indexOf(key);
  reasons.sort((a, b) => a.impact - b.impact || order(a.key) - order(b.key));
  return { score, band: bandOf(score, atRiskBelow), reasons };
}
