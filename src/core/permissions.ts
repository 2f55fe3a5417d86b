import { AppError } from './errors.ts';
import type { Actor } from './actor.ts';
import type { Role } from '../modules/users/tables.ts';

export function requireRole(actor: Actor, allowed: readonly Role[], what = 'this'): void {
  if (!allowed.includes(actor.role)) {
    throw new AppError('forbidden', `The ${actor.role} role cannot do ${what}`);
  }
}
