import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm start` builds the web UI when its build is missing or older than its sources. */
export async function buildWebIfStale(): Promise<void> {
  const built = path.join(root, 'dist/web/index.html');
  const sources = path.join(root, 'web');
  if (!fs.existsSync(sources)) return;
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestMtime(sources)) return;
  console.log('Building the web UI (first start, or its sources changed)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The web UI build failed (exit ${code})`))));
  });
}
