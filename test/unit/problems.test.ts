import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes, type ErrorCode } from '../../src/core/errors.ts';
import { problemType } from '../../src/http/problems.ts';

describe('the error catalogue', () => {
  const doc = fs.readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');
  it.each(Object.keys(errorCodes) as ErrorCode[])('documents %s in docs/problems.md with its status', (code) => {
    expect(doc).toContain(`| \`${problemType(code)}\` | ${errorCodes[code].status} |`);
  });
});
