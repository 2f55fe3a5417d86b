import { Argument, Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { SchemaTooNewError } from '../db/connection.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { loadDemoIfEmpty } from '../modules/demo/service.ts';
import { createOrganisation } from '../modules/users/service.ts';
import { buildWebIfStale } from './web.ts';
import { withContext } from './runtime.ts';
import { serve } from './serve.ts';
import { addUser, resolveOrganisation } from './users.ts';
import { recomputeScores } from '../modules/scoring/service.ts';
import { checkImportFiles, importCommand, importHelp, type ImportOptions } from './import.ts';
import { importKinds, type ImportKind } from '../modules/imports/tables.ts';
import { runEscalationSweep } from '../modules/cases/service.ts';
import { snapshotAllOrganisations } from '../modules/forecasts/service.ts';
import { compHelp, compSimulate, type CompSimulateOptions } from './comp.ts';
import { printOverdue, type OverdueOptions } from './engagement.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { BackupRefusedError, BackupTooNewError } from '../db/backup.ts';
import { checkReportOptions, reportCommand, reportHelp, type ReportOptions } from './report.ts';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number');
  return n;
};

function program(): Command {
  const cli = new Command('patron')
    .description('Patron: key account management. Configure with DATABASE_URL, PATRON_DATA_DIR, PORT, HOST.')
    .exitOverride()
    .showHelpAfterError();

  cli.command('start')
    .description('Build the web UI if needed, then serve with the demo organisation on first start (npm start)')
    .action(async () => {
      await buildWebIfStale();
      await serve({ demo: true });
    });

  cli.command('serve')
    .description('Serve the API and the web UI')
    .option('--demo', 'load the demo organisation if the database is empty')
    .option('-p, --port <port>', 'port (default PORT or 3000)', port)
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .action((options: { demo?: boolean; port?: number; host?: string }) => serve(options));

  cli.command('migrate')
    .description('Bring the database schema up to date')
    .action(() => withContext(async () => console.log('Database schema is up to date.')));

  cli.command('backup')
    .description('Write a consistent, compressed backup of the database (or of one organisation) while the server runs')
    .argument('<file>', 'the backup file to write (gzipped JSON lines)')
    .option('--org <id>', 'back up this organisation only (default: everything)')
    .action((file: string, options: { org?: string }) => backupCommand(file, options));

  cli.command('restore')
    .description('Restore a backup into an empty database (PGlite or PostgreSQL, whichever is configured), then migrate it to this version')
    .argument('<file>', 'a file written by patron backup')
    .action((file: string) => restoreCommand(file));

  cli.command('demo')
    .description('Load the demo organisation into an empty database')
    .action(() =>
      withContext(async (ctx) => {
        const result = await loadDemoIfEmpty(ctx, console.log);
        if (!result) console.log('The database already holds an organisation; the demo was not loaded.');
      }),
    );

  cli.command('import')
    .description('Import a CSV or .xlsx file of accounts, contacts, products or transactions (all rows or none)')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKinds))
    .argument('<file>', 'a .csv (UTF-8, comma or semicolon) or .xlsx file')
    .option('--skip-invalid', 'write the valid rows and report the others (default: any invalid row rejects the file)')
    .option('--sheet <name>', '.xlsx: the sheet to read (default the first)')
    .option('--accounts <file>', 'import this accounts file first')
    .option('--products <file>', 'import this products file first (after --accounts)')
    .option('--as <email>', 'the importing user (default: the first admin)')
    .option('--org <id>', 'organisation id (default: the only organisation)')
    .addHelpText('after', importHelp())
    .action((kind: ImportKind, file: string, options: ImportOptions) => {
      checkImportFiles(file, options);
      return withContext((ctx) => importCommand(ctx, kind, file, options));
    });

  const cases = cli.command('cases').description('Cases');
  cases.command('escalate')
    .description('Raise the escalation level of every case whose SLA period passed (patron serve does it every minute)')
    .action(() =>
      withContext(async (ctx) => {
        const escalated = await runEscalationSweep(ctx);
        console.log(`Escalated ${escalated} case${escalated === 1 ? '' : 's'}.`);
      }),
    );

  cli.command('forecast')
    .description('Forecasts')
    .command('snapshot')
    .description("Take this ISO week's forecast snapshot (month, quarter and year) of every organisation; a second run in the same week changes nothing (schedule it weekly)")
    .action(() =>
      withContext(async (ctx) => {
        for (const run of await snapshotAllOrganisations(ctx)) {
          console.log(`${run.orgId} ${run.week}: ${run.taken.length ? `snapshot of ${run.taken.join(', ')}` : 'already taken this week'}`);
        }
      }),
    );
  cli.command('report')
    .description('A management report (quarterly-results, annual-forecast, account-status, portfolio, team-performance) as JSON, CSV, .xlsx or PDF')
    .argument('<name>', 'which report')
    .option('--period <period>', 'a quarter 2026-Q3 or a year 2026')
    .option('--scope <scope>', 'org (default), team:<id|me>, person:<id|me>, region:<name>, tier:<tier>, account:<id>')
    .option('--format <format>', 'json, csv, xlsx or pdf', 'json')
    .option('--out <file>', 'write to this file (default stdout; needed for xlsx and pdf)')
    .option('--section <key>', 'csv: the table (section or section.table)')
    .option('--lang <lang>', 'en, de, pl, sv or hi (default: the user\'s language)')
    .option('--paper <paper>', 'pdf: a4 or letter', 'a4')
    .option('--as <email>', 'whose view (default: the first admin)')
    .option('--org <id>', 'organisation id (default: the only organisation)')
    .addHelpText('after', reportHelp())
    .action((name: string, options: ReportOptions) => {
      checkReportOptions(name, options);
      return withContext((ctx) => reportCommand(ctx, name, options));
    });

  cli.command('engagement')
    .description('Contact cadence')
    .command('overdue')
    .description('Accounts overdue for contact under their tier’s cadence, longest overdue first (CSV or JSON lines on stdout)')
    .option('--org <id>', 'organisation id (default: the only organisation)')
    .option('--owner <email>', 'only the accounts this person owns')
    .option('--format <format>', 'csv or json', 'csv')
    .action((options: OverdueOptions) =>
      withContext(async (ctx) => {
        await printOverdue(ctx, options);
      }),
    );

  const scores = cli.command('scores').description('Key-account scores');
  scores.command('recompute')
    .description('Recompute every account score of an organisation now (after a model change or a bulk load)')
    .option('--org <id>', 'organisation id (default: the only organisation)')
    .action((options: { org?: string }) =>
      withContext(async (ctx) => {
        const orgId = await resolveOrganisation(ctx, options.org);
        const started = performance.now();
        const result = await ctx.db.transaction((tx) => recomputeScores(tx, orgId, ctx.clock.now()));
        console.log(`Scored ${result.scored} accounts in ${Math.round(performance.now() - started)} ms; ${result.tierChanges} tier changes.`);
      }),
    );

  const comp = cli.command('comp').description('Compensation');
  comp.command('simulate')
    .description('What-if: compute statements for a plan and credits (COMP-PLANS.md), no database needed')
    .argument('<plan>', 'plan.json: one plan document or an array of its effective-dated versions')
    .argument('<credits>', 'credits.json: an array of credits, or an object with credits, payees, periods, fxRates')
    .option('--from <date>', 'first day of the simulated periods (default: the earliest credit date)')
    .option('--to <date>', 'last day of the simulated periods (default: the latest credit date)')
    .option('--quota <amount>', "overrides the plan's quota per period")
    .option('--payout-currency <code>', 'convert the payout to this currency')
    .option('--payout-date <date>', 'the payout conversion date (default: each period end)')
    .addHelpText('after', compHelp())
    .action((plan: string, credits: string, options: CompSimulateOptions) => {
      console.log(compSimulate(plan, credits, options));
    });

  const org = cli.command('org').description('Organisations');
  org.command('create')
    .description('Create an organisation and its first admin')
    .requiredOption('--name <name>', 'organisation name')
    .requiredOption('--admin-email <email>', "the admin's email")
    .requiredOption('--admin-name <name>', "the admin's name")
    .requiredOption('--password <password>', "the admin's password (10+ characters)")
    .option('--currency <code>', 'reporting currency (ISO 4217)', 'EUR')
    .action((options: { name: string; adminEmail: string; adminName: string; password: string; currency: string }) =>
      withContext(async (ctx) => {
        const { orgId, user } = await createOrganisation(ctx, { orgName: options.name, name: options.adminName, email: options.adminEmail, password: options.password, currency: options.currency });
        console.log(`Created organisation ${orgId} with admin ${user.email}`);
      }),
    );

  const user = cli.command('user').description('Users');
  user.command('add')
    .description('Add a user to an organisation')
    .requiredOption('--email <email>', 'email (the login)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', 'admin, director, manager, kam, bd or viewer')
    .option('--password <password>', 'password (10+ characters)')
    .option('--manager <email>', "the manager's email")
    .option('--org <id>', 'organisation id (default: the only organisation)')
    .action((options: Parameters<typeof addUser>[1]) => withContext((ctx) => addUser(ctx, options)));

  return cli;
}

/** Runs the CLI; returns the exit code: 0 ok, 1 failure, 2 usage error. Errors go to stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof AppError) {
      console.error(`patron: ${error.message}`);
      for (const fieldError of error.errors ?? []) console.error(`  ${fieldError.path}: ${fieldError.message}`);
      return error.code === 'validation' ? EXIT_USAGE : EXIT_FAILURE;
    }
    if (error instanceof BackupTooNewError) {
      console.error(`patron: ${error.message}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError || error instanceof BackupRefusedError || error instanceof DataDirLockedError || error instanceof SchemaTooNewError) {
      console.error(`patron: ${error.message}`);
      return EXIT_FAILURE;
    }
    console.error('patron:', error);
    return EXIT_FAILURE;
  }
}
