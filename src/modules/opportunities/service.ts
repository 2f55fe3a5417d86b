import Big from 'big.js';
import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { convertMoney, formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { decodeCursor, toPage, type Page } from '../../db/paging.ts';
import { getVisibleAccount, requireWritableAccount } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { loadRateBook } from '../fx/service.ts';
import { findUser, getOrganisationCurrency } from '../users/service.ts';
import type {
  NegotiationEntry,
  NegotiationEntryCreate,
  NegotiationEntryUpdate,
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityStages,
  OpportunityStagesPut,
  OpportunityTotals,
  OpportunityTotalsQuery,
  OpportunityUpdate,
  StageChange,
} from './schemas.ts';
import { defaultStages, findStage, normalFraction, ownerTotals, place, validateStages, weighted, type Outcome, type Placement, type StageDefinition } from './stages.ts';
import * as store from './store.ts';
import type { negotiationEntries, StoredConcession } from './tables.ts';

export { wonStage, lostStage, type StageDefinition, type Outcome, type ForecastCategory } from './stages.ts';

const fail = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
};
const today = (ctx: AppContext): string => toIsoDate(ctx.clock.now());

// --- stages ---------------------------------------------------------------------------------------

/** The organisation's stages in order; the defaults (version 1) until an admin saves others. */
export async function opportunityStages(ex: Executor, orgId: string): Promise<{ stages: StageDefinition[]; version: number }> {
  const row = await store.getSettings(ex, orgId);
  return row ? { stages: row.stages, version: row.version } : { stages: defaultStages.map((s) => ({ ...s })), version: 1 };
}

export const getOpportunityStages = (ctx: AppContext, actor: Actor): Promise<OpportunityStages> => opportunityStages(ctx.db, actor.orgId);

/** An admin renames, re-weights, reorders, adds or removes stages; a stage still in use cannot be removed. */
export async function putOpportunityStages(ctx: AppContext, actor: Actor, version: number, input: OpportunityStagesPut): Promise<OpportunityStages> {
  requireRole(actor, ['admin'], 'change opportunity stages');
  const stages = input.stages.map((s) => ({ ...s, probability: normalFraction(s.probability) }));
  fail(validateStages(stages));
  return ctx.db.transaction(async (tx) => {
    const stored = await store.getSettings(tx, actor.orgId, true);
    const before = await opportunityStages(tx, actor.orgId);
    checkVersion(stored?.version ?? 1, version);
    const removed = before.stages.map((s) => s.key).filter((key) => !findStage(stages, key));
    const inUse = [...(await store.countInStages(tx, actor.orgId, removed))].filter(([, n]) => n > 0);
    if (inUse.length > 0) throw new AppError('conflict', `Stages still in use cannot be removed: ${inUse.map(([key, n]) => `${key} (${n} opportunities)`).join(', ')}`);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, stages, updatedAt: now, version: before.version + 1 });
    const after = { stages: saved.stages, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'opportunity_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

const keysOf = (stages: readonly StageDefinition[], outcome: Outcome | 'closed'): string[] =>
  stages.filter((s) => (outcome === 'closed' ? s.outcome !== 'open' : s.outcome === outcome)).map((s) => s.key);

// --- reads ----------------------------------------------------------------------------------------

type ProductView = Awaited<ReturnType<typeof store.productsByIds>>[number];

/** The rows as the API shows them, the products of all of them read in one query. */
async function toOpportunities(ex: Executor, rows: readonly store.OpportunityView[], stages: readonly StageDefinition[]): Promise<Opportunity[]> {
  const ids = [...new Set(rows.flatMap((row) => row.productIds))];
  const products = new Map((await store.productsByIds(ex, rows[0]?.orgId ?? '', ids)).map((p) => [p.id, p]));
  return rows.map((row) => describe(row, stages, products));
}

const toOpportunity = async (ex: Executor, row: store.OpportunityView, stages: readonly StageDefinition[]): Promise<Opportunity> =>
  (await toOpportunities(ex, [row], stages))[0]!;

function describe(row: store.OpportunityView, stages: readonly StageDefinition[], products: ReadonlyMap<string, ProductView>): Opportunity {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.accountName,
    name: row.name,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    stage: row.stage,
    outcome: findStage(stages, row.stage)?.outcome ?? 'open',
    probability: normalFraction(row.probability),
    weightedAmount: formatMoney(weighted(row.amount, row.probability), row.currency),
    forecastCategory: row.forecastCategory,
    closeDate: row.closeDate,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    products: row.productIds.map((id) => products.get(id)).filter((p) => p !== undefined),
    competitor: row.competitor,
    lostReason: row.lostReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The opportunity, if the caller may see its account; otherwise 404. */
async function visibleOpportunity(ex: Executor, actor: Actor, id: string): Promise<store.OpportunityView> {
  const row = await store.findOpportunity(ex, actor.orgId, id);
  if (!row) throw notFound('Opportunity');
  await getVisibleAccount(ex, actor, row.accountId).catch(() => {
    throw notFound('Opportunity');
  });
  return row;
}

export async function getOpportunity(ctx: AppContext, actor: Actor, id: string): Promise<Opportunity> {
  const row = await visibleOpportunity(ctx.db, actor, id);
  return toOpportunity(ctx.db, row, (await opportunityStages(ctx.db, actor.orgId)).stages);
}

function storeFilter(query: OpportunityTotalsQuery, stages: readonly StageDefinition[]): store.OpportunityFilter {
  return {
    ownerId: query.ownerId,
    accountId: query.accountId,
    stage: query.stage,
    stages: query.outcome ? keysOf(stages, query.outcome) : undefined,
    forecastCategory: query.forecastCategory,
    closeFrom: query.closeFrom,
    closeTo: query.closeTo,
    q: query.q,
  };
}

/** Opportunities on accounts the caller sees, filtered, keyset-paged (by close date unless sorted otherwise). */
export async function listOpportunities(ctx: AppContext, actor: Actor, query: OpportunityListQuery): Promise<Page<Opportunity>> {
  if (query.accountId) await getVisibleAccount(ctx.db, actor, query.accountId);
  const { stages } = await opportunityStages(ctx.db, actor.orgId);
  const limit = query.limit ?? 50;
  const sort = query.sort ?? 'closeDate';
  const column = sort.replace('-', '') as store.SortColumn;
  const rows = await store.listOpportunities(ctx.db, actor, {
    ...storeFilter(query, stages),
    sort: { column, descending: sort.startsWith('-') },
    after: query.cursor ? decodeCursor(query.cursor, 2) : undefined,
    limit,
  });
  const page = toPage(rows, limit, (row) => row, (row) => [column === 'updatedAt' ? row.updatedAt.toISOString() : row[column], row.id]);
  return { items: await toOpportunities(ctx.db, page.items, stages), nextCursor: page.nextCursor };
}

/**
 * Per-owner sums of the matching opportunities, weighted (amount × probability) and not, in the
 * organisation's currency at the rate in force today. A currency without a rate answers 422.
 */
export async function opportunityTotals(ctx: AppContext, actor: Actor, query: OpportunityTotalsQuery): Promise<OpportunityTotals> {
  const { stages } = await opportunityStages(ctx.db, actor.orgId);
  const rows = await store.totalsRows(ctx.db, actor, storeFilter(query, stages));
  const orgCurrency = await getOrganisationCurrency(ctx.db, actor.orgId);
  const asOf = today(ctx);
  const book = await loadRateBook(ctx.db, actor.orgId, rows.map((r) => r.currency), orgCurrency);
  const converted = rows.map((row) => {
    const rate = book.rateOn(row.currency, asOf);
    if (rate === undefined) throw new AppError('unprocessable', `No FX rate for ${row.currency} → ${orgCurrency} in force on ${asOf}; add one with PUT /api/v1/fx-rates/${row.currency}/{effectiveOn}`);
    return { ownerId: row.ownerId, amount: convertMoney(row.amount, row.currency, orgCurrency, rate), probability: row.probability };
  });
  const names = new Map(rows.map((r) => [r.ownerId, r.ownerName]));
  const owners = ownerTotals(converted);
  const sum = (pick: (t: (typeof owners)[number]) => bigint) => owners.reduce((acc, t) => acc + pick(t), 0n);
  return {
    currency: orgCurrency,
    asOf,
    owners: owners.map((t) => ({ ownerId: t.ownerId, ownerName: names.get(t.ownerId) ?? null, count: t.count, amount: formatMoney(t.amount, orgCurrency), weightedAmount: formatMoney(t.weightedAmount, orgCurrency) })),
    total: { count: converted.length, amount: formatMoney(sum((t) => t.amount), orgCurrency), weightedAmount: formatMoney(sum((t) => t.weightedAmount), orgCurrency) },
  };
}

export async function stageHistory(ctx: AppContext, actor: Actor, id: string): Promise<StageChange[]> {
  await visibleOpportunity(ctx.db, actor, id);
  const rows = await store.listStageHistory(ctx.db, actor.orgId, id);
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    fromStage: row.fromStage,
    toStage: row.toStage,
    amount: formatMoney(row.amount, row.currency),
    currency: row.currency,
    probability: normalFraction(row.probability),
    actorId: row.actorId,
    actorName: row.actorName,
  }));
}

// --- writes ---------------------------------------------------------------------------------------

async function checkOwner(ex: Executor, orgId: string, ownerId: string | null | undefined, errors: FieldError[]): Promise<void> {
  if (!ownerId) return;
  const user = await findUser(ex, orgId, ownerId);
  if (!user) errors.push({ path: 'ownerId', message: 'is not a user of this organisation' });
  else if (user.role === 'viewer') errors.push({ path: 'ownerId', message: 'a viewer cannot own an opportunity' });
}

async function checkProducts(ex: Executor, orgId: string, productIds: readonly string[] | undefined, errors: FieldError[]): Promise<void> {
  if (!productIds?.length) return;
  const found = new Set((await store.productsByIds(ex, orgId, productIds)).map((p) => p.id));
  const missing = productIds.filter((id) => !found.has(id));
  if (missing.length) errors.push({ path: 'productIds', message: `not products of this organisation: ${missing.join(', ')}` });
}

function parseAmount(amount: string, currency: string, errors: FieldError[]): bigint {
  if (!isCurrency(currency)) {
    errors.push({ path: 'currency', message: `${currency} is not an ISO 4217 currency` });
    return 0n;
  }
  try {
    const minor = parseMoney(amount, currency);
    if (minor < 0n) errors.push({ path: 'amount', message: 'cannot be negative' });
    return minor;
  } catch (error) {
    errors.push({ path: 'amount', message: (error as Error).message });
    return 0n;
  }
}

function checkLostReason(stage: StageDefinition | undefined, lostReason: string | null | undefined, errors: FieldError[]): void {
  if (stage?.outcome === 'lost' && !lostReason?.trim()) errors.push({ path: 'lostReason', message: 'is needed to mark an opportunity lost' });
}

/**
 * Creates an opportunity in the caller's transaction, for the route and for other modules (an
 * accepted quote creates a won one). The caller must be able to write to the account. Owner
 * defaults to the account's owner, else the caller; probability and forecast category to the
 * stage's. The first stage-history row records the creation.
 */
export async function createOpportunityIn(tx: Executor, actor: Actor, at: Date, input: OpportunityCreate): Promise<Opportunity> {
  const account = await requireWritableAccount(tx, actor, input.accountId);
  const { stages } = await opportunityStages(tx, actor.orgId);
  const errors: FieldError[] = [];
  const amount = parseAmount(input.amount, input.currency, errors);
  const { placement, problems } = place(stages, null, input);
  errors.push(...problems);
  checkLostReason(findStage(stages, placement.stage), input.lostReason, errors);
  await checkOwner(tx, actor.orgId, input.ownerId, errors);
  await checkProducts(tx, actor.orgId, input.productIds, errors);
  fail(errors);
  const closed = findStage(stages, placement.stage)!.outcome !== 'open';
  const row = await store.insertOpportunity(tx, {
    orgId: actor.orgId,
    id: newId(),
    accountId: input.accountId,
    name: input.name.trim(),
    ownerId: input.ownerId === undefined ? (account.ownerId ?? actor.userId) : input.ownerId,
    amount,
    currency: input.currency,
    ...placement,
    closeDate: input.closeDate,
    closedAt: closed ? at : null,
    productIds: input.productIds ?? [],
    competitor: input.competitor?.trim() || null,
    lostReason: input.lostReason?.trim() || null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  await store.insertStageChange(tx, { orgId: actor.orgId, id: newId(), opportunityId: row.id, at, fromStage: null, toStage: row.stage, amount, currency: row.currency, probability: row.probability, actorId: actor.userId });
  await recordChange(tx, actor, at, { action: 'create', entity: 'opportunity', entityId: row.id, after: row });
  return toOpportunity(tx, (await store.findOpportunity(tx, actor.orgId, row.id))!, stages);
}

export const createOpportunity = (ctx: AppContext, actor: Actor, input: OpportunityCreate): Promise<Opportunity> =>
  ctx.db.transaction((tx) => createOpportunityIn(tx, actor, ctx.clock.now(), input));

/**
 * Changes an opportunity (If-Match). A stage move brings the new stage's probability and forecast
 * category unless given, records a stage-history row with the amount at that moment, and, into a
 * won or lost stage, stamps closedAt and sets the close date to today unless one is given.
 */
export async function updateOpportunity(ctx: AppContext, actor: Actor, id: string, version: number, input: OpportunityUpdate): Promise<Opportunity> {
  return ctx.db.transaction(async (tx) => {
    const current = await visibleOpportunity(tx, actor, id);
    await requireWritableAccount(tx, actor, current.accountId);
    const before = await store.lockOpportunity(tx, actor.orgId, id);
    if (!before) throw notFound('Opportunity');
    checkVersion(before.version, version);
    const { stages } = await opportunityStages(tx, actor.orgId);
    const errors: FieldError[] = [];
    const currency = input.currency ?? before.currency;
    if (input.currency !== undefined && input.currency !== before.currency && input.amount === undefined) errors.push({ path: 'amount', message: 'give the amount in the new currency too' });
    const amount = input.amount !== undefined ? parseAmount(input.amount, currency, errors) : before.amount;
    const currentPlacement: Placement = { stage: before.stage, probability: before.probability, forecastCategory: before.forecastCategory };
    const { placement, problems } = place(stages, currentPlacement, input);
    errors.push(...problems);
    const target = findStage(stages, placement.stage);
    const moved = placement.stage !== before.stage;
    const leavingLost = moved && findStage(stages, before.stage)?.outcome === 'lost';
    const lostReason = input.lostReason !== undefined ? input.lostReason?.trim() || null : leavingLost ? null : before.lostReason;
    checkLostReason(target, lostReason, errors);
    await checkOwner(tx, actor.orgId, input.ownerId, errors);
    await checkProducts(tx, actor.orgId, input.productIds, errors);
    fail(errors);
    const now = ctx.clock.now();
    const closing = moved && target!.outcome !== 'open';
    const changes: Partial<store.NewOpportunityRow> = {
      ...placement,
      amount,
      currency,
      lostReason,
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.productIds !== undefined ? { productIds: input.productIds } : {}),
      ...(input.competitor !== undefined ? { competitor: input.competitor?.trim() || null } : {}),
      ...(input.closeDate !== undefined ? { closeDate: input.closeDate } : closing ? { closeDate: today(ctx) } : {}),
      ...(moved ? { closedAt: target!.outcome === 'open' ? null : now } : {}),
    };
    const after = await store.updateOpportunity(tx, actor.orgId, id, changes, now);
    if (moved) {
      await store.insertStageChange(tx, { orgId: actor.orgId, id: newId(), opportunityId: id, at: now, fromStage: before.stage, toStage: after.stage, amount: after.amount, currency: after.currency, probability: after.probability, actorId: actor.userId });
    }
    await recordChange(tx, actor, now, { action: 'update', entity: 'opportunity', entityId: id, before, after });
    return toOpportunity(tx, (await store.findOpportunity(tx, actor.orgId, id))!, stages);
  });
}

// --- negotiation log ------------------------------------------------------------------------------

function toEntry(row: store.NegotiationRow & { authorName: string }, actor: Actor): NegotiationEntry {
  const concession = (c: StoredConcession) => ({ description: c.description, value: c.value === null || c.currency === null ? null : formatMoney(BigInt(c.value), c.currency), currency: c.currency });
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    occurredOn: row.occurredOn,
    ourPosition: row.ourPosition,
    theirPosition: row.theirPosition,
    concessionsGiven: row.concessionsGiven.map(concession),
    concessionsReceived: row.concessionsReceived.map(concession),
    agreedTerms: row.agreedTerms,
    nextMove: row.nextMove,
    authorId: row.authorId,
    authorName: row.authorName,
    editable: row.authorId === actor.userId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type ConcessionInput = NonNullable<NegotiationEntryCreate['concessionsGiven']>[number];

/** Concessions as stored: a value needs a currency (the opportunity's unless given) and is kept in minor units. */
function storedConcessions(items: readonly ConcessionInput[], defaultCurrency: string, path: string, errors: FieldError[]): StoredConcession[] {
  return items.map((item, i) => {
    const description = item.description.trim();
    if (!description) errors.push({ path: `${path}/${i}/description`, message: 'is empty' });
    if (item.value === undefined || item.value === null) return { description, value: null, currency: null };
    const currency = item.currency ?? defaultCurrency;
    if (!isCurrency(currency)) {
      errors.push({ path: `${path}/${i}/currency`, message: `${currency} is not an ISO 4217 currency` });
      return { description, value: null, currency: null };
    }
    try {
      const minor = parseMoney(item.value, currency);
      if (minor < 0n) errors.push({ path: `${path}/${i}/value`, message: 'cannot be negative' });
      return { description, value: minor.toString(), currency };
    } catch (error) {
      errors.push({ path: `${path}/${i}/value`, message: (error as Error).message });
      return { description, value: null, currency: null };
    }
  });
}

const trimmed = (text: string | null | undefined): string | null => text?.trim() || null;

function entryValues(input: NegotiationEntryUpdate, currency: string, errors: FieldError[]) {
  const values: Partial<typeof negotiationEntries.$inferInsert> = {};
  if (input.occurredOn !== undefined) values.occurredOn = input.occurredOn;
  for (const key of ['ourPosition', 'theirPosition', 'agreedTerms', 'nextMove'] as const) if (input[key] !== undefined) values[key] = trimmed(input[key]);
  if (input.concessionsGiven !== undefined) values.concessionsGiven = storedConcessions(input.concessionsGiven, currency, 'concessionsGiven', errors);
  if (input.concessionsReceived !== undefined) values.concessionsReceived = storedConcessions(input.concessionsReceived, currency, 'concessionsReceived', errors);
  return values;
}

const isEmptyEntry = (e: { ourPosition?: string | null; theirPosition?: string | null; agreedTerms?: string | null; nextMove?: string | null; concessionsGiven?: unknown[]; concessionsReceived?: unknown[] }): boolean =>
  !e.ourPosition && !e.theirPosition && !e.agreedTerms && !e.nextMove && !e.concessionsGiven?.length && !e.concessionsReceived?.length;

export async function listNegotiation(ctx: AppContext, actor: Actor, opportunityId: string, query: { limit?: number; cursor?: string }): Promise<Page<NegotiationEntry>> {
  await visibleOpportunity(ctx.db, actor, opportunityId);
  const limit = query.limit ?? 50;
  const rows = await store.listNegotiation(ctx.db, actor.orgId, opportunityId, { after: query.cursor ? decodeCursor(query.cursor, 2) : undefined, limit });
  return toPage(rows, limit, (row) => toEntry(row, actor), (row) => [row.occurredOn, row.id]);
}

export async function addNegotiationEntry(ctx: AppContext, actor: Actor, opportunityId: string, input: NegotiationEntryCreate): Promise<NegotiationEntry> {
  return ctx.db.transaction(async (tx) => {
    const opportunity = await visibleOpportunity(tx, actor, opportunityId);
    await requireWritableAccount(tx, actor, opportunity.accountId);
    const errors: FieldError[] = [];
    const values = entryValues({ concessionsGiven: [], concessionsReceived: [], ...input }, opportunity.currency, errors);
    if (isEmptyEntry(values)) errors.push({ path: 'ourPosition', message: 'an entry needs a position, a concession, agreed terms or a next move' });
    fail(errors);
    const now = ctx.clock.now();
    const row = await store.insertNegotiationEntry(tx, {
      orgId: actor.orgId,
      id: newId(),
      opportunityId,
      occurredOn: input.occurredOn ?? today(ctx),
      authorId: actor.userId,
      concessionsGiven: [],
      concessionsReceived: [],
      ...values,
      createdAt: now,
      updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'negotiation_entry', entityId: row.id, after: row });
    return toEntry((await store.findNegotiationEntry(tx, actor.orgId, opportunityId, row.id))!, actor);
  });
}

/** Only the author edits an entry (it is their record of what was said). */
export async function updateNegotiationEntry(ctx: AppContext, actor: Actor, opportunityId: string, entryId: string, version: number, input: NegotiationEntryUpdate): Promise<NegotiationEntry> {
  return ctx.db.transaction(async (tx) => {
    const opportunity = await visibleOpportunity(tx, actor, opportunityId);
    await requireWritableAccount(tx, actor, opportunity.accountId);
    const before = await store.findNegotiationEntry(tx, actor.orgId, opportunityId, entryId, true);
    if (!before) throw notFound('Negotiation entry');
    if (before.authorId !== actor.userId) throw new AppError('forbidden', 'Only the author of a negotiation entry can change it');
    checkVersion(before.version, version);
    const errors: FieldError[] = [];
    const values = entryValues(input, opportunity.currency, errors);
    if (isEmptyEntry({ ...before, ...values })) errors.push({ path: 'ourPosition', message: 'an entry needs a position, a concession, agreed terms or a next move' });
    fail(errors);
    const now = ctx.clock.now();
    const { authorName: _name, ...beforeRow } = before;
    const after = await store.updateNegotiationEntry(tx, actor.orgId, entryId, values, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'negotiation_entry', entityId: entryId, before: beforeRow, after });
    return toEntry({ ...after, authorName: before.authorName }, actor);
  });
}

// --- for other modules ----------------------------------------------------------------------------

/** One opportunity as other modules read it: money in minor units, probability as decimal text. */
export interface PeriodOpportunity {
  id: string;
  accountId: string;
  ownerId: string | null;
  name: string;
  amount: bigint;
  currency: string;
  stage: string;
  outcome: Outcome;
  probability: string;
  forecastCategory: OpportunityRow['forecastCategory'];
  closeDate: string;
  closedAt: Date | null;
}
type OpportunityRow = store.OpportunityRow;

/**
 * Opportunities of an organisation whose close date (expected while open, actual once won or lost)
 * lies in [from, to] (inclusive, YYYY-MM-DD), on live accounts, optionally only some owners,
 * stages or outcomes. No visibility filter: the caller (compensation crediting, forecasts) decides
 * who may see the result. Ordered by close date.
 */
export async function opportunitiesForPeriod(
  ex: Executor,
  orgId: string,
  filter: { from: string; to: string; ownerIds?: readonly string[]; stages?: readonly string[]; outcomes?: readonly Outcome[] },
): Promise<PeriodOpportunity[]> {
  const { stages } = await opportunityStages(ex, orgId);
  const outcomeStages = filter.outcomes ? stages.filter((s) => filter.outcomes!.includes(s.outcome)).map((s) => s.key) : undefined;
  const wanted = filter.stages && outcomeStages ? filter.stages.filter((s) => outcomeStages.includes(s)) : (filter.stages ?? outcomeStages);
  const rows = await store.opportunitiesClosingBetween(ex, orgId, { from: filter.from, to: filter.to, ownerIds: filter.ownerIds, stages: wanted });
  return rows.map((row) => ({
    id: row.id,
    accountId: row.accountId,
    ownerId: row.ownerId,
    name: row.name,
    amount: row.amount,
    currency: row.currency,
    stage: row.stage,
    outcome: findStage(stages, row.stage)?.outcome ?? 'open',
    probability: new Big(row.probability).toFixed(),
    forecastCategory: row.forecastCategory,
    closeDate: row.closeDate,
    closedAt: row.closedAt,
  }));
}
