import type { Actor } from '../core/actor.ts';
import type { AppContext } from '../core/context.ts';
import { csvField } from '../core/csv.ts';
import { AppError } from '../core/errors.ts';
import { listOverdueAccounts } from '../modules/interactions/service.ts';
import { findUserIdByEmail } from '../modules/users/service.ts';
import { resolveOrganisation } from './users.ts';

export interface OverdueOptions {
  org?: string;
  owner?: string;
  format?: string;
}

/** `patron engagement overdue`: every account overdue for contact, longest overdue first, as CSV or JSON lines. */
export async function printOverdue(ctx: AppContext, options: OverdueOptions, write: (line: string) => void = (l) => console.log(l)): Promise<number> {
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new AppError('validation', '--format must be csv or json');
  const orgId = await resolveOrganisation(ctx, options.org);
  const actor: Actor = { orgId, userId: '00000000-0000-7000-8000-000000000000', role: 'admin', via: 'system' };
  let ownerId: string | undefined;
  if (options.owner) {
    ownerId = (await findUserIdByEmail(ctx.db, orgId, options.owner)) ?? undefined;
    if (!ownerId) throw new AppError('validation', `No user ${options.owner} in this organisation`);
  }
  const columns = ['accountId', 'name', 'ownerName', 'tier', 'lastContactOn', 'dueOn', 'overdueDays'] as const;
  if (format === 'csv') write(columns.join(','));
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listOverdueAccounts(ctx.db, ownerId ? { ...actor, userId: ownerId } : actor, ctx.clock.now(), { limit: 500, mine: !!ownerId, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      write(format === 'json' ? JSON.stringify(item) : columns.map((c) => csvField(item[c])).join(','));
      count += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}
