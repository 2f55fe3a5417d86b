import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Actor } from '../../core/actor.ts';
import { ORG_WIDE_ROLES } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { getVisibleAccount } from '../accounts/service.ts';
import { listAccountCases } from '../cases/service.ts';
import { getAccountHealth } from '../health/service.ts';
import { getEngagement } from '../interactions/service.ts';
import { getPlan, listPlans } from '../plans/service.ts';
import { listAccountReviews } from '../reviews/service.ts';
import { getAccountScore, getPortfolio } from '../scoring/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import { money, type Language, type ReportDocument, type ReportName } from './document.ts';
import { forecastYear } from './forecast.ts';
import { translator, type MessageId, type Translate } from './messages.ts';
import { addMonths, currentQuarter, currentYear, lastYear, parsePeriod, quarterOf, type Period } from './period.ts';
import { portfolioReport, type PortfolioAccount } from './portfolio.ts';
import { quarterlySections, quarterlySummary } from './quarterly.ts';
import { parseScope, type Scope } from './scope.ts';
import { statusReport, type AccountStatus } from './status.ts';
import * as store from './store.ts';
import { csvLines, findTable } from './csv.ts';
import { parseUnicodeRange, PDF_REPORTS, renderPdf, type FontFace, type FontSet } from './pdf.ts';
import { writeWorkbook } from './xlsx.ts';
import { teamReport } from './team.ts';

export interface ReportQuery {
  period?: string;
  scope?: string;
  lang?: Language;
}

/** A whole book in one account status report: more accounts than this asks for a narrower scope. */
export const MAX_STATUS_ACCOUNTS = 200;

/** Parts each report gains when opportunities, quotas and the forecast module land. */
const UNAVAILABLE: Record<ReportName, MessageId[]> = {
  'quarterly-results': ['unavailable.bookings', 'unavailable.quota', 'unavailable.deals'],
  'annual-forecast': ['unavailable.pipeline', 'unavailable.call'],
  'account-status': ['unavailable.opportunities'],
  portfolio: [],
  'team-performance': ['unavailable.quota', 'unavailable.performanceFlags', 'unavailable.compCost'],
};

interface Frame {
  actor: Actor;
  scope: Scope;
  period: Period;
  currency: string;
  t: Translate;
}

type Body = Pick<ReportDocument, 'summary' | 'sections'>;

const builders: Record<ReportName, (ctx: AppContext, frame: Frame) => Promise<Body>> = {
  'quarterly-results': quarterlyResults,
  'annual-forecast': annualForecast,
  'account-status': accountStatus,
  portfolio,
  'team-performance': teamPerformance,
};

/** The report as a document (the JSON answer; the .xlsx, CSV and PDF are rendered from it). */
export async function buildReport(ctx: AppContext, actor: Actor, name: ReportName, query: ReportQuery): Promise<ReportDocument> {
  const today = toIsoDate(ctx.clock.now());
  const period = resolvePeriod(name, query.period, today);
  const parsed = parseScope(query.scope, actor.userId);
  if (!parsed.ok) throw invalid('scope', parsed.message);
  const me = await findUser(ctx.db, actor.orgId, actor.userId);
  const language: Language = query.lang ?? (me?.locale as Language | null) ?? 'en';
  const t = translator(language);
  const description = await describeScope(ctx, actor, parsed.scope, t);
  const currency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const body = await builders[name](ctx, { actor, scope: parsed.scope, period, currency, t });
  return {
    report: name,
    title: t(`report.${name}`),
    language,
    period: { label: period.label, from: period.from, to: period.to },
    scope: { expression: parsed.scope.expression, description },
    currency,
    generatedAt: ctx.clock.now().toISOString(),
    generatedBy: { id: actor.userId, name: me?.name ?? '' },
    unavailable: UNAVAILABLE[name].map((id) => ({ key: id.slice('unavailable.'.length), label: t(id) })),
    ...body,
  };
}

function resolvePeriod(name: ReportName, text: string | undefined, today: string): Period {
  const yearly = name === 'annual-forecast';
  if (!text) return yearly ? currentYear(today) : currentQuarter(today);
  const period = parsePeriod(text);
  if (!period) throw invalid('period', 'period is a quarter like 2026-Q3 or a year like 2026');
  if (yearly && period.kind !== 'year') throw invalid('period', 'the annual forecast takes a year like 2026');
  return period;
}

/** The scope in words; people and accounts named in it must exist (and the account be visible). */
async function describeScope(ctx: AppContext, actor: Actor, scope: Scope, t: Translate): Promise<string> {
  const parts: string[] = [];
  for (const [id, key] of [[scope.teamOf, 'scope.team'], [scope.person, 'scope.person']] as const) {
    if (!id) continue;
    const name = await store.userName(ctx.db, actor.orgId, id);
    if (name === null) throw invalid('scope', `no user ${id} in this organisation`);
    parts.push(t(key, { name }));
  }
  if (scope.region) parts.push(t('scope.region', { name: scope.region }));
  if (scope.tier) parts.push(t('scope.tier', { name: t(`tier.${scope.tier}`) }));
  if (scope.account) parts.push(t('scope.account', { name: (await getVisibleAccount(ctx.db, actor, scope.account)).name }));
  const text = parts.length === 0 ? t('scope.org') : parts.join(', ');
  return ORG_WIDE_ROLES.includes(actor.role) ? text : `${text} ${t('scope.limited')}`;
}

// --- the reports --------------------------------------------------------------------------------

async function quarterlyResults(ctx: AppContext, { actor, scope, period, currency, t }: Frame): Promise<Body> {
  const previous = lastYear(period);
  const figures = await store.quarterlyFigures(ctx.db, actor, scope, period, previous);
  return { summary: quarterlySummary(figures, currency, t), sections: quarterlySections(figures, period, previous, currency, t) };
}

async function portfolio(ctx: AppContext, { actor, scope, period, currency, t }: Frame): Promise<Body> {
  const scores = await getPortfolio(ctx, actor);
  const byId = new Map(scores.items.map((item) => [item.accountId, item]));
  const accounts: PortfolioAccount[] = (await store.accountPeriodFigures(ctx.db, actor, scope, period)).map((a) => {
    const s = byId.get(a.id);
    return { ...a, tier: s?.tier ?? null, score: s?.score ?? null, attractiveness: s?.attractiveness ?? null, strength: s?.strength ?? null };
  });
  return portfolioReport(accounts, await store.tierMoves(ctx.db, actor, scope, period), currency, t);
}

async function teamPerformance(ctx: AppContext, { actor, scope, period, currency, t }: Frame): Promise<Body> {
  const owners = await store.owners(ctx.db, actor, scope);
  const months = await store.ownerMonthly(ctx.db, actor, scope, period, lastYear(period));
  return teamReport(owners, months, period, currency, t);
}

async function annualForecast(ctx: AppContext, { actor, scope, period, currency, t }: Frame): Promise<Body> {
  const year = Number(period.label);
  const today = toIsoDate(ctx.clock.now());
  const currentMonth = `${today.slice(0, 7)}-01`;
  const from = [addMonths(currentMonth, -12), `${year - 1}-01-01`].sort()[0]!;
  const rows = await store.monthlyTotals(ctx.db, actor, scope, from, period.to > currentMonth ? period.to : currentMonth);
  const actuals = new Map(rows.map((r) => [r.month, BigInt(r.revenue)]));
  const forecast = forecastYear({ year, currentMonth, actuals, lastYear: actuals });
  const m = (v: bigint) => money(v, currency);
  const columns = [
    { key: 'quarter', label: t('col.quarter'), type: 'text' as const },
    { key: 'closed', label: t('col.closed'), type: 'money' as const },
    { key: 'runRate', label: t('col.runRate'), type: 'money' as const },
    { key: 'trend', label: t('col.trend'), type: 'money' as const },
    { key: 'low', label: t('col.low'), type: 'money' as const },
    { key: 'high', label: t('col.high'), type: 'money' as const },
    { key: 'lastYear', label: t('col.lyActual'), type: 'money' as const },
  ];
  const row = (quarter: string, q: Omit<(typeof forecast.quarters)[number], 'quarter'>) => ({ quarter, closed: m(q.closed), runRate: m(q.runRate), trend: m(q.trend), low: m(q.low), high: m(q.high), lastYear: m(q.lastYear) });
  const monthColumns = [
    { key: 'month', label: t('col.month'), type: 'month' as const },
    { key: 'revenue', label: t('col.revenue'), type: 'money' as const },
    { key: 'lyRevenue', label: t('col.lyRevenue'), type: 'money' as const },
  ];
  const monthRows = period.months.map((month) => ({ month, revenue: month <= currentMonth ? m(actuals.get(month) ?? 0n) : null, lyRevenue: m(actuals.get(addMonths(month, -12)) ?? 0n) }));
  return {
    summary: [
      { key: 'closedToDate', label: t('kpi.closedToDate'), type: 'money', value: m(forecast.closedToDate) },
      { key: 'low', label: t('col.low'), type: 'money', value: m(forecast.total.low) },
      { key: 'high', label: t('col.high'), type: 'money', value: m(forecast.total.high) },
      { key: 'lastYear', label: t('col.lyActual'), type: 'money', value: m(forecast.total.lastYear) },
    ],
    sections: [
      { key: 'byQuarter', title: t('section.byQuarter'), tables: [{ key: 'byQuarter', title: null, columns, rows: [...forecast.quarters.map((q) => row(q.quarter, q)), row(t('label.total'), forecast.total)] }] },
      { key: 'byMonth', title: t('section.byMonth'), tables: [{ key: 'byMonth', title: null, columns: monthColumns, rows: monthRows }] },
    ],
  };
}

async function accountStatus(ctx: AppContext, { actor, scope, period, currency, t }: Frame): Promise<Body> {
  const accounts = await store.scopeAccounts(ctx.db, actor, scope, MAX_STATUS_ACCOUNTS);
  if (accounts.length > MAX_STATUS_ACCOUNTS) {
    throw new AppError('unprocessable', `The scope holds more than ${MAX_STATUS_ACCOUNTS} accounts; narrow it (person:, tier:, region: or account:)`);
  }
  const statuses: AccountStatus[] = [];
  for (const account of accounts) statuses.push(await statusOf(ctx, actor, account.id, period));
  return statusReport(statuses, currency, t);
}

const quarterLabel = (month: string): string => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

async function statusOf(ctx: AppContext, actor: Actor, accountId: string, period: Period): Promise<AccountStatus> {
  const account = await getVisibleAccount(ctx.db, actor, accountId);
  const lastQuarter = period.kind === 'quarter' ? period : quarterOf(Number(period.label), 4);
  const firstMonth = addMonths(lastQuarter.from, -21);
  const months = await store.accountMonths(ctx.db, actor.orgId, accountId, firstMonth, lastQuarter.to);
  const quarters = Array.from({ length: 8 }, (_, i) => {
    const start = addMonths(firstMonth, i * 3);
    const inQuarter = months.filter((m) => m.month >= start && m.month < addMonths(start, 3));
    return { quarter: quarterLabel(start), revenue: String(inQuarter.reduce((s, m) => s + BigInt(m.revenue), 0n)), cost: String(inQuarter.reduce((s, m) => s + BigInt(m.cost), 0n)) };
  });
  const score = await getAccountScore(ctx, actor, accountId).catch(() => null);
  const health = await getAccountHealth(ctx, actor, accountId);
  const engagement = await getEngagement(ctx, actor, accountId);
  const [activePlan] = (await listPlans(ctx, actor, accountId, { status: 'active', limit: 1 })).items;
  const plan = activePlan ? await getPlan(ctx, actor, activePlan.id) : null;
  const cases = (await listAccountCases(ctx, actor, accountId, { status: 'active', limit: 200 })).items;
  const held = (await listAccountReviews(ctx, actor, accountId, { limit: 20 })).items.find((r) => r.status === 'held' && r.heldOn);
  const reviewRisks = (held?.risks ?? []).map((text) => ({ text, source: 'review', at: held!.heldOn! }));
  return {
    name: account.name,
    ownerName: account.ownerName ?? null,
    score: score ? { tier: score.tier, score: score.score, criteria: score.criteria.map((c) => ({ key: c.key, weight: Number(c.weight), normalised: c.normalised, contribution: c.contribution })) } : null,
    health: { score: health.score, reasons: health.reasons.map((r) => ({ key: r.key, impact: r.impact, detail: r.detail })) },
    quarters,
    plan: plan ? {
      period: plan.period,
      average: plan.summary.average,
      objectives: plan.objectives.map((o) => ({ title: o.title, baseline: o.baseline, target: o.target, current: o.current, progress: o.progress.ratio, dueOn: o.dueOn })),
    } : null,
    risks: [...(plan?.risks ?? []).map((r) => ({ text: r.text, source: r.source, at: r.at.slice(0, 10) })), ...reviewRisks],
    cases: cases.map((c) => ({ title: c.title, severity: c.severity, status: c.status, openedOn: c.openedAt.slice(0, 10), dueOn: c.dueAt.slice(0, 10) })),
    contact: { lastContactOn: engagement.lastContactOn, dueOn: engagement.dueOn, overdueDays: engagement.overdueDays },
    review: held ? { heldOn: held.heldOn!, decisions: held.decisions } : null,
  };
}

// --- files --------------------------------------------------------------------------------------

export interface ReportFile {
  contentType: string;
  fileName: string;
  body: Readable;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `quarterly-results-2026-Q3-org.xlsx` (ASCII only, for every browser's download bar). */
export function fileName(doc: ReportDocument, extension: string, part?: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return [doc.report, doc.period.label, safe(doc.scope.expression), ...(part ? [safe(part)] : [])].filter(Boolean).join('-') + `.${extension}`;
}

/** The document as a streamed file. */
export function renderReport(doc: ReportDocument, format: 'csv' | 'xlsx' | 'pdf', query: { section?: string; paper?: 'a4' | 'letter' }): ReportFile {
  const t = translator(doc.language);
  if (format === 'csv') {
    const table = findTable(doc, query.section);
    if (!table) throw invalid('section', `no table "${query.section}" in this report; sections: ${doc.sections.map((s) => s.key).join(', ')}`);
    return { contentType: 'text/csv; charset=utf-8', fileName: fileName(doc, 'csv', query.section), body: Readable.from(csvLines(table)) };
  }
  if (format === 'xlsx') {
    const body = new PassThrough();
    writeWorkbook(doc, t, body).catch((error: Error) => body.destroy(error));
    return { contentType: XLSX_TYPE, fileName: fileName(doc, 'xlsx'), body };
  }
  if (!PDF_REPORTS.includes(doc.report)) throw invalid('format', `PDF is made for ${PDF_REPORTS.join(' and ')}`);
  return { contentType: 'application/pdf', fileName: fileName(doc, 'pdf'), body: renderPdf(doc, t, query.paper ?? 'a4', pdfFonts()) };
}

const FONT_FILES = { regular: '400', bold: '700' } as const;
let fontCache: FontSet | null = null;

/**
 * Noto Sans Devanagari (SIL Open Font License) from @fontsource: its CSS names each subset's file
 * and unicode-range. Read once per process.
 */
export function pdfFonts(): FontSet {
  if (fontCache) return fontCache;
  const require = createRequire(import.meta.url);
  const faces = (weight: string): FontFace[] => {
    const cssPath = require.resolve(`@fontsource/noto-sans-devanagari/${weight}.css`);
    const css = readFileSync(cssPath, 'utf8');
    return [...css.matchAll(/url\(\.\/files\/([^)]+\.woff)\) format\('woff'\);\s*unicode-range: ([^;]+);/g)].map((match) => ({
      name: `${match[1]}`,
      data: readFileSync(path.join(path.dirname(cssPath), 'files', match[1]!)),
      ranges: parseUnicodeRange(match[2]!),
    }));
  };
  fontCache = { regular: faces(FONT_FILES.regular), bold: faces(FONT_FILES.bold) };
  return fontCache;
}
