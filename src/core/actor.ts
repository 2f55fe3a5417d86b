import type { Role } from '../modules/users/tables.ts';

/** Who is calling: resolved once per request by the HTTP layer, passed to every service call. */
export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
  via: 'session' | 'token' | 'system';
}

/** Roles that see the whole organisation; kam and bd see their teams, a manager their reports' teams. */
export const ORG_WIDE_ROLES: readonly Role[] = ['admin', 'director', 'viewer'];
export const WRITER_ROLES: readonly Role[] = ['admin', 'director', 'manager', 'kam', 'bd'];
