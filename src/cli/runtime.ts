import { systemClock } from '../core/clock.ts';
import type { AppContext } from '../core/context.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { createContext } from '../modules/wiring.ts';

/** Opens the configured database, migrated, for one CLI command; closes it afterwards. */
export async function withContext<T>(run: (ctx: AppContext) => Promise<T>, overrides: Partial<Config> = {}): Promise<T> {
  const config = { ...loadConfig(), ...overrides };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await run(createContext({ database, db: database.db, clock: systemClock, config }));
  } finally {
    await database.close();
  }
}
