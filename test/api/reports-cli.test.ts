import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

// `patron report` on the embedded data directory (the PostgreSQL run leaves *-cli files out).
describe('patron report', { timeout: 180_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patron-report-cli-'));
    env = { PATRON_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
    const created = await runCli(['org', 'create', '--name', 'Report CLI AB', '--admin-email', 'root@report-cli.example', '--admin-name', 'Ruth Root', '--password', 'long-enough-pw', '--currency', 'SEK'], env);
    expect(created.code, created.stderr).toBe(0);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('prints JSON and CSV, writes .xlsx and PDF files, in the language asked for', async () => {
    const json = await runCli(['report', 'quarterly-results', '--period', '2026-Q3'], env);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ report: 'quarterly-results', currency: 'SEK', period: { label: '2026-Q3' }, generatedBy: { name: 'Ruth Root' } });
    expect(doc.summary.find((k: any) => k.key === 'revenue').value).toBe('0.00');

    const csv = await runCli(['report', 'quarterly-results', '--period', '2026-Q3', '--format', 'csv', '--section', 'byMonth', '--lang', 'sv'], env);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')).toEqual([
      '\uFEFFMånad,Intäkter,Bruttovinst,Marginal,Intäkter föregående år,Bruttovinst föregående år,Förändring mot föregående år',
      '2026-07-01,0.00,0.00,,0.00,0.00,', '2026-08-01,0.00,0.00,,0.00,0.00,', '2026-09-01,0.00,0.00,,0.00,0.00,', '',
    ]);

    const xlsx = path.join(dir, 'q3.xlsx');
    const written = await runCli(['report', 'portfolio', '--period', '2026-Q3', '--format', 'xlsx', '--out', xlsx], env);
    expect(written.code, written.stderr).toBe(0);
    expect((await fs.readFile(xlsx)).subarray(0, 2).toString()).toBe('PK');
    const pdf = path.join(dir, 'q3.pdf');
    expect((await runCli(['report', 'quarterly-results', '--format', 'pdf', '--paper', 'letter', '--lang', 'hi', '--out', pdf], env)).code).toBe(0);
    expect((await fs.readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers usage errors with exit code 2', async () => {
    for (const args of [['report', 'nonsense'], ['report', 'portfolio', '--format', 'xlsx'], ['report', 'portfolio', '--format', 'docx'], ['report', 'portfolio', '--scope', 'planet:mars']]) {
      const answer = await runCli(args, env);
      expect(answer.code, args.join(' ')).toBe(2);
      expect(answer.stderr.length).toBeGreaterThan(0);
    }
  });
});
