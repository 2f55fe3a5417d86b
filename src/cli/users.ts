import { sql } from 'drizzle-orm';
import type { Actor } from '../core/actor.ts';
import type { AppContext } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { queryRows } from '../db/connection.ts';
import { roles, type Role } from '../modules/users/tables.ts';
import { createUser, findUserIdByEmail } from '../modules/users/service.ts';

export interface AddUserOptions {
  email: string;
  name: string;
  role: string;
  password?: string;
  manager?: string;
  org?: string;
}

/** The CLI acts as the system on one organisation: the one named, or the only one there is. */
export async function resolveOrganisation(ctx: AppContext, orgId?: string): Promise<string> {
  if (orgId) return orgId;
  const rows = await queryRows<{ id: string }>(ctx.db, sql`select id from organisations order by created_at limit 2`);
  if (rows.length !== 1) throw new AppError('validation', rows.length === 0 ? 'There is no organisation yet: run `patron org create`' : 'There are several organisations: pass --org <id>');
  return rows[0]!.id;
}

export async function addUser(ctx: AppContext, options: AddUserOptions): Promise<void> {
  if (!roles.includes(options.role as Role)) throw new AppError('validation', `--role must be one of ${roles.join(', ')}`);
  const orgId = await resolveOrganisation(ctx, options.org);
  const actor: Actor = { orgId, userId: '00000000-0000-7000-8000-000000000000', role: 'admin', via: 'system' };
  const managerId = options.manager ? await findUserIdByEmail(ctx.db, orgId, options.manager) : null;
  if (options.manager && !managerId) throw new AppError('validation', `No user ${options.manager} in this organisation`);
  const user = await createUser(ctx, actor, { email: options.email, name: options.name, role: options.role as Role, password: options.password, managerId });
  console.log(`Added ${user.role} ${user.email} (${user.id})`);
}
