import { sql, type SQL } from 'drizzle-orm';
import { ORG_WIDE_ROLES, type Actor } from '../core/actor.ts';

/**
 * Which accounts a caller may see (DESIGN.md, "Who uses it"): the whole organisation for admin,
 * director and viewer; the accounts whose team they are on for kam and bd; for a manager, the
 * accounts of everyone reporting to them, transitively, and their own.
 * Returns a subquery of account ids, or null when nothing needs filtering.
 */
export function visibleAccountIds(actor: Actor): SQL | null {
  if (ORG_WIDE_ROLES.includes(actor.role) || actor.via === 'system') return null;
  const members =
    actor.role === 'manager'
      ? sql`(with recursive reports(id) as (
             select ${actor.userId}::uuid
             union
             select u.id from users u join reports r on u.manager_id = r.id where u.org_id = ${actor.orgId}
           ) select id from reports)`
      : sql`(select ${actor.userId}::uuid)`;
  return sql`select t.account_id from account_team t where t.org_id = ${actor.orgId} and t.user_id in ${members}`;
}

/** A condition on an account id column: true when the caller may see that account. */
export function accountIsVisible(actor: Actor, accountIdColumn: SQL | unknown): SQL {
  const visible = visibleAccountIds(actor);
  return visible ? sql`${accountIdColumn} in (${visible})` : sql`true`;
}
