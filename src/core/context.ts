import type { Config } from '../config.ts';
import type { Database, Db } from '../db/connection.ts';
import type { Clock } from './clock.ts';

/** What every service needs, built once by buildApp (or the CLI) and passed in explicitly. */
export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  config: Config;
}
