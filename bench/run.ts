/**
 * `npm run bench`: every benchmark, each beside the raw-SQL floor of the same operation.
 * Not a test: it prints figures. Sizes: BENCH_ACCOUNTS, BENCH_SECONDS (see each file).
 */
import { benchAccountsList } from './accounts-list.ts';
import { benchImports, IMPORT_ROWS } from './imports.ts';
import { benchOwnerCandidates } from './people.ts';
import { benchScoring } from './scoring.ts';
import { benchLoadProfile } from './load-profile.ts';
import { benchExport, benchReports } from './reports.ts';
import { printTable } from './support.ts';

const rows = [];
for (const kind of ['postgres', 'pglite'] as const) rows.push(await benchAccountsList(kind));
printTable('GET /api/v1/accounts?limit=50 (token auth, 20 connections)', rows);

const imports = [];
for (const kind of ['postgres', 'pglite'] as const) imports.push(...(await benchImports(kind)));
printTable(`Imports through runImport (${IMPORT_ROWS.toLocaleString('en')} transaction lines) beside unnest() inserts`, imports);

const scoring = [];
for (const kind of ['postgres', 'pglite'] as const) scoring.push(await benchScoring(kind));
printTable('Full score recompute from monthly rollups (24 months per account) beside the aggregation floor', scoring);

const people = [];
for (const kind of ['postgres', 'pglite'] as const) people.push(await benchOwnerCandidates(kind));
printTable('GET /api/v1/accounts/{id}/owner-candidates (100,000 accounts, 200 KAMs) beside the raw-SQL floor of its reads', people);

const load = [];
for (const kind of ['postgres', 'pglite'] as const) load.push(await benchLoadProfile(kind));
printTable('Load profile: a KAM team (80 % reads, 20 % writes, 50 clients) beside the same mix as raw SQL', load);
printTable('Quarterly results report beside its raw SQL (rollups of 10,000,000 lines, 100,000 accounts)', [await benchReports('postgres')]);
printTable('100,000-row report export, streamed (peak RSS)', await benchExport());

