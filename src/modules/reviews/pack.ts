import ExcelJS from 'exceljs';
import type { AgreedAction, Attendee, ReviewSnapshot } from './review.ts';

/**
 * The review pack (pure: builds a workbook in memory): a cover sheet (account, dates, attendees),
 * KPIs, decisions, risks, agreed actions and the agenda, each with a frozen bold header row and
 * typed cells (numbers as numbers, dates as dates).
 */
export interface PackInput {
  accountName: string;
  status: string;
  scheduledOn: string;
  heldOn: string | null;
  nextReviewOn: string | null;
  attendees: Attendee[];
  discussion: string | null;
  snapshot: ReviewSnapshot | null;
  decisions: string[];
  risks: string[];
  agreedActions: (AgreedAction & { ownerName: string | null })[];
  agenda: { text: string; source: string; at: string }[];
}

const asDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function table(workbook: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number; numFmt?: string }[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

export function buildReviewPack(input: PackInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Patron';
  const cover = workbook.addWorksheet('Review', { views: [{ state: 'frozen', ySplit: 1 }] });
  cover.columns = [{ header: 'Field', key: 'field', width: 22 }, { header: 'Value', key: 'value', width: 60 }];
  cover.getRow(1).font = { bold: true };
  cover.addRow({ field: 'Account', value: input.accountName });
  cover.addRow({ field: 'Status', value: input.status });
  cover.addRow({ field: 'Scheduled on', value: asDate(input.scheduledOn) });
  cover.addRow({ field: 'Held on', value: input.heldOn ? asDate(input.heldOn) : null });
  cover.addRow({ field: 'Next review on', value: input.nextReviewOn ? asDate(input.nextReviewOn) : null });
  cover.addRow({ field: 'Attendees', value: input.attendees.map((a) => a.name).join(', ') });
  cover.addRow({ field: 'Discussion', value: input.discussion ?? '' });
  for (const row of [3, 4, 5]) cover.getCell(`B${row}`).numFmt = 'yyyy-mm-dd';
  cover.getColumn('value').alignment = { wrapText: true, vertical: 'top' };

  const s = input.snapshot;
  const kpis: Record<string, unknown>[] = s
    ? [
        { kpi: 'Revenue (12 months)', value: Number(s.revenue), unit: s.currency },
        { kpi: 'Gross profit (12 months)', value: Number(s.grossProfit), unit: s.currency },
        { kpi: 'Margin', value: s.margin === null ? null : Number(s.margin), unit: '%' },
        { kpi: 'Growth vs previous 12 months', value: s.growth === null ? null : Number(s.growth), unit: '%' },
        { kpi: 'Score', value: s.score, unit: '0–100' },
        { kpi: 'Tier', value: s.tier, unit: '' },
        ...(s.plan ? [{ kpi: `Plan ${s.plan.period}: objectives achieved`, value: s.plan.achieved, unit: `of ${s.plan.objectives}` }, { kpi: `Plan ${s.plan.period}: average progress`, value: s.plan.average, unit: '%' }] : []),
        ...(s.openCases !== undefined ? [{ kpi: 'Open cases', value: s.openCases, unit: '' }] : []),
      ]
    : [];
  const kpiSheet = table(workbook, 'KPIs', [{ header: 'KPI', key: 'kpi', width: 36 }, { header: 'Value', key: 'value', width: 18 }, { header: 'Unit', key: 'unit', width: 10 }], kpis);
  kpiSheet.eachRow((row, index) => {
    if (index === 1) return;
    const unit = row.getCell(3).value;
    row.getCell(2).numFmt = unit === '%' ? '0.0%' : typeof row.getCell(2).value === 'number' && unit !== '0–100' && !String(unit).startsWith('of') ? '#,##0.00' : 'General';
  });
  if (s) kpiSheet.addRow([]);
  if (s) kpiSheet.addRow({ kpi: `As of ${s.asOf}` });

  table(workbook, 'Decisions', [{ header: '#', key: 'n', width: 5 }, { header: 'Decision', key: 'text', width: 80 }], input.decisions.map((text, i) => ({ n: i + 1, text })));
  table(workbook, 'Risks', [{ header: '#', key: 'n', width: 5 }, { header: 'Risk', key: 'text', width: 80 }], input.risks.map((text, i) => ({ n: i + 1, text })));
  table(
    workbook,
    'Actions',
    [{ header: 'Action', key: 'title', width: 60 }, { header: 'Owner', key: 'owner', width: 24 }, { header: 'Due on', key: 'dueOn', width: 14, numFmt: 'yyyy-mm-dd' }, { header: 'In plan', key: 'inPlan', width: 10 }],
    input.agreedActions.map((a) => ({ title: a.title, owner: a.ownerName ?? '', dueOn: a.dueOn ? asDate(a.dueOn) : null, inPlan: a.planActionId !== null })),
  );
  table(
    workbook,
    'Agenda',
    [{ header: 'Item', key: 'text', width: 70 }, { header: 'Source', key: 'source', width: 14 }, { header: 'Added', key: 'at', width: 20, numFmt: 'yyyy-mm-dd hh:mm' }],
    input.agenda.map((a) => ({ text: a.text, source: a.source, at: new Date(a.at) })),
  );
  return workbook;
}
