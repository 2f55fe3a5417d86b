import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Initial JavaScript budget (issue 3): everything the entry chunk loads before any lazy page. */
const INITIAL_JS_BUDGET_KB = 350;

/**
 * Prints the gzip size of the JavaScript a first visit downloads (the entry chunk and its static
 * imports; lazy pages excluded) and fails the build when it exceeds the budget.
 */
function initialJsBudget(): Plugin {
  return {
    name: 'patron-initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') chunks.set(fileName, { code: output.code, imports: output.imports, isEntry: output.isEntry });
      }
      const initial = new Set<string>();
      const visit = (fileName: string): void => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const dep of chunks.get(fileName)?.imports ?? []) visit(dep);
      };
      for (const [fileName, chunk] of chunks) if (chunk.isEntry) visit(fileName);
      let gzip = 0;
      for (const fileName of initial) gzip += gzipSync(chunks.get(fileName)?.code ?? '').length;
      const kb = gzip / 1024;
      const line = `Initial JS (gzip): ${kb.toFixed(1)} KB in ${initial.size} file(s), budget ${INITIAL_JS_BUDGET_KB} KB`;
      if (kb > INITIAL_JS_BUDGET_KB) this.error(line);
      this.info(line);
      console.log(`\n${line}\n`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), initialJsBudget()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/openapi.json': 'http://127.0.0.1:3000',
    },
  },
});
