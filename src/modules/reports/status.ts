import { margin, money, section, table, type Column, type Kpi, type Section } from './document.ts';
import type { MessageId, Translate } from './messages.ts';

/**
 * The account status report: one overview row per account, then per account its score breakdown,
 * health with reasons, revenue and margin by quarter, plan objectives, open cases, contact, the last
 * review's decisions and the risks (from the plan and the last review).
 */
export interface AccountStatus {
  name: string;
  ownerName: string | null;
  score: { tier: string; score: number; criteria: { key: string; weight: number; normalised: number; contribution: number }[] } | null;
  health: { score: number; reasons: { key: string; impact: number; detail: string }[] } | null;
  quarters: { quarter: string; revenue: string; cost: string }[];
  plan: { period: string; average: number | null; objectives: { title: string; baseline: string; target: string; current: string | null; progress: number | null; dueOn: string | null }[] } | null;
  risks: { text: string; source: string; at: string }[];
  cases: { title: string; severity: number; status: string; openedOn: string; dueOn: string }[];
  contact: { lastContactOn: string | null; dueOn: string; overdueDays: number };
  review: { heldOn: string; decisions: string[] } | null;
}

const col = (key: string, label: string, type: Column['type']): Column => ({ key, label, type });

function last12(a: AccountStatus): { revenue: bigint; cost: bigint } {
  return a.quarters.slice(-4).reduce((s, q) => ({ revenue: s.revenue + BigInt(q.revenue), cost: s.cost + BigInt(q.cost) }), { revenue: 0n, cost: 0n });
}

function overview(accounts: readonly AccountStatus[], currency: string, t: Translate): Section {
  const columns = [
    col('account', t('col.account'), 'text'), col('owner', t('col.owner'), 'text'), col('tier', t('col.tier'), 'text'), col('score', t('col.score'), 'number'),
    col('health', t('col.health'), 'integer'), col('revenue12', t('col.revenue12'), 'money'), col('margin12', t('col.margin12'), 'rate'),
    col('planProgress', t('col.planProgress'), 'rate'), col('openCases', t('col.openCases'), 'integer'), col('lastContact', t('col.lastContact'), 'date'),
    col('nextContact', t('col.nextContact'), 'date'),
  ];
  const rows = accounts.map((a) => {
    const year = last12(a);
    return {
      account: a.name, owner: a.ownerName, tier: a.score ? t(`tier.${a.score.tier}` as MessageId) : null, score: a.score?.score ?? null,
      health: a.health?.score ?? null, revenue12: money(year.revenue, currency), margin12: margin(year.revenue, year.cost),
      planProgress: a.plan?.average === null || a.plan?.average === undefined ? null : a.plan.average.toFixed(4),
      openCases: a.cases.length, lastContact: a.contact.lastContactOn, nextContact: a.contact.dueOn,
    };
  });
  return section('accounts', t('section.accounts'), table('accounts', null, columns, rows));
}

function accountSection(a: AccountStatus, index: number, currency: string, t: Translate): Section {
  const score = table('score', t('table.score'),
    [col('criterion', t('col.criterion'), 'text'), col('weight', t('col.weight'), 'number'), col('normalised', t('col.normalised'), 'number'), col('contribution', t('col.contribution'), 'number')],
    (a.score?.criteria ?? []).map((c) => ({ criterion: t(`criterion.${c.key}` as MessageId), weight: c.weight, normalised: c.normalised, contribution: c.contribution })));
  const health = table('health', t('table.health'),
    [col('reason', t('col.reason'), 'text'), col('impact', t('col.impact'), 'integer'), col('detail', t('col.detail'), 'text')],
    (a.health?.reasons ?? []).map((r) => ({ reason: t(`health.${r.key}` as MessageId), impact: r.impact, detail: r.detail })));
  const trend = table('trend', t('table.trend'),
    [col('quarter', t('col.quarter'), 'text'), col('revenue', t('col.revenue'), 'money'), col('grossProfit', t('col.grossProfit'), 'money'), col('margin', t('col.margin'), 'rate')],
    a.quarters.map((q) => ({ quarter: q.quarter, revenue: money(q.revenue, currency), grossProfit: money(BigInt(q.revenue) - BigInt(q.cost), currency), margin: margin(q.revenue, q.cost) })));
  const objectives = table('objectives', a.plan ? `${t('table.objectives')} ${a.plan.period}` : `${t('table.objectives')}: ${t('label.noPlan')}`,
    [col('objective', t('col.objective'), 'text'), col('baseline', t('col.baseline'), 'number'), col('target', t('col.target'), 'number'), col('current', t('col.current'), 'number'), col('progress', t('col.progress'), 'rate'), col('dueOn', t('col.dueOn'), 'date')],
    (a.plan?.objectives ?? []).map((o) => ({ objective: o.title, baseline: Number(o.baseline), target: Number(o.target), current: o.current === null ? null : Number(o.current), progress: o.progress === null ? null : o.progress.toFixed(4), dueOn: o.dueOn })));
  const cases = table('cases', t('table.cases'),
    [col('case', t('col.case'), 'text'), col('severity', t('col.severity'), 'integer'), col('status', t('col.status'), 'text'), col('openedOn', t('col.openedOn'), 'date'), col('dueOn', t('col.dueOn'), 'date')],
    a.cases.map((c) => ({ case: c.title, severity: c.severity, status: c.status, openedOn: c.openedOn, dueOn: c.dueOn })));
  const contact = table('contact', t('table.contact'),
    [col('lastContact', t('col.lastContact'), 'date'), col('nextContact', t('col.nextContact'), 'date'), col('overdueDays', t('label.overdue', { days: '…' }), 'integer')],
    [{ lastContact: a.contact.lastContactOn, nextContact: a.contact.dueOn, overdueDays: a.contact.overdueDays }]);
  const decisions = table('decisions', a.review ? `${t('table.decisions')} (${a.review.heldOn})` : `${t('table.decisions')}: ${t('label.noReview')}`,
    [col('decision', t('col.decision'), 'text')], (a.review?.decisions ?? []).map((d) => ({ decision: d })));
  const risks = table('risks', t('table.risks'),
    [col('risk', t('col.risk'), 'text'), col('source', t('col.source'), 'text'), col('date', t('col.date'), 'date')],
    a.risks.map((r) => ({ risk: r.text, source: r.source, date: r.at })));
  return section(`account-${index + 1}`, a.name, score, health, trend, objectives, cases, contact, decisions, risks);
}

export function statusReport(accounts: readonly AccountStatus[], currency: string, t: Translate): { summary: Kpi[]; sections: Section[] } {
  return {
    summary: [{ key: 'accounts', label: t('section.accounts'), type: 'integer', value: accounts.length }],
    sections: [overview(accounts, currency, t), ...accounts.map((a, i) => accountSection(a, i, currency, t))],
  };
}
