import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { decodeCursor, encodeCursor, toPage } from './paging.ts';

describe('cursor paging', () => {
  it('round-trips a cursor', () => {
    const cursor = encodeCursor(['Nordwind GmbH', '01936b2e-7c1a-7000-8000-000000000001']);
    expect(decodeCursor(cursor, 2)).toEqual(['Nordwind GmbH', '01936b2e-7c1a-7000-8000-000000000001']);
  });

  it('refuses cursors it did not give out', () => {
    for (const bad of ['garbage', encodeCursor(['only one']), Buffer.from('{"a":1}').toString('base64url'), encodeCursor([{} as never, 'x'])]) {
      expect(() => decodeCursor(bad, 2)).toThrow(AppError);
    }
  });

  it('serves limit rows and a cursor only when more exist', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    const page = toPage(rows, 2, (r) => r.n, (r) => [r.n, String(r.n)]);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, 2)).toEqual([2, '2']);
    expect(toPage(rows, 3, (r) => r.n, (r) => [r.n]).nextCursor).toBeNull();
  });
});
