import { systemClock } from '../core/clock.ts';
import type { AppContext } from '../core/context.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { buildApp } from '../http/app.ts';
import { pruneAuthData } from '../modules/auth/service.ts';
import { recomputeStaleScores } from '../modules/scoring/service.ts';
import { runEscalationSweep } from '../modules/cases/service.ts';
import { loadDemoIfEmpty } from '../modules/demo/service.ts';
import { createContext } from '../modules/wiring.ts';

export interface ServeOptions {
  demo?: boolean;
  port?: number;
  host?: string;
}

/** `patron serve`: migrate, optionally load the demo organisation once, listen; stop cleanly on SIGTERM. */
export async function serve(options: ServeOptions): Promise<void> {
  const config: Config = { ...loadConfig(), ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}) };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx: AppContext = createContext({ database, db: database.db, clock: systemClock, config });
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  try {
    await database.migrate();
    if (options.demo) await loadDemoIfEmpty(ctx, (message) => app.log.info(message));
    await pruneAuthData(ctx);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  const housekeep = async () => {
    await pruneAuthData(ctx);
    await recomputeStaleScores(ctx);
  };
  const housekeeping = setInterval(() => void housekeep().catch((error) => app.log.warn({ err: error }, 'housekeeping failed')), 3_600_000);
  housekeeping.unref();
  // Case SLAs escalate on time without a request touching the case (SKIP LOCKED: any number of processes).
  const escalations = setInterval(() => void runEscalationSweep(ctx).catch((error) => app.log.warn({ err: error }, 'case escalation sweep failed')), 60_000);
  escalations.unref();
  await new Promise<void>((resolve) => {
    const stop = async (signal: string) => {
      app.log.info(`${signal}: finishing requests in flight, then closing the database`);
      clearInterval(housekeeping);
      clearInterval(escalations);
      await app.close();
      await database.close();
      resolve();
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
