import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite will open a data directory that another process already has open and silently lose
 * committed rows, so Patron holds an exclusive lock file beside it. A lock left by a process that
 * no longer runs (killed, crashed) is taken over.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirLockedError extends Error {}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return { release: () => fs.rm(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(lockPath, 'utf8').catch(() => ''));
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another Patron process (pid ${holder}). ` +
            'Stop it first, or set PATRON_DATA_DIR to another directory.',
        );
      }
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
