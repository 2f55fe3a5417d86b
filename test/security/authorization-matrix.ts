/**
 * THE AUTHORIZATION MATRIX: the expected HTTP status of every API operation for every caller.
 *
 * Format. One row per operation of /openapi.json, keyed exactly "METHOD /api/v1/path/{param}".
 * Each row has `anonymous` (no credentials; 401 unless the route is public) and one entry per role
 * (admin, director, manager, kam, bd, viewer). For an operation on a record (an id in the path)
 * the role's entry is `k(own, other, foreign)`:
 *   own     — a record on kam1's account (owner kam1, sourcing BD bd1); for the manager it is a
 *             report's account (their team's record); org-wide roles see it anyway
 *   other   — a record on the director's account: nobody else's team, outside the manager's tree
 *   foreign — a record of another organisation: always 404, never 403 (existence is not revealed)
 * Operations without a record (lists, creates at the collection, /me) take one status per role.
 * A cell is a status, or `{ expected, knownDefect }` when the product answers otherwise today: the
 * expected status stays the CORRECT one (DESIGN.md "Who uses it") and the test runs the cell with
 * `it.fails`, so it turns red the day the defect is fixed and the marker must go.
 *
 * "A record" means a path id ({id}, {contactId}, …); keys such as {token}, {file} or
 * {currency}/{effectiveOn} are not records and take one cell per role. Records without an account
 * (users, products, import runs, tokens, notifications) say in a comment above their row what own
 * and other mean for them.
 *
 * Adding an endpoint: add its row here AND its request recipe in test/support/records.ts (a valid
 * body and the current If-Match, so only authorization decides; `mutates: true` when success
 * changes data; `perCaller: true` when the request depends on who sends it). The recipe also feeds
 * test/api/tenant-isolation.test.ts. test/api/authorization.test.ts fails on any operation of
 * /openapi.json without a row or recipe, and on rows whose operation no longer exists.
 *
 * Rules (DESIGN.md): admin, director and viewer see the whole organisation; kam and bd the accounts
 * whose team they are on; a manager what their reports (transitively) see. The viewer is read-only
 * (writes 403). Users management is admin-only (403). Creates answer 201, deletes 204.
 */
import type { RecordKind, Role } from '../support/records.ts';

export interface KnownDefect {
  expected: number;
  knownDefect: string;
}
export type Cell = number | KnownDefect;
export type PerKind = Record<RecordKind, Cell>;
/** Per role: one cell for an operation without a record, `k(own, other, foreign)` for one with a record. */
export type Row = { anonymous: Cell } & Record<Role, Cell | PerKind>;

/** A record operation's cells for one role: own, other, foreign. */
const k = (own: Cell, other: Cell, foreign: Cell): PerKind => ({ own, other, foreign });
/** A cell the product gets wrong today (see the header): `defect(404, "what happens instead")`. */
export const defect = (expected: number, knownDefect: string): KnownDefect => ({ expected, knownDefect });

/** Same status for every role (and the given one for anonymous). */
const everyone = (status: Cell, anonymous: Cell = 401): Row => ({ anonymous, admin: status, director: status, manager: status, kam: status, bd: status, viewer: status });
/** Reads of an account-bound record: org-wide roles see every account, the others their teams'. */
const accountRead = (ok: number): Row & Record<Role, PerKind> => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(ok, ok, 404),
  manager: k(ok, 404, 404),
  kam: k(ok, 404, 404),
  bd: k(ok, 404, 404),
  viewer: k(ok, ok, 404),
});
/** Writes to an account-bound record: as a read, but the viewer is refused where it can see. */
const accountWrite = (ok: number): Row => ({ ...accountRead(ok), viewer: k(403, 403, 404) });
/** Transaction lines: visible as their account, changed only by admin, director and a manager who sees them. */
const transactionWrite = (ok: number): Row => ({ ...accountRead(ok), kam: k(403, 404, 404), bd: k(403, 404, 404), viewer: k(403, 403, 404) });
/** A person's pay (own = kam1's, other = the director's): org-wide roles see all, the manager their tree, kam1 their own, bd1 neither. */
const payRead = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(ok, ok, 404),
  manager: k(ok, 404, 404),
  kam: k(ok, 404, 404),
  bd: k(404, 404, 404),
  viewer: k(ok, ok, 404),
});
/** Pay changed only by the admin; the others get 403 where they can see it, 404 where they cannot. */
const payAdminWrite = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(403, 403, 404),
  manager: k(403, 404, 404),
  kam: k(403, 404, 404),
  bd: k(404, 404, 404),
  viewer: k(403, 403, 404),
});
/** Only the admin (organisation settings): everyone else 403. */
const adminOnly = (ok: number): Row => ({ anonymous: 401, admin: ok, director: 403, manager: 403, kam: 403, bd: 403, viewer: 403 });
/** The sending side of a handover: admin, and the manager and BD who see the account; never director, kam or viewer. */
const handoverSend = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(403, 403, 404),
  manager: k(ok, 404, 404),
  kam: k(403, 404, 404),
  bd: k(ok, 404, 404),
  viewer: k(403, 403, 404),
});
/** The receiving side: the receiving KAM, their manager, or an admin. */
const handoverReceive = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(403, 403, 404),
  manager: k(ok, 404, 404),
  kam: k(ok, 404, 404),
  bd: k(403, 404, 404),
  viewer: k(403, 403, 404),
});
/** Collection writes any role but the viewer may do. */
const writerCreate: Row = { ...everyone(201), viewer: 403 };

/** An org-level record (no account): every role of the organisation may see it; `writers` may act on it, the others get 403. */
const orgRecord = (ok: number, writers: Role[]): Row => {
  const row = { anonymous: 401 } as { anonymous: Cell } & Record<Role, PerKind>;
  for (const role of ['admin', 'director', 'manager', 'kam', 'bd', 'viewer'] as const) row[role] = writers.includes(role) ? k(ok, ok, 404) : k(403, 403, 404);
  return row;
};

/**
 * A person's personal data and its changes (users as records): admin and director reach everyone
 * (the director is above both kinds), a manager their tree; KAM, BD and viewer only themselves.
 */
const personal = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(ok, ok, 404),
  manager: k(ok, 403, 404),
  kam: k(403, 403, 404),
  bd: k(403, 403, 404),
  viewer: k(403, 403, 404),
});
/** Assigning owners: admin, director and a manager who sees the account; KAM and BD refused where they see it. */
const assign = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(ok, ok, 404),
  manager: k(ok, 404, 404),
  kam: k(403, 404, 404),
  bd: k(403, 404, 404),
  viewer: k(403, 403, 404),
});


/** Approving a quote: never one's own (kam1 built `own`, the director `other`); a manager only their reports'. */
const quoteDecision = (ok: number): Row => ({
  anonymous: 401,
  admin: k(ok, ok, 404),
  director: k(ok, 403, 404),
  manager: k(ok, 404, 404),
  kam: k(403, 404, 404),
  bd: k(403, 404, 404),
  viewer: k(403, 403, 404),
});

export const matrix: Record<string, Row> = {
  // Public: sign-in, sign-out and sign-up work with or without credentials.
  'POST /api/v1/auth/login': everyone(200, 200),
  'POST /api/v1/auth/logout': everyone(204, 204),
  'POST /api/v1/signup': everyone(201, 201),

  // Personal: everyone has their own tokens and profile. Only an admin may revoke another person's token.
  'GET /api/v1/tokens': everyone(200),
  'POST /api/v1/tokens': everyone(201),
  'DELETE /api/v1/tokens/{id}': {
    anonymous: 401,
    admin: k(204, 204, 404),
    director: k(204, 404, 404),
    manager: k(204, 404, 404),
    kam: k(204, 404, 404),
    bd: k(204, 404, 404),
    viewer: k(204, 404, 404),
  },
  'GET /api/v1/me': everyone(200),
  'PATCH /api/v1/me': everyone(200),

  // Users: everyone reads the organisation's people (owners, teams); only the admin changes them.
  // Record kinds for users: own = a user in the manager's tree, other = a user under the director.
  'GET /api/v1/users': everyone(200),
  'POST /api/v1/users': { anonymous: 401, admin: 201, director: 403, manager: 403, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/users/{id}': {
    anonymous: 401,
    admin: k(200, 200, 404),
    director: k(200, 200, 404),
    manager: k(200, 200, 404),
    kam: k(200, 200, 404),
    bd: k(200, 200, 404),
    viewer: k(200, 200, 404),
  },
  'PATCH /api/v1/users/{id}': {
    anonymous: 401,
    admin: k(200, 200, 404),
    director: k(403, 403, 404),
    manager: k(403, 403, 404),
    kam: k(403, 403, 404),
    bd: k(403, 403, 404),
    viewer: k(403, 403, 404),
  },

  // Accounts and their teams.
  'GET /api/v1/accounts': everyone(200),
  'POST /api/v1/accounts': writerCreate,
  'GET /api/v1/accounts/{id}': accountRead(200),
  'PATCH /api/v1/accounts/{id}': accountWrite(200),
  'DELETE /api/v1/accounts/{id}': accountWrite(204),
  'GET /api/v1/accounts/{id}/team': accountRead(200),
  'POST /api/v1/accounts/{id}/team': accountWrite(201),
  'DELETE /api/v1/accounts/{id}/team/{userId}': accountWrite(200),

  // Contacts live on an account: its visibility and write rules.
  'GET /api/v1/accounts/{id}/contacts': accountRead(200),
  'POST /api/v1/accounts/{id}/contacts': accountWrite(201),
  'GET /api/v1/accounts/{id}/contacts/{contactId}': accountRead(200),
  'PATCH /api/v1/accounts/{id}/contacts/{contactId}': accountWrite(200),
  'DELETE /api/v1/accounts/{id}/contacts/{contactId}': accountWrite(204),

  // Products: one catalogue per organisation (own and other are both org A's products); everyone
  // reads it, admin, director and manager maintain it.
  'GET /api/v1/products': everyone(200),
  'POST /api/v1/products': { anonymous: 401, admin: 201, director: 201, manager: 201, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/products/{id}': orgRecord(200, ['admin', 'director', 'manager', 'kam', 'bd', 'viewer']),
  'PATCH /api/v1/products/{id}': orgRecord(200, ['admin', 'director', 'manager']),
  'DELETE /api/v1/products/{id}': orgRecord(204, ['admin', 'director', 'manager']),

  // Imports: admin, director and manager import and read past runs (own = the admin's run, other =
  // the director's); templates are for everyone.
  'POST /api/v1/imports': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/imports': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/imports/{id}': {
    ...orgRecord(200, ['admin', 'director', 'manager']),
    kam: k(403, 403, 404),
    bd: k(403, 403, 404),
    viewer: k(403, 403, 404),
  },
  'GET /api/v1/imports/templates/{file}': everyone(200),

  // Key-account scoring: an account's score follows the account's visibility; the ranking and the
  // portfolio list what the caller sees; the admin changes the model, admin and director recompute.
  'GET /api/v1/accounts/{id}/score': accountRead(200),
  'GET /api/v1/accounts/{id}/score/history': accountRead(200),
  'GET /api/v1/scores/ranking': everyone(200),
  'GET /api/v1/scores/portfolio': everyone(200),
  'POST /api/v1/scores/recompute': { anonymous: 401, admin: 200, director: 200, manager: 403, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/scoring/model': everyone(200),
  'GET /api/v1/scoring/models': everyone(200),
  'PUT /api/v1/scoring/model': { anonymous: 401, admin: 200, director: 403, manager: 403, kam: 403, bd: 403, viewer: 403 },

  // Transactions (revenue actuals) belong to an account and follow its visibility; admin, director
  // and manager record and correct them (kam and bd read their own accounts' lines).
  'GET /api/v1/transactions': everyone(200),
  'POST /api/v1/transactions': { anonymous: 401, admin: 201, director: 201, manager: 201, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/transactions/{id}': accountRead(200),
  'PATCH /api/v1/transactions/{id}': transactionWrite(200),
  'DELETE /api/v1/transactions/{id}': transactionWrite(204),
  'GET /api/v1/accounts/{id}/monthly': accountRead(200),
  'GET /api/v1/accounts/{id}/families': accountRead(200),

  // FX rates: organisation settings keyed by currency and date (no record id; the tenant-isolation
  // suite checks them across organisations). Everyone reads; admin and director set; admin removes.
  'GET /api/v1/fx-rates': everyone(200),
  'PUT /api/v1/fx-rates/{currency}/{effectiveOn}': { anonymous: 401, admin: 201, director: 201, manager: 403, kam: 403, bd: 403, viewer: 403 },
  'DELETE /api/v1/fx-rates/{currency}/{effectiveOn}': { anonymous: 401, admin: 204, director: 403, manager: 403, kam: 403, bd: 403, viewer: 403 },

  // Account plans, their parts and share links: the account's visibility and write rules. A share
  // link is public by design: whoever holds the token reads the joint plan.
  'GET /api/v1/accounts/{id}/plans': accountRead(200),
  'POST /api/v1/accounts/{id}/plans': accountWrite(201),
  'GET /api/v1/plans/{id}': accountRead(200),
  'PATCH /api/v1/plans/{id}': accountWrite(200),
  'POST /api/v1/plans/{id}/copy': accountWrite(201),
  'POST /api/v1/plans/{id}/needs': accountWrite(201),
  'PATCH /api/v1/plans/{id}/needs/{needId}': accountWrite(200),
  'DELETE /api/v1/plans/{id}/needs/{needId}': accountWrite(204),
  'POST /api/v1/plans/{id}/objectives': accountWrite(201),
  'PATCH /api/v1/plans/{id}/objectives/{objectiveId}': accountWrite(200),
  'DELETE /api/v1/plans/{id}/objectives/{objectiveId}': accountWrite(204),
  'POST /api/v1/plans/{id}/actions': accountWrite(201),
  'PATCH /api/v1/plans/{id}/actions/{actionId}': accountWrite(200),
  'DELETE /api/v1/plans/{id}/actions/{actionId}': accountWrite(204),
  'POST /api/v1/plans/{id}/risks': accountWrite(201),
  'GET /api/v1/plans/{id}/shares': accountRead(200),
  'POST /api/v1/plans/{id}/shares': accountWrite(201),
  'DELETE /api/v1/plans/{id}/shares/{shareId}': accountWrite(204),
  'GET /api/v1/shared-plans/{token}': everyone(200, 200),

  // Account reviews: the account's rules; the admin sets the review cadence.
  'GET /api/v1/accounts/{id}/reviews': accountRead(200),
  'POST /api/v1/accounts/{id}/reviews': accountWrite(201),
  'GET /api/v1/reviews': everyone(200),
  'GET /api/v1/reviews/{id}': accountRead(200),
  'PATCH /api/v1/reviews/{id}': accountWrite(200),
  'DELETE /api/v1/reviews/{id}': accountWrite(204),
  'POST /api/v1/reviews/{id}/hold': accountWrite(200),
  'POST /api/v1/reviews/{id}/agenda': accountWrite(201),
  'GET /api/v1/reviews/{id}/pack.xlsx': accountRead(200),
  'GET /api/v1/review-settings': everyone(200),
  'PUT /api/v1/review-settings': adminOnly(200),

  // Interactions and engagement: the account's visibility and write rules; next steps and the
  // overdue list show what the caller sees; everyone reads the contact cadence, the admin sets it.
  'GET /api/v1/accounts/{id}/interactions': accountRead(200),
  'POST /api/v1/accounts/{id}/interactions': accountWrite(201),
  'GET /api/v1/interactions/{id}': accountRead(200),
  'PATCH /api/v1/interactions/{id}': accountWrite(200),
  'DELETE /api/v1/interactions/{id}': accountWrite(204),
  'GET /api/v1/next-steps': everyone(200),
  'GET /api/v1/accounts/{id}/engagement': accountRead(200),
  'GET /api/v1/engagement/overdue': everyone(200),
  'GET /api/v1/settings/cadence': everyone(200),
  'PUT /api/v1/settings/cadence': adminOnly(200),

  // Cases (capability 9): the account's visibility and write rules; the admin sets SLA hours.
  'GET /api/v1/accounts/{id}/cases': accountRead(200),
  'POST /api/v1/accounts/{id}/cases': accountWrite(201),
  'GET /api/v1/cases': everyone(200),
  'GET /api/v1/cases/{id}': accountRead(200),
  'PATCH /api/v1/cases/{id}': accountWrite(200),
  'POST /api/v1/cases/{id}/transitions': accountWrite(200),
  'GET /api/v1/cases/{id}/events': accountRead(200),
  'GET /api/v1/settings/case-sla': everyone(200),
  'PUT /api/v1/settings/case-sla': adminOnly(200),

  // Opportunities live on an account: read as the account, written by whoever may write to it.
  // A negotiation entry is changed by its author only (the recipe's entries are the admin's).
  'GET /api/v1/opportunities': everyone(200),
  'POST /api/v1/opportunities': { anonymous: 401, admin: 201, director: 201, manager: 201, kam: 201, bd: 201, viewer: 403 },
  'GET /api/v1/opportunities/totals': everyone(200),
  'GET /api/v1/opportunities/{id}': accountRead(200),
  'PATCH /api/v1/opportunities/{id}': accountWrite(200),
  'GET /api/v1/opportunities/{id}/history': accountRead(200),
  'GET /api/v1/opportunities/{id}/negotiation': accountRead(200),
  'POST /api/v1/opportunities/{id}/negotiation': accountWrite(201),
  'PATCH /api/v1/opportunities/{id}/negotiation/{entryId}': {
    anonymous: 401,
    admin: k(200, 200, 404),
    director: k(403, 403, 404),
    manager: k(403, 404, 404),
    kam: k(403, 404, 404),
    bd: k(403, 404, 404),
    viewer: k(403, 403, 404),
  },
  'GET /api/v1/settings/opportunity-stages': everyone(200),

  // Forecasts: everyone reads their own (a manager their team's, org-wide roles anyone's; the default scope is always allowed).
  // Calls and snapshots are for managers, directors and admins; the recipe's call is on the caller's own number.
  'GET /api/v1/forecasts': everyone(200),
  'GET /api/v1/forecasts/calls': everyone(200),
  'POST /api/v1/forecasts/calls': { anonymous: 401, admin: 201, director: 201, manager: 201, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/forecasts/snapshots': everyone(200),
  'POST /api/v1/forecasts/snapshots': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/forecasts/annual': everyone(200),
  'GET /api/v1/settings/forecast': everyone(200),
  'PUT /api/v1/settings/forecast': adminOnly(200),
  // Dynamics read an account's rollups (as the account); the portfolio covers the caller's visible accounts.
  'GET /api/v1/accounts/{id}/dynamics': accountRead(200),
  'GET /api/v1/accounts/{id}/whitespace': accountRead(200),
  'GET /api/v1/dynamics': everyone(200),
  'PUT /api/v1/settings/opportunity-stages': adminOnly(200),

  // Cost to serve: read as the account; the admin sets the hourly cost of each role.
  'GET /api/v1/settings/cost-rates': everyone(200),
  'PUT /api/v1/settings/cost-rates': adminOnly(200),
  'GET /api/v1/accounts/{id}/cost-to-serve': accountRead(200),

  // Relationship stage: read as the account; set by the owner (kam1 on `own`) or a manager above
  // them, a director or an admin; never by a BD or the viewer.
  'GET /api/v1/accounts/{id}/relationship-stage': accountRead(200),
  'PUT /api/v1/accounts/{id}/relationship-stage': { ...accountWrite(200), bd: k(403, 404, 404) },

  // My home page: everyone has one.
  'GET /api/v1/me/home': everyone(200),

  // Account health: read as the account; confirming an at-risk suggestion changes the account (its
  // write rules); the admin sets the threshold.
  'GET /api/v1/accounts/{id}/health': accountRead(200),
  'GET /api/v1/health/at-risk': everyone(200),
  'POST /api/v1/accounts/{id}/health/confirm-at-risk': accountWrite(200),
  'GET /api/v1/settings/health': everyone(200),
  'PUT /api/v1/settings/health': adminOnly(200),

  // Handovers (capability 3). Record kinds: own = bd1 hands bd1's onboarding account (kam1 on its
  // team) to kam1; other = the admin hands the director's account to a KAM outside the manager's
  // tree. Everyone who sees the account, the sender or the receiver sees the handover. The sending
  // side (admin, manager, bd) starts, changes and cancels; the receiving side (the KAM, their
  // manager, an admin) accepts or returns. The director and the viewer only watch.
  'GET /api/v1/handovers': everyone(200),
  'GET /api/v1/accounts/{id}/handovers': accountRead(200),
  'POST /api/v1/accounts/{id}/handovers': handoverSend(201),
  'GET /api/v1/handovers/{id}': accountRead(200),
  'PATCH /api/v1/handovers/{id}': handoverSend(200),
  'POST /api/v1/handovers/{id}/cancel': handoverSend(200),
  'POST /api/v1/handovers/{id}/accept': handoverReceive(200),
  'POST /api/v1/handovers/{id}/return': handoverReceive(200),

  // Audit: admins and directors read the whole log; managers, KAMs and BDs one visible account's
  // trail at a time (entity=account&entityId=, checked in the test's extra cases); the viewer none.
  'GET /api/v1/audit': { anonymous: 401, admin: 200, director: 200, manager: 403, kam: 403, bd: 403, viewer: 403 },

  // Compensation what-if simulator: no stored data, no side effects; every signed-in role may run it.
  'POST /api/v1/compensation/simulate': everyone(200),

  // Pricing. Price books are organisation-wide (own and other are both org A's): everyone reads,
  // admin, director and manager write. Agreements live on an account: read as the account, written
  // by admin, director and a manager who sees it (KAMs and BDs read them, they do not set prices).
  'GET /api/v1/price-books': everyone(200),
  'POST /api/v1/price-books': { anonymous: 401, admin: 201, director: 201, manager: 201, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/price-books/{id}': orgRecord(200, ['admin', 'director', 'manager', 'kam', 'bd', 'viewer']),
  'PATCH /api/v1/price-books/{id}': orgRecord(200, ['admin', 'director', 'manager']),
  'DELETE /api/v1/price-books/{id}': orgRecord(204, ['admin', 'director', 'manager']),
  'GET /api/v1/accounts/{id}/price-agreements': accountRead(200),
  'POST /api/v1/accounts/{id}/price-agreements': transactionWrite(201),
  'PATCH /api/v1/accounts/{id}/price-agreements/{agreementId}': transactionWrite(200),
  'DELETE /api/v1/accounts/{id}/price-agreements/{agreementId}': transactionWrite(204),
  'GET /api/v1/accounts/{id}/price': accountRead(200),
  // Stored plans: org-level records (own and other are both org A's plans); every role reads them
  // (a plan is published to the people on it), only the admin writes.
  'GET /api/v1/compensation/plans': everyone(200),
  'POST /api/v1/compensation/plans': adminOnly(201),
  'GET /api/v1/compensation/plans/{id}': orgRecord(200, ['admin', 'director', 'manager', 'kam', 'bd', 'viewer']),
  'POST /api/v1/compensation/plans/{id}/versions': orgRecord(200, ['admin']),
  // Plan assignments (pay): own = kam1's assignment, other = the director's. A person sees their
  // own, a manager their tree's, admin/director/viewer everyone's; bd1 sees neither (404). Only the admin writes.
  'GET /api/v1/compensation/assignments': everyone(200),
  'POST /api/v1/compensation/assignments': adminOnly(201),
  'GET /api/v1/compensation/assignments/{id}': payRead(200),
  'PATCH /api/v1/compensation/assignments/{id}': payAdminWrite(200),
  // Reports: every signed-in role reads them; each covers only the accounts the caller may see
  // (test/api/reports.test.ts checks the figures per role; an invisible account: scope answers 404).
  'GET /api/v1/reports/{name}': everyone(200),
  // Quotas: own = kam1's (the manager's report), other = the director's. Set by the person's
  // manager (never their own), a director or the admin; read like pay.
  'PUT /api/v1/compensation/quotas/{userId}/{period}': { ...payAdminWrite(200), director: k(200, 200, 404), manager: k(200, 404, 404) },
  'GET /api/v1/compensation/quotas/{userId}/history': payRead(200),
  'POST /api/v1/compensation/quotas/allocate': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'POST /api/v1/compensation/quotas/ramp': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'GET /api/v1/compensation/attainment': everyone(200),
  // Crediting: rules are the admin's; a deal's split is set like its lines (admin, director, a manager who sees it).
  'GET /api/v1/compensation/crediting-rules': everyone(200),
  'PUT /api/v1/compensation/crediting-rules': adminOnly(200),
  'PUT /api/v1/compensation/transactions/{id}/splits': transactionWrite(200),
  'PUT /api/v1/compensation/opportunities/{id}/splits': transactionWrite(200),
  'GET /api/v1/compensation/credits': everyone(200),

  // Quotes live on an account: read as the account, built and moved by its writers. Approve and
  // reject: the owner's manager (up the reporting line), a director or an admin, never the owner
  // (403). The recipes' quotes are built by the account's owner: kam1 (own), the director (other).
  'GET /api/v1/quotes': everyone(200),
  'POST /api/v1/quotes': writerCreate,
  'POST /api/v1/quotes/preview': { ...everyone(200), viewer: 403 },
  'GET /api/v1/quotes/{id}': accountRead(200),
  'PATCH /api/v1/quotes/{id}': accountWrite(200),
  'POST /api/v1/quotes/{id}/submit': accountWrite(200),
  'POST /api/v1/quotes/{id}/approve': quoteDecision(200),
  'POST /api/v1/quotes/{id}/reject': quoteDecision(200),
  'POST /api/v1/quotes/{id}/send': accountWrite(200),
  'POST /api/v1/quotes/{id}/accept': accountWrite(200),
  'POST /api/v1/quotes/{id}/decline': accountWrite(200),
  'GET /api/v1/quotes/{id}/history': accountRead(200),
  'GET /api/v1/quotes/{id}/export': accountRead(200),
  'GET /api/v1/settings/quotes': everyone(200),
  'PUT /api/v1/settings/quotes': adminOnly(200),

  // Notifications: everyone reads and marks their own; own = the caller's notification, other =
  // a colleague's in the same organisation (404: it is not theirs to see), foreign = org B's.
  'GET /api/v1/notifications': everyone(200),
  'POST /api/v1/notifications/read-all': everyone(200),
  'POST /api/v1/notifications/{id}/read': {
    anonymous: 401,
    admin: k(200, 404, 404),
    director: k(200, 404, 404),
    manager: k(200, 404, 404),
    kam: k(200, 404, 404),
    bd: k(200, 404, 404),
    viewer: k(200, 404, 404),
  },
  // People (issue 9). Records are users: own = a user in the manager's tree, other = a user under
  // the director, foreign = org B's. Personal data (profile, skills, book, pay): the person, their
  // management chain, directors and admins; a KAM's own self-service is tested in test/api/people.test.ts.
  'GET /api/v1/people/{id}/profile': personal(200),
  'PUT /api/v1/people/{id}/profile': personal(200),
  'GET /api/v1/people/{id}/skills': personal(200),
  'POST /api/v1/people/{id}/skills/ratings': personal(201),
  'GET /api/v1/people/{id}/skills/history': personal(200),
  'POST /api/v1/people/{id}/goals': personal(201),
  // a goal of a user of the kind
  'PATCH /api/v1/development-goals/{id}': personal(200),
  'GET /api/v1/settings/people': everyone(200),
  'PUT /api/v1/settings/people': adminOnly(200),
  'GET /api/v1/people/{id}/book': personal(200),
  'GET /api/v1/people/capacity': everyone(200),
  // Assignment: the people who run the team (admin, director, a manager who sees the account).
  'GET /api/v1/accounts/{id}/owner-candidates': assign(200),
  'POST /api/v1/accounts/{id}/owner-assignment': assign(200),
  'GET /api/v1/people/{id}/reassignment': personal(200),
  'POST /api/v1/people/{id}/reassignment': personal(200),
  // Pay bands: org-level records (own and other are both org A's bands); salary data.
  'GET /api/v1/pay-bands': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },
  'POST /api/v1/pay-bands': adminOnly(201),
  'PATCH /api/v1/pay-bands/{id}': orgRecord(200, ['admin']),
  'DELETE /api/v1/pay-bands/{id}': orgRecord(204, ['admin']),
  'GET /api/v1/people/{id}/pay': personal(200),
  'PUT /api/v1/people/{id}/expected-pay': orgRecord(200, ['admin']),
  'GET /api/v1/people/pay': { anonymous: 401, admin: 200, director: 200, manager: 200, kam: 403, bd: 403, viewer: 403 },

};

/** Operations on one stored record: a path parameter that is an id ({id}, {contactId}, {userId}). */
export const isRecordOperation = (operation: string): boolean => /\{(id|\w+Id)\}/.test(operation);

export const isPerKind = (cell: Cell | PerKind): cell is PerKind => typeof cell === 'object' && 'own' in cell;
export const expectedOf = (cell: Cell): number => (typeof cell === 'number' ? cell : cell.expected);
export const defectOf = (cell: Cell): string | null => (typeof cell === 'number' ? null : cell.knownDefect);
