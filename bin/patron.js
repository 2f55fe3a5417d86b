#!/usr/bin/env node
// The `patron` command. TypeScript runs through tsx's loader, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
