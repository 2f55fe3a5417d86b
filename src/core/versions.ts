import { AppError } from './errors.ts';

/** Optimistic concurrency: a write names the version it read; a newer stored version wins. */
export function checkVersion(stored: number, expected: number): void {
  if (stored !== expected) {
    throw new AppError('precondition_failed', `You sent version ${expected}; the stored version is ${stored}`);
  }
}
