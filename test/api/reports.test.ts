import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser } from '../../src/modules/users/service.ts';
import { createTestApi, type Caller, type TestApi } from '../support/api.ts';
import { OTHER_ORG_KAM } from '../support/fixtures.ts';
import { unique } from '../support/records.ts';

/**
 * Reports over a small constructed organisation (USD). Every expectation below is worked out by
 * hand from these lines (amount / cost):
 *
 *   Acc1  owner A, West   2025-07-10 1000/600 X · 2026-07-05 2000/1200 X · 2026-08-20 500/200 Y · 2026-09-01 −200/−100 X (refund)
 *   Acc2  owner A, East   2025-08-01 3000/2000 Y · 2026-09-10 1000/700 Y
 *   Acc3  owner B, West   2026-08-15 4000/3000 X
 *   Acc4  owner B, East   2025-09-30 800/500 X   · 2026-10-01 100/50 X
 *   Acc5  owner C, West   2025-07-01 1500/1000 Y · 2026-07-31 1500/900 Y
 *
 * A and B report to manager M; C reports to nobody. Products X and Y carry those families.
 */
let api: TestApi;
let admin: Caller;
let kamA: Caller;
let manager: Caller;
const ids: Record<string, string> = {};
const people: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  const suffix = unique('rep');
  const org = await createOrganisation(api.ctx, { orgName: 'Report Test Ltd', name: 'Rita Admin', email: `admin-${suffix}@reports.example`, password: 'patron-demo', currency: 'USD' });
  const system = { orgId: org.orgId, userId: org.user.id, role: 'admin' as const, via: 'system' as const };
  const m = await createUser(api.ctx, system, { email: `m-${suffix}@reports.example`, name: 'Mona Manager', role: 'manager', password: 'patron-demo' });
  for (const [key, name, managerId] of [['A', 'Anna Andersson', m.id], ['B', 'Bo Berg', m.id], ['C', 'Cai Chen', null]] as const) {
    people[key] = (await createUser(api.ctx, system, { email: `${key.toLowerCase()}-${suffix}@reports.example`, name, role: 'kam', password: 'patron-demo', managerId })).id;
  }
  people.M = m.id;
  admin = await api.as(`admin-${suffix}@reports.example`);
  kamA = await api.as(`a-${suffix}@reports.example`);
  manager = await api.as(`m-${suffix}@reports.example`);
  const product = async (family: string) => (await admin.post('/api/v1/products', { sku: `${family}-${suffix}`, name: `Product ${family}`, family })).body.id as string;
  const products = { X: await product('X'), Y: await product('Y') };
  const accounts = [['Acc1', 'A', 'West'], ['Acc2', 'A', 'East'], ['Acc3', 'B', 'West'], ['Acc4', 'B', 'East'], ['Acc5', 'C', 'West']] as const;
  for (const [name, owner, region] of accounts) {
    const created = await admin.post('/api/v1/accounts', { name, region, stage: 'active', ownerId: people[owner] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids[name] = created.body.id;
  }
  const lines = [
    ['Acc1', '2025-07-10', '1000.00', '600.00', 'X'], ['Acc1', '2026-07-05', '2000.00', '1200.00', 'X'], ['Acc1', '2026-08-20', '500.00', '200.00', 'Y'], ['Acc1', '2026-09-01', '-200.00', '-100.00', 'X'],
    ['Acc2', '2025-08-01', '3000.00', '2000.00', 'Y'], ['Acc2', '2026-09-10', '1000.00', '700.00', 'Y'],
    ['Acc3', '2026-08-15', '4000.00', '3000.00', 'X'],
    ['Acc4', '2025-09-30', '800.00', '500.00', 'X'], ['Acc4', '2026-10-01', '100.00', '50.00', 'X'],
    ['Acc5', '2025-07-01', '1500.00', '1000.00', 'Y'], ['Acc5', '2026-07-31', '1500.00', '900.00', 'Y'],
  ] as const;
  for (const [account, bookedOn, amount, cost, family] of lines) {
    const answer = await admin.post('/api/v1/transactions', { accountId: ids[account], bookedOn, amount, cost, productId: products[family] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  }
}, 120_000);
afterAll(() => api?.close());

/** LibreOffice present? The conversion test needs it (CI installs libreoffice-calc). */
const libreOffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

const rowsOf = (doc: any, section: string, table = section) => doc.sections.find((s: any) => s.key === section).tables.find((t: any) => t.key === table).rows;
const kpi = (doc: any, key: string) => doc.summary.find((k: any) => k.key === key).value;

describe('quarterly results', () => {
  it('adds up the quarter against the same quarter last year, by month, account, family, owner and movement', async () => {
    const answer = await admin.get('/api/v1/reports/quarterly-results?period=2026-Q3&lang=en');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const doc = answer.body;
    expect(doc).toMatchObject({ report: 'quarterly-results', currency: 'USD', period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' }, scope: { expression: 'org', description: 'Whole organisation' } });
    expect(doc.unavailable.map((u: any) => u.key)).toEqual(['bookings', 'quota', 'deals']);
    // 8800 revenue, 5900 cost; last year 6300 / 4100.
    expect(Object.fromEntries(doc.summary.map((k: any) => [k.key, k.value]))).toEqual({
      revenue: '8800.00', grossProfit: '2900.00', margin: '0.3295', lyRevenue: '6300.00', lyGrossProfit: '2200.00', revenueChange: '0.3968', accounts: 4,
    });
    expect(rowsOf(doc, 'byMonth').map((r: any) => [r.month, r.revenue, r.grossProfit, r.lyRevenue, r.lyGrossProfit])).toEqual([
      ['2026-07-01', '3500.00', '1400.00', '2500.00', '900.00'],
      ['2026-08-01', '4500.00', '1300.00', '3000.00', '1000.00'],
      ['2026-09-01', '800.00', '200.00', '800.00', '300.00'],
    ]);
    expect(rowsOf(doc, 'byAccount').map((r: any) => [r.rank, r.account, r.owner, r.revenue, r.lyRevenue])).toEqual([
      [1, 'Acc3', 'Bo Berg', '4000.00', '0.00'],
      [2, 'Acc1', 'Anna Andersson', '2300.00', '1000.00'],
      [3, 'Acc5', 'Cai Chen', '1500.00', '1500.00'],
      [4, 'Acc2', 'Anna Andersson', '1000.00', '3000.00'],
      [null, 'All other accounts (0)', null, '0.00', '800.00'],
      [null, 'Total', null, '8800.00', '6300.00'],
    ]);
    expect(rowsOf(doc, 'byFamily').map((r: any) => [r.family, r.revenue, r.grossProfit, r.lyRevenue, r.share])).toEqual([
      ['X', '5800.00', '1700.00', '1800.00', '0.6591'],
      ['Y', '3000.00', '1200.00', '4500.00', '0.3409'],
    ]);
    expect(rowsOf(doc, 'byOwner').map((r: any) => [r.owner, r.accounts, r.revenue, r.grossProfit, r.lyRevenue, r.change])).toEqual([
      ['Bo Berg', 1, '4000.00', '1000.00', '800.00', '4.0000'],
      ['Anna Andersson', 2, '3300.00', '1300.00', '4000.00', '-0.1750'],
      ['Cai Chen', 1, '1500.00', '600.00', '1500.00', '0.0000'],
    ]);
    expect(rowsOf(doc, 'movement').map((r: any) => [r.class, r.accounts, r.revenue, r.lyRevenue])).toEqual([
      ['New', 1, '4000.00', '0.00'], ['Grown', 1, '2300.00', '1000.00'], ['Shrunk', 1, '1000.00', '3000.00'], ['Lost', 1, '0.00', '800.00'], ['Unchanged', 1, '1500.00', '1500.00'],
    ]);
  });

  it('narrows by person, team, region and tier, and a KAM sees only their own accounts', async () => {
    const revenue = async (caller: Caller, scope: string) => {
      const answer = await caller.get(`/api/v1/reports/quarterly-results?period=2026-Q3&scope=${encodeURIComponent(scope)}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return kpi(answer.body, 'revenue');
    };
    expect(await revenue(admin, `person:${people.A}`)).toBe('3300.00');
    expect(await revenue(admin, `team:${people.M}`)).toBe('7300.00');
    expect(await revenue(admin, 'region:West')).toBe('7800.00');
    expect(await revenue(admin, `region:West,person:${people.B}`)).toBe('4000.00');
    expect(await revenue(manager, 'team:me')).toBe('7300.00');
    expect(await revenue(manager, 'org')).toBe('7300.00');
    expect(await revenue(kamA, 'org')).toBe('3300.00');
    expect(await revenue(kamA, `person:${people.C}`)).toBe('0.00');
    const limited = await kamA.get('/api/v1/reports/quarterly-results?period=2026-Q3&lang=sv');
    expect(limited.body.scope.description).toBe('Hela organisationen (kunder du kan se)');
    expect(limited.body.title).toBe('Kvartalsresultat försäljning');
    const tier = await admin.get('/api/v1/reports/quarterly-results?period=2026-Q3&scope=tier:key');
    expect(tier.status).toBe(200);
  });

  it('refuses bad periods and scopes with a clear 400, and unknown report names', async () => {
    for (const query of ['period=2026-Q5', 'period=26-Q1', 'scope=planet:mars', 'scope=person:nobody', 'scope=tier:gold', 'scope=region:', 'format=docx', 'lang=fr', 'section=%3Dcmd']) {
      const answer = await admin.get(`/api/v1/reports/quarterly-results?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    expect((await admin.get('/api/v1/reports/quarterly-results?scope=person:01936b2e-7c1a-7000-8000-000000000999')).status).toBe(400);
    expect((await admin.get('/api/v1/reports/annual-forecast?period=2026-Q3')).status).toBe(400);
    expect((await admin.get('/api/v1/reports/nonsense')).status).toBe(400);
    expect((await admin.get(`/api/v1/reports/account-status?scope=account:${ids.Acc1}&format=pdf&paper=legal`)).status).toBe(400);
    expect((await admin.get('/api/v1/reports/portfolio?format=pdf')).status).toBe(400);
    expect((await admin.get('/api/v1/reports/quarterly-results?format=csv&section=nothing')).status).toBe(400);
  });

  it('keeps another organisation out: their account is not found', async () => {
    const rival = await api.as(OTHER_ORG_KAM);
    expect((await rival.get(`/api/v1/reports/account-status?scope=account:${ids.Acc1}`)).status).toBe(404);
    expect(kpi((await rival.get('/api/v1/reports/quarterly-results?period=2026-Q3')).body, 'revenue')).toBe('0.00');
  });
});

describe('exports', () => {
  it('CSV: RFC 4180, UTF-8 with a header, the same figures as the JSON', async () => {
    const answer = await admin.request('GET', '/api/v1/reports/quarterly-results?period=2026-Q3&format=csv&section=byOwner&lang=de');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="quarterly-results-2026-Q3-org-byOwner.csv"');
    expect(answer.body).toBe(
      '\uFEFFVerantwortlich,Kunden,Umsatz,Rohertrag,Marge,Umsatz Vorjahr,Rohertrag Vorjahr,Veränderung zum Vorjahr\r\n' +
      'Bo Berg,1,4000.00,1000.00,0.2500,800.00,300.00,4.0000\r\n' +
      'Anna Andersson,2,3300.00,1300.00,0.3939,4000.00,1400.00,-0.1750\r\n' +
      'Cai Chen,1,1500.00,600.00,0.4000,1500.00,500.00,0.0000\r\n',
    );
  });

  it('CSV guards cells that a spreadsheet would run as formulas', async () => {
    // Owned by C, booked in 2024 so that no other expectation here moves.
    const hostile = await admin.post('/api/v1/accounts', { name: '=HYPERLINK("http://evil","x")', region: 'Hostile', ownerId: people.C });
    await admin.post('/api/v1/transactions', { accountId: hostile.body.id, bookedOn: '2024-02-01', amount: '1.00', cost: '0.00' });
    const answer = await admin.get('/api/v1/reports/quarterly-results?period=2024-Q1&format=csv&section=byAccount&scope=region:Hostile');
    expect(answer.body.split('\r\n')[1]).toBe('1,"\'=HYPERLINK(""http://evil"",""x"")",Cai Chen,1.00,1.00,1.0000,0.00,0.00,');
  });

  it('.xlsx: a cover sheet, a typed sheet per section with a frozen, filtered header; cells equal the JSON', async () => {
    const json = (await admin.get('/api/v1/reports/quarterly-results?period=2026-Q3&lang=sv')).body;
    const file = await fetchBinary(admin, '/api/v1/reports/quarterly-results?period=2026-Q3&format=xlsx&lang=sv');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Försättsblad', 'Per månad', 'Per kund (topp 20 och övriga)', 'Per produktfamilj', 'Per ansvarig', 'Nya, växande, krympande och för']);
    const cover = workbook.getWorksheet('Försättsblad')!;
    const coverValues = Object.fromEntries([2, 3, 4, 5, 6, 7].map((r) => [String(cover.getRow(r).getCell(1).value), cover.getRow(r).getCell(2).value]));
    expect(coverValues).toMatchObject({ Rapport: 'Kvartalsresultat försäljning', Omfattning: 'Hela organisationen (org)', Valuta: 'USD', 'Skapad av': 'Rita Admin' });
    expect(coverValues.Skapad).toEqual(new Date('2026-11-23T10:00:00.000Z'));
    const months = workbook.getWorksheet('Per månad')!;
    expect(months.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(months.autoFilter).toBeTruthy();
    expect(months.getRow(1).values).toEqual([undefined, 'Månad', 'Intäkter', 'Bruttovinst', 'Marginal', 'Intäkter föregående år', 'Bruttovinst föregående år', 'Förändring mot föregående år']);
    const july = months.getRow(2);
    expect(july.getCell(1).value).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(july.getCell(2).value).toBe(3500);
    expect(july.getCell(2).numFmt).toBe('#,##0.00 "USD"');
    expect(july.getCell(4).value).toBe(0.4);
    expect(july.getCell(4).numFmt).toBe('0.0%');
    for (const [i, row] of rowsOf(json, 'byMonth').entries()) {
      expect(months.getRow(i + 2).getCell(2).value).toBe(Number(row.revenue));
      expect(months.getRow(i + 2).getCell(3).value).toBe(Number(row.grossProfit));
    }
  });

  it.skipIf(!libreOffice)(`LibreOffice opens the .xlsx and its figures equal the JSON${libreOffice ? '' : ' — SKIPPED: libreoffice is not installed (apt-get install libreoffice-calc)'}`, async () => {
    const json = (await admin.get('/api/v1/reports/quarterly-results?period=2026-Q3&lang=en')).body;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'patron-lo-'));
    try {
      await writeFile(path.join(dir, 'report.xlsx'), await fetchBinary(admin, '/api/v1/reports/quarterly-results?period=2026-Q3&format=xlsx&lang=en'));
      // Every sheet to its own CSV (12th filter token -1), raw values rather than as shown (9th false).
      await promisify(execFile)('soffice', [
        `-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir', dir, path.join(dir, 'report.xlsx'),
      ], { timeout: 120_000 });
      // Percent cells keep their % sign even as raw values.
      const num = (text: string): number => (text.endsWith('%') ? Number((Number(text.slice(0, -1)) / 100).toFixed(6)) : Number(text));
      const sheet = async (name: string): Promise<string[][]> => parse(await readFile(path.join(dir, `report-${name}.csv`), 'utf8'));
      expect((await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()).toEqual(['report-By account (top 20 and the rest.csv', 'report-By month.csv', 'report-By owner.csv', 'report-By product family.csv', 'report-Cover.csv', 'report-New, grown, shrunk and lost acc.csv'].sort());
      const months = await sheet('By month');
      expect(months[0]).toEqual(['Month', 'Revenue', 'Gross profit', 'Margin', 'Revenue last year', 'Gross profit last year', 'Change vs last year']);
      rowsOf(json, 'byMonth').forEach((row: any, i: number) => {
        const cells = months[i + 1]!;
        // LibreOffice writes dates in its locale's default style (a date cell, not text).
        expect(cells[0]!.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$1-$2')).toBe(row.month);
        expect([num(cells[1]!), num(cells[2]!), num(cells[3]!), num(cells[4]!)]).toEqual([Number(row.revenue), Number(row.grossProfit), Number(row.margin), Number(row.lyRevenue)]);
      });
      const owners = await sheet('By owner');
      expect(owners.slice(1).map((r) => [r[0], num(r[2]!), num(r[3]!)])).toEqual(rowsOf(json, 'byOwner').map((r: any) => [r.owner, Number(r.revenue), Number(r.grossProfit)]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('PDF of quarterly results and account status, A4 and US Letter, in every language', async () => {
    for (const [lang, paper, size] of [['hi', 'a4', '595.28 841.89'], ['en', 'letter', '612 792'], ['pl', 'a4', '595.28 841.89']] as const) {
      const pdf = await fetchBinary(admin, `/api/v1/reports/quarterly-results?period=2026-Q3&format=pdf&lang=${lang}&paper=${paper}`);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain(`/MediaBox [0 0 ${size}]`);
    }
    const status = await fetchBinary(admin, `/api/v1/reports/account-status?scope=account:${ids.Acc1}&period=2026-Q3&format=pdf&lang=hi`);
    expect(status.subarray(0, 5).toString()).toBe('%PDF-');
    // The Devanagari subset is embedded for Hindi.
    expect(status.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+NotoSansDevanagari/);
  });
});

async function fetchBinary(caller: Caller, url: string): Promise<Buffer> {
  const response = await api.app.inject({ method: 'GET', url, headers: { authorization: caller.authorization } });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response.rawPayload;
}

describe('portfolio, team performance, annual forecast and account status', () => {
  it('portfolio: tier counts and shares add up, the Pareto curve of gross profit, all accounts on the matrix', async () => {
    const doc = (await admin.get('/api/v1/reports/portfolio?period=2026-Q3&scope=region:West,tier:key')).body;
    expect(doc.sections.map((s: any) => s.key)).toEqual(['tiers', 'matrix', 'pareto', 'tierMoves']);
    const all = (await admin.get(`/api/v1/reports/portfolio?period=2026-Q3&scope=team:${people.M}`)).body;
    // Team M: Acc1–Acc4. Gross profit in the quarter: 1000, 300, 1000, 0 → 2300; sorted 1000, 1000, 300, 0.
    expect(rowsOf(all, 'pareto').map((r: any) => [r.rank, r.accountShare, r.cumulativeShare])).toEqual([
      [1, '0.2500', '0.4348'], [2, '0.5000', '0.8696'], [3, '0.7500', '1.0000'], [4, '1.0000', '1.0000'],
    ]);
    expect(kpi(all, 'pareto80')).toBe(2);
    expect(kpi(all, 'grossProfit')).toBe('2300.00');
    expect(rowsOf(all, 'matrix').map((r: any) => r.account).sort()).toEqual(['Acc1', 'Acc2', 'Acc3', 'Acc4']);
    const tiers = rowsOf(all, 'tiers');
    expect(tiers.reduce((s: number, r: any) => s + r.accounts, 0)).toBe(4);
    expect(tiers.reduce((s: number, r: any) => s + Number(r.revenue), 0)).toBe(7300);
    // The first scoring of each account is a tier move from nothing, made today (Q4).
    expect(rowsOf(all, 'tierMoves')).toEqual([]);
    const q4 = (await admin.get(`/api/v1/reports/portfolio?period=2026-Q4&scope=team:${people.M}`)).body;
    expect(rowsOf(q4, 'tierMoves').length).toBeGreaterThanOrEqual(4);
  });

  it('team performance: each owner against last year, share of revenue and the monthly trend', async () => {
    const doc = (await admin.get('/api/v1/reports/team-performance?period=2026-Q3')).body;
    expect(doc.unavailable.map((u: any) => u.key)).toEqual(['quota', 'performanceFlags', 'compCost']);
    expect(rowsOf(doc, 'people').map((r: any) => [r.person, r.accounts, r.revenue, r.grossProfit, r.change, r.share])).toEqual([
      ['Bo Berg', 2, '4000.00', '1000.00', '4.0000', '0.4545'],
      ['Anna Andersson', 2, '3300.00', '1300.00', '-0.1750', '0.3750'],
      ['Cai Chen', 2, '1500.00', '600.00', '0.0000', '0.1705'], // Acc5 and the formula-named account of the CSV test
    ]);
    expect(rowsOf(doc, 'trend').filter((r: any) => r.person === 'Anna Andersson').map((r: any) => [r.month, r.revenue])).toEqual([
      ['2026-07-01', '2000.00'], ['2026-08-01', '500.00'], ['2026-09-01', '800.00'],
    ]);
  });

  it('annual forecast: closed to date, run rate and trend as a range, last year beside', async () => {
    const doc = (await admin.get('/api/v1/reports/annual-forecast?period=2026')).body;
    expect(doc.unavailable.map((u: any) => u.key)).toEqual(['pipeline', 'call']);
    // Closed 2026: Jul 3500 + Aug 4500 + Sep 800 + Oct 100 = 8900. Run rate: (4500 + 800 + 100) / 3 = 1800 for December.
    // Trend through Nov 2025 … Oct 2026 (cents): slope 2865000/143, mean 741666.67/… → December 224428.90 cents.
    expect(Object.fromEntries(doc.summary.map((k: any) => [k.key, k.value]))).toEqual({ closedToDate: '8900.00', low: '10700.00', high: '11144.29', lastYear: '6300.00' });
    expect(rowsOf(doc, 'byQuarter').map((r: any) => [r.quarter, r.closed, r.low, r.high, r.lastYear])).toEqual([
      ['2026-Q1', '0.00', '0.00', '0.00', '0.00'],
      ['2026-Q2', '0.00', '0.00', '0.00', '0.00'],
      ['2026-Q3', '8800.00', '8800.00', '8800.00', '6300.00'],
      ['2026-Q4', '100.00', '1900.00', '2344.29', '0.00'],
      ['Total', '8900.00', '10700.00', '11144.29', '6300.00'],
    ]);
  });

  it('account status: score, health, quarters, plan objectives, open cases, contact, last review and risks', async () => {
    const plan = (await kamA.post(`/api/v1/accounts/${ids.Acc1}/plans`, { period: '2026' })).body;
    expect((await kamA.patch(`/api/v1/plans/${plan.id}`, { status: 'active' }, 1)).status).toBe(200);
    await kamA.post(`/api/v1/plans/${plan.id}/objectives`, { title: 'Open 10 stores', baseline: '0', target: '10', current: '4' });
    await kamA.post(`/api/v1/plans/${plan.id}/risks`, { text: 'Budget freeze in Q1' });
    await kamA.post(`/api/v1/accounts/${ids.Acc1}/cases`, { title: 'Late delivery', category: 'delivery', severity: 2 });
    const review = (await kamA.post(`/api/v1/accounts/${ids.Acc1}/reviews`, { scheduledOn: '2026-11-23' })).body;
    const held = await kamA.post(`/api/v1/reviews/${review.id}/hold`, { decisions: ['Pilot next-day delivery'], risks: ['Competitor pricing'] }, { 'if-match': `"${review.version}"` });
    expect(held.status, JSON.stringify(held.body)).toBe(200);

    const doc = (await kamA.get(`/api/v1/reports/account-status?scope=account:${ids.Acc1}&period=2026-Q3&lang=en`)).body;
    expect(doc.scope.description).toBe('Account Acc1 (accounts visible to you)');
    const [overview] = rowsOf(doc, 'accounts');
    // Last four quarters (2025-Q4 … 2026-Q3): 2300 revenue, 1300 cost.
    expect(overview).toMatchObject({ account: 'Acc1', owner: 'Anna Andersson', revenue12: '2300.00', margin12: '0.4348', openCases: 1, planProgress: '0.4000' });
    const section = doc.sections[1];
    expect(section.title).toBe('Acc1');
    const table = (key: string) => section.tables.find((t: any) => t.key === key);
    expect(table('trend').rows.map((r: any) => [r.quarter, r.revenue])).toEqual([
      ['2024-Q4', '0.00'], ['2025-Q1', '0.00'], ['2025-Q2', '0.00'], ['2025-Q3', '1000.00'], ['2025-Q4', '0.00'], ['2026-Q1', '0.00'], ['2026-Q2', '0.00'], ['2026-Q3', '2300.00'],
    ]);
    expect(table('objectives').rows).toEqual([{ objective: 'Open 10 stores', baseline: 0, target: 10, current: 4, progress: '0.4000', dueOn: null }]);
    expect(table('cases').rows.map((r: any) => [r.case, r.severity])).toEqual([['Late delivery', 2]]);
    expect(table('decisions').rows).toEqual([{ decision: 'Pilot next-day delivery' }]);
    expect(table('risks').rows.map((r: any) => r.risk)).toEqual(expect.arrayContaining(['Budget freeze in Q1', 'Competitor pricing']));
    expect(table('score').rows.length).toBeGreaterThan(0);
    expect(table('health').rows.length).toBeGreaterThan(0);
    // Another KAM's account is not found for kam A.
    expect((await kamA.get(`/api/v1/reports/account-status?scope=account:${ids.Acc3}`)).status).toBe(404);
    // A whole book: one section per account.
    const book = (await kamA.get('/api/v1/reports/account-status?period=2026-Q3')).body;
    expect(rowsOf(book, 'accounts').map((r: any) => r.account)).toEqual(['Acc1', 'Acc2']);
    expect(book.sections.map((s: any) => s.title)).toEqual(['Accounts', 'Acc1', 'Acc2']);
  });
});
