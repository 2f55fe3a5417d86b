import type { Actor } from '../../core/actor.ts';
import type { AppContext } from '../../core/context.ts';
import { toIsoDate } from '../../core/dates.ts';
import { AppError, invalid, notFound, type FieldError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { formatMoney, isCurrency, parseMoney } from '../../core/money.ts';
import { requireRole } from '../../core/permissions.ts';
import { checkVersion } from '../../core/versions.ts';
import type { Executor } from '../../db/connection.ts';
import { getVisibleAccount, transferOwnership } from '../accounts/service.ts';
import { recordChange } from '../audit/service.ts';
import { currentPayOf, currentPaysOf, type CurrentPay } from '../compensation/service.ts';
import { recordReassignment } from '../handovers/service.ts';
import type { Tier } from '../scoring/scoring.ts';
import { getOrganisationCurrency } from '../users/service.ts';
import type { Role } from '../users/tables.ts';
import { defaultCapacityTargets, defaultTierWeights, weightedLoad, weightOf, workload, type TierCounts, type TierWeights } from './capacity.ts';
import { languagesOf, neededSkills, rankCandidates, suggestOwners, type AccountNeeds, type Candidate } from './fit.ts';
import { bandProblems, compareToBand } from './pay.ts';
import type {
  AssignmentResult, Book, ExpectedPayPut, Goal, GoalCreate, GoalUpdate, OwnerAssignment, OwnerCandidates, PayBand, PayBandCreate, PayBandUpdate,
  PeopleSettings, PeopleSettingsPut, PersonPay, Profile, ProfilePut, RatingsPost, Reassignment, ReassignmentPlan, Skills,
} from './schemas.ts';
import { defaultRoleProfiles, defaultSkills, effectiveRatings, gapsOf, skillLines, skillListProblems, targetProblems, type RatingEvent } from './skills.ts';
import * as store from './store.ts';

const fail = (errors: readonly FieldError[]): void => {
  if (errors.length > 0) throw new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: [...errors] });
};
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** Who may assign owners: the people who run the team. */
export const ASSIGNER_ROLES: readonly Role[] = ['admin', 'director', 'manager'];

// --- access --------------------------------------------------------------------------------------------------

interface Access {
  person: store.PersonRef;
  self: boolean;
  /** The caller is above the person in the reporting lines. */
  above: boolean;
}

async function accessTo(ex: Executor, actor: Actor, userId: string): Promise<Access> {
  const person = await store.findPerson(ex, actor.orgId, userId);
  if (!person) throw notFound('Person');
  const self = person.id === actor.userId;
  const above = !self && (await store.isAbove(ex, actor.orgId, actor.userId, userId));
  return { person, self, above };
}

/**
 * Personal data (profile, skills, book, pay): the person, their management chain, directors and
 * admins. Everyone else of the organisation gets 403 (the person's existence is no secret: the
 * users list shows them).
 */
async function requirePersonal(ex: Executor, actor: Actor, userId: string, what: string): Promise<Access> {
  const access = await accessTo(ex, actor, userId);
  if (access.self || access.above || actor.role === 'admin' || actor.role === 'director') return access;
  throw new AppError('forbidden', `Only the person, their managers, directors and admins see ${what}`);
}

/** Changes to a person's record: the person, their management chain, or an admin. */
async function requirePersonalWrite(ex: Executor, actor: Actor, userId: string, what: string): Promise<Access> {
  const access = await accessTo(ex, actor, userId);
  if (actor.role !== 'viewer' && (access.self || access.above || actor.role === 'admin')) return access;
  throw new AppError('forbidden', `Only the person, their managers and admins change ${what}`);
}

/** The people a caller's team views cover: everyone (org-wide roles), their reports and themselves (managers), themselves. */
async function scopeIds(ex: Executor, actor: Actor): Promise<string[] | null> {
  if (['admin', 'director', 'viewer'].includes(actor.role)) return null;
  if (actor.role === 'manager') return [actor.userId, ...(await store.reportIds(ex, actor.orgId, actor.userId))];
  return [actor.userId];
}

// --- settings ---------------------------------------------------------------------------------------------------

function settingsOf(row: store.SettingsRow | undefined): PeopleSettings & { tierWeights: TierWeights } {
  if (!row) return { skills: [...defaultSkills], roleProfiles: structuredClone(defaultRoleProfiles), tierWeights: { ...defaultTierWeights }, capacityTargets: { ...defaultCapacityTargets }, version: 1 };
  return { skills: row.skills, roleProfiles: row.roleProfiles, tierWeights: { ...defaultTierWeights, ...row.tierWeights }, capacityTargets: row.capacityTargets, version: row.version };
}

export const peopleSettings = async (ex: Executor, orgId: string) => settingsOf(await store.getSettings(ex, orgId));

export const getPeopleSettings = (ctx: AppContext, actor: Actor) => peopleSettings(ctx.db, actor.orgId);

export async function putPeopleSettings(ctx: AppContext, actor: Actor, version: number, input: PeopleSettingsPut): Promise<PeopleSettings> {
  requireRole(actor, ['admin'], 'change the skill list, role profiles and capacity targets');
  fail([...skillListProblems(input.skills), ...Object.entries(input.roleProfiles).flatMap(([role, targets]) => targetProblems(targets, input.skills, `roleProfiles.${role}`))]);
  return ctx.db.transaction(async (tx) => {
    const before = settingsOf(await store.getSettings(tx, actor.orgId, true));
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const saved = await store.saveSettings(tx, { orgId: actor.orgId, ...input, updatedAt: now, version: before.version + 1 });
    const after = { skills: saved.skills, roleProfiles: saved.roleProfiles, tierWeights: saved.tierWeights, capacityTargets: saved.capacityTargets, version: saved.version };
    await recordChange(tx, actor, now, { action: 'update', entity: 'people_settings', entityId: actor.orgId, before, after });
    return after;
  });
}

// --- profiles --------------------------------------------------------------------------------------------------

function toProfile(person: store.PersonRef, row: store.ProfileRow | undefined): Profile {
  return {
    userId: person.id,
    name: person.name,
    role: person.role,
    managerId: person.managerId,
    education: row?.education ?? [],
    certifications: row?.certifications ?? [],
    yearsTotal: row?.yearsTotal ?? null,
    yearsSales: row?.yearsSales ?? null,
    industryYears: row?.industryYears ?? [],
    industries: row?.industries ?? [],
    countries: row?.countries ?? [],
    languages: row?.languages ?? [],
    updatedAt: iso(row?.updatedAt ?? null),
    version: row?.version ?? 1,
  };
}

export async function getProfile(ctx: AppContext, actor: Actor, userId: string): Promise<Profile> {
  const { person } = await requirePersonal(ctx.db, actor, userId, 'a profile');
  return toProfile(person, await store.getProfile(ctx.db, actor.orgId, userId));
}

function profileProblems(input: ProfilePut): FieldError[] {
  const errors: FieldError[] = [];
  if (input.yearsTotal !== null && input.yearsSales !== null && input.yearsSales > input.yearsTotal) errors.push({ path: 'yearsSales', message: 'cannot exceed the years in total' });
  input.industryYears.forEach((entry, i) => {
    if (input.yearsTotal !== null && entry.years > input.yearsTotal) errors.push({ path: `industryYears.${i}.years`, message: 'cannot exceed the years in total' });
  });
  input.certifications.forEach((c, i) => {
    if (c.expiresOn && c.expiresOn < c.obtainedOn) errors.push({ path: `certifications.${i}.expiresOn`, message: 'is before the date obtained' });
  });
  const seen = new Set<string>();
  input.industryYears.forEach((entry, i) => {
    const key = entry.industry.trim().toLowerCase();
    if (seen.has(key)) errors.push({ path: `industryYears.${i}.industry`, message: `${entry.industry} is listed twice` });
    seen.add(key);
  });
  return errors;
}

export async function putProfile(ctx: AppContext, actor: Actor, userId: string, version: number, input: ProfilePut): Promise<Profile> {
  fail(profileProblems(input));
  return ctx.db.transaction(async (tx) => {
    const { person } = await requirePersonalWrite(tx, actor, userId, 'a profile');
    const before = await store.getProfile(tx, actor.orgId, userId, true);
    checkVersion(before?.version ?? 1, version);
    const now = ctx.clock.now();
    const unique = (list: string[]) => [...new Set(list.map((s) => s.trim()))];
    const after = await store.saveProfile(tx, {
      orgId: actor.orgId,
      userId,
      ...input,
      industries: unique(input.industries),
      countries: unique(input.countries),
      languages: unique(input.languages),
      updatedAt: now,
      version: (before?.version ?? 1) + 1,
    });
    await recordChange(tx, actor, now, { action: before ? 'update' : 'create', entity: 'person_profile', entityId: userId, before: before ?? null, after });
    return toProfile(person, after);
  });
}

// --- skills ------------------------------------------------------------------------------------------------------

const toGoal = (row: store.GoalRow): Goal => ({
  id: row.id, userId: row.userId, skill: row.skill, targetRating: row.targetRating, dueOn: row.dueOn, note: row.note, status: row.status,
  createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), version: row.version,
});

async function skillsOf(ex: Executor, orgId: string, person: store.PersonRef): Promise<Skills> {
  const settings = await peopleSettings(ex, orgId);
  const history: RatingEvent[] = (await store.listRatings(ex, orgId, [person.id])).map((r) => ({ skill: r.skill, kind: r.kind, rating: r.rating, ratedAt: r.ratedAt, ratedBy: r.ratedBy }));
  const lines = skillLines(settings.skills, history, settings.roleProfiles[person.role] ?? {});
  return {
    userId: person.id,
    role: person.role,
    skills: lines.map((l) => ({ ...l, selfRatedAt: iso(l.selfRatedAt), managerRatedAt: iso(l.managerRatedAt) })),
    gaps: gapsOf(lines).map((l) => l.skill),
    goals: (await store.listGoals(ex, orgId, person.id)).map(toGoal),
  };
}

export async function getSkills(ctx: AppContext, actor: Actor, userId: string): Promise<Skills> {
  const { person } = await requirePersonal(ctx.db, actor, userId, 'skill ratings');
  return skillsOf(ctx.db, actor.orgId, person);
}

export async function getRatingHistory(ctx: AppContext, actor: Actor, userId: string, limit = 200) {
  await requirePersonal(ctx.db, actor, userId, 'skill ratings');
  const rows = await store.ratingHistory(ctx.db, actor.orgId, userId, limit);
  return { items: rows.map((r) => ({ id: r.id, skill: r.skill, kind: r.kind, rating: r.rating, note: r.note, ratedBy: r.ratedBy, ratedByName: r.ratedByName, ratedAt: new Date(r.ratedAt).toISOString() })) };
}

/**
 * Ratings join the history. A self-assessment is the person's own (nobody rates for them); a
 * manager assessment comes from someone above them in the reporting lines (an admin too).
 */
export async function rateSkills(ctx: AppContext, actor: Actor, userId: string, input: RatingsPost): Promise<Skills> {
  return ctx.db.transaction(async (tx) => {
    const { person, self, above } = await accessTo(tx, actor, userId);
    if (input.kind === 'self' && !self) throw new AppError('forbidden', 'A self-assessment is made by the person themselves');
    if (input.kind === 'manager' && !(above || (actor.role === 'admin' && !self))) throw new AppError('forbidden', 'A manager assessment is made by someone the person reports to');
    const settings = await peopleSettings(tx, actor.orgId);
    const known = new Set(settings.skills.map((s) => s.key));
    const seen = new Set<string>();
    const errors: FieldError[] = [];
    input.ratings.forEach((r, i) => {
      if (!known.has(r.skill)) errors.push({ path: `ratings.${i}.skill`, message: `${r.skill} is not on the organisation's skill list` });
      if (seen.has(r.skill)) errors.push({ path: `ratings.${i}.skill`, message: `${r.skill} is rated twice` });
      seen.add(r.skill);
    });
    fail(errors);
    const now = ctx.clock.now();
    const rows = await store.insertRatings(tx, input.ratings.map((r) => ({
      orgId: actor.orgId, id: newId(), userId, skill: r.skill, kind: input.kind, rating: r.rating, note: r.note?.trim() || null, ratedBy: actor.userId, ratedAt: now,
    })));
    await recordChange(tx, actor, now, { action: 'create', entity: 'skill_ratings', entityId: userId, after: rows });
    return skillsOf(tx, actor.orgId, person);
  });
}

export async function createGoal(ctx: AppContext, actor: Actor, userId: string, input: GoalCreate): Promise<Goal> {
  return ctx.db.transaction(async (tx) => {
    const { person } = await requirePersonalWrite(tx, actor, userId, 'development goals');
    const settings = await peopleSettings(tx, actor.orgId);
    if (!settings.skills.some((s) => s.key === input.skill)) throw invalid('skill', `${input.skill} is not on the organisation's skill list`);
    const targetRating = input.targetRating ?? settings.roleProfiles[person.role]?.[input.skill];
    if (targetRating === undefined) throw invalid('targetRating', 'is needed: the role profile sets no target for this skill');
    const now = ctx.clock.now();
    if (input.dueOn && input.dueOn < toIsoDate(now)) throw invalid('dueOn', 'has passed');
    const row = await store.insertGoal(tx, {
      orgId: actor.orgId, id: newId(), userId, skill: input.skill, targetRating, dueOn: input.dueOn ?? null, note: input.note ?? '', status: 'open',
      createdBy: actor.userId, createdAt: now, updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'development_goal', entityId: row.id, after: row });
    return toGoal(row);
  });
}

export async function updateGoal(ctx: AppContext, actor: Actor, goalId: string, version: number, input: GoalUpdate): Promise<Goal> {
  return ctx.db.transaction(async (tx) => {
    const found = await store.findGoal(tx, actor.orgId, goalId);
    if (!found) throw notFound('Development goal');
    await requirePersonalWrite(tx, actor, found.userId, 'development goals');
    const before = (await store.findGoal(tx, actor.orgId, goalId, true))!;
    checkVersion(before.version, version);
    const now = ctx.clock.now();
    const after = await store.updateGoal(tx, actor.orgId, goalId, input, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'development_goal', entityId: goalId, before, after });
    return toGoal(after);
  });
}

// --- capacity ------------------------------------------------------------------------------------------------------

const emptyTiers = () => ({ key: 0, strategic: 0, develop: 0, maintain: 0, unscored: 0 });

function monthsBack(now: Date, months: number): string {
  return toIsoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)));
}

/** Tier counts and tier-weighted loads of the given owners. */
async function loadsOf(ex: Executor, orgId: string, ownerIds: readonly string[], weights: TierWeights): Promise<Map<string, { tiers: ReturnType<typeof emptyTiers>; load: number }>> {
  const result = new Map(ownerIds.map((id) => [id, { tiers: emptyTiers(), load: 0 }]));
  for (const row of await store.tierCounts(ex, orgId, ownerIds)) {
    const entry = result.get(row.ownerId)!;
    entry.tiers[row.tier ?? 'unscored'] += row.accounts;
  }
  for (const entry of result.values()) entry.load = weightedLoad(entry.tiers as TierCounts, weights);
  return result;
}

async function books(ex: Executor, orgId: string, people: readonly store.PersonRef[], now: Date): Promise<Book[]> {
  const settings = await peopleSettings(ex, orgId);
  const currency = await getOrganisationCurrency(ex, orgId);
  const ids = people.map((p) => p.id);
  const loads = await loadsOf(ex, orgId, ids, settings.tierWeights);
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const figures = new Map((await store.bookFigures(ex, orgId, ids, monthsBack(now, 11), since)).map((f) => [f.ownerId, f]));
  return people.map((p) => {
    const { tiers, load } = loads.get(p.id)!;
    const f = figures.get(p.id);
    const revenue = BigInt(f?.revenue ?? '0');
    const cost = BigInt(f?.cost ?? '0');
    return {
      userId: p.id,
      name: p.name,
      role: p.role,
      managerId: p.managerId,
      accounts: Object.values(tiers).reduce((a, b) => a + b, 0),
      accountsByTier: tiers,
      revenue: formatMoney(revenue, currency),
      grossProfit: formatMoney(revenue - cost, currency),
      currency,
      openCases: f?.openCases ?? 0,
      escalatedCases: f?.escalatedCases ?? 0,
      interactionsPerMonth: Math.round(((f?.interactions ?? 0) / 3) * 10) / 10,
      workload: workload(load, settings.capacityTargets[p.role]),
    };
  });
}

export async function getBook(ctx: AppContext, actor: Actor, userId: string): Promise<Book> {
  const { person } = await requirePersonal(ctx.db, actor, userId, 'a book of accounts');
  return (await books(ctx.db, actor.orgId, [person], ctx.clock.now()))[0]!;
}

/** The team view: the people in the caller's scope who carry accounts (kam, bd, manager), most headroom first. */
export async function getCapacity(ctx: AppContext, actor: Actor): Promise<{ items: Book[] }> {
  const people = (await store.listPeople(ctx.db, actor.orgId, await scopeIds(ctx.db, actor), ['kam', 'bd', 'manager'])).filter((p) => p.active);
  const items = await books(ctx.db, actor.orgId, people, ctx.clock.now());
  const headroom = (b: Book) => b.workload.headroom ?? -Infinity;
  return { items: items.sort((a, b) => headroom(b) - headroom(a) || a.name.localeCompare(b.name)) };
}

// --- assignment --------------------------------------------------------------------------------------------------

/** The organisation's active key account managers as candidates: profiles, ratings, loads. */
async function candidates(ex: Executor, orgId: string, settings: PeopleSettings & { tierWeights: TierWeights }, exclude: ReadonlySet<string> = new Set()): Promise<Candidate[]> {
  const kams = (await store.listPeople(ex, orgId, null, ['kam'])).filter((p) => p.active && !exclude.has(p.id));
  const ids = kams.map((k) => k.id);
  const [profiles, ratings, loads] = await Promise.all([store.listProfiles(ex, orgId, ids), store.listRatings(ex, orgId, ids), loadsOf(ex, orgId, ids, settings.tierWeights)]);
  const profileOf = new Map(profiles.map((p) => [p.userId, p]));
  const ratingsOf = new Map<string, RatingEvent[]>();
  for (const r of ratings) {
    const list = ratingsOf.get(r.userId) ?? [];
    list.push({ skill: r.skill, kind: r.kind, rating: r.rating, ratedAt: r.ratedAt, ratedBy: r.ratedBy });
    ratingsOf.set(r.userId, list);
  }
  return kams.map((k) => {
    const profile = profileOf.get(k.id);
    return {
      userId: k.id,
      name: k.name,
      industryYears: Object.fromEntries((profile?.industryYears ?? []).map((e) => [e.industry, e.years])),
      industries: profile?.industries ?? [],
      countries: profile?.countries ?? [],
      languages: profile?.languages ?? [],
      ratings: effectiveRatings(skillLines(settings.skills, ratingsOf.get(k.id) ?? [], {})),
      load: loads.get(k.id)!.load,
      capacity: settings.capacityTargets.kam ?? null,
    };
  });
}

function needsOf(account: store.BookAccount, weights: TierWeights, known: Map<string, number>): AccountNeeds {
  return {
    id: account.id,
    tier: account.tier,
    industry: account.industry,
    country: account.country,
    weight: weightOf(account.tier as Tier | null, weights),
    openEscalations: account.openEscalations,
    openNegotiations: account.openNegotiations,
    knownContacts: known,
  };
}

async function knownByAccount(ex: Executor, orgId: string, accountIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const result = new Map(accountIds.map((id) => [id, new Map<string, number>()]));
  for (const row of await store.knownContacts(ex, orgId, accountIds)) result.get(row.accountId)!.set(row.userId, row.known);
  return result;
}

export async function getOwnerCandidates(ctx: AppContext, actor: Actor, accountId: string): Promise<OwnerCandidates> {
  const visible = await getVisibleAccount(ctx.db, actor, accountId);
  requireRole(actor, ASSIGNER_ROLES, 'assign account owners');
  const account = await store.accountNeeds(ctx.db, actor.orgId, accountId);
  if (!account) throw notFound('Account');
  const settings = await peopleSettings(ctx.db, actor.orgId);
  const [team, known] = await Promise.all([candidates(ctx.db, actor.orgId, settings), knownByAccount(ctx.db, actor.orgId, [accountId])]);
  const needs = needsOf(account, settings.tierWeights, known.get(accountId)!);
  // the current owner's load already holds this account
  const adjusted = team.map((c) => (c.userId === visible.ownerId ? { ...c, load: c.load - needs.weight } : c));
  const ranked = rankCandidates(needs, adjusted, settings.roleProfiles.kam ?? {});
  return {
    account: {
      id: account.id, name: account.name, ownerId: visible.ownerId, tier: account.tier, industry: account.industry, country: account.country,
      languages: languagesOf(account.country), neededSkills: neededSkills(needs), openEscalations: needs.openEscalations, openNegotiations: needs.openNegotiations, weight: needs.weight,
    },
    candidates: ranked.map((r) => ({ ...r, factors: r.factors.map((f) => ({ ...f, detail: f.detail as Record<string, unknown> })), isCurrentOwner: r.userId === visible.ownerId })),
  };
}

async function requireNewOwner(ex: Executor, actor: Actor, userId: string, path: string): Promise<store.PersonRef> {
  const person = await store.findPerson(ex, actor.orgId, userId);
  if (!person || !person.active) throw invalid(path, 'is not an active user of this organisation');
  if (person.role !== 'kam') throw invalid(path, `is a ${person.role}; accounts are owned by key account managers`);
  return person;
}

/** Moves one account to its new owner and writes the handover record (inside the caller's transaction). */
async function moveAccount(tx: Executor, actor: Actor, accountId: string, fromUserId: string | null, toUserId: string, options: { keepPrevious: boolean; checklist?: OwnerAssignment['checklist']; notes?: string | null; at: Date }) {
  const account = await transferOwnership(tx, actor, accountId, toUserId, options.keepPrevious ? 'support' : null, { at: options.at });
  const handover = await recordReassignment(tx, actor, { accountId, fromUserId: fromUserId ?? actor.userId, toUserId, checklist: options.checklist, notes: options.notes, at: options.at });
  return { account, handover };
}

export async function assignOwner(ctx: AppContext, actor: Actor, accountId: string, version: number, input: OwnerAssignment): Promise<AssignmentResult> {
  return ctx.db.transaction(async (tx) => {
    await getVisibleAccount(tx, actor, accountId);
    requireRole(actor, ASSIGNER_ROLES, 'assign account owners');
    const current = await store.lockAccount(tx, actor.orgId, accountId);
    if (!current) throw notFound('Account');
    checkVersion(current.version, version);
    await requireNewOwner(tx, actor, input.toUserId, 'toUserId');
    if (current.ownerId === input.toUserId) throw invalid('toUserId', 'owns the account already');
    const { account, handover } = await moveAccount(tx, actor, accountId, current.ownerId, input.toUserId, { keepPrevious: input.keepPreviousOwner === true, checklist: input.checklist, notes: input.notes, at: ctx.clock.now() });
    return { accountId, ownerId: input.toUserId, previousOwnerId: current.ownerId, handoverId: handover.id, version: account.version };
  });
}

/** Who may move a person's whole book: admins, directors, and managers above the person. */
async function requireBookMover(ex: Executor, actor: Actor, userId: string): Promise<store.PersonRef> {
  const { person, above } = await accessTo(ex, actor, userId);
  requireRole(actor, ASSIGNER_ROLES, 'reassign a book of accounts');
  if (actor.role === 'manager' && !above) throw new AppError('forbidden', 'A manager reassigns the books of the people reporting to them');
  return person;
}

export async function getReassignmentPlan(ctx: AppContext, actor: Actor, userId: string): Promise<ReassignmentPlan> {
  await requireBookMover(ctx.db, actor, userId);
  const settings = await peopleSettings(ctx.db, actor.orgId);
  const book = await store.ownedAccounts(ctx.db, actor.orgId, userId);
  const [team, known] = await Promise.all([candidates(ctx.db, actor.orgId, settings, new Set([userId])), knownByAccount(ctx.db, actor.orgId, book.map((a) => a.id))]);
  const needs = book.map((a) => needsOf(a, settings.tierWeights, known.get(a.id)!));
  const suggestions = suggestOwners(needs, team, settings.roleProfiles.kam ?? {});
  const nameOf = new Map(team.map((c) => [c.userId, c.name]));
  const loads = new Map(team.map((c) => [c.userId, c.load]));
  suggestions.forEach((s, i) => s.toUserId && loads.set(s.toUserId, loads.get(s.toUserId)! + needs[i]!.weight));
  return {
    userId,
    suggestions: suggestions.map((s, i) => ({
      accountId: s.accountId, accountName: book[i]!.name, tier: book[i]!.tier, toUserId: s.toUserId, toUserName: s.toUserId ? nameOf.get(s.toUserId)! : null, score: s.score,
      alternatives: s.alternatives.map((a) => ({ ...a, name: nameOf.get(a.userId)! })),
    })),
    loadsAfter: team.map((c) => ({ userId: c.userId, name: c.name, ...pick(workload(loads.get(c.userId)!, c.capacity)) })),
  };
}
const pick = (w: ReturnType<typeof workload>) => ({ load: w.load, target: w.target, index: w.index });

/** The whole book in ONE transaction: every account moves with its handover record, or none does. */
export async function reassignBook(ctx: AppContext, actor: Actor, userId: string, input: Reassignment): Promise<{ moved: number; handoverIds: string[] }> {
  return ctx.db.transaction(async (tx) => {
    await requireBookMover(tx, actor, userId);
    const owned = new Set((await store.ownedAccounts(tx, actor.orgId, userId)).map((a) => a.id));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const [i, a] of input.assignments.entries()) {
      if (!owned.has(a.accountId)) errors.push({ path: `assignments.${i}.accountId`, message: 'is not an account this person owns' });
      if (seen.has(a.accountId)) errors.push({ path: `assignments.${i}.accountId`, message: 'is listed twice' });
      if (a.toUserId === userId) errors.push({ path: `assignments.${i}.toUserId`, message: 'is the person whose book is being moved' });
      seen.add(a.accountId);
    }
    fail(errors);
    for (const [i, toUserId] of [...new Set(input.assignments.map((a) => a.toUserId))].entries()) await requireNewOwner(tx, actor, toUserId, `assignments.${i}.toUserId`);
    const at = ctx.clock.now();
    const handoverIds: string[] = [];
    for (const a of input.assignments) {
      const { handover } = await moveAccount(tx, actor, a.accountId, userId, a.toUserId, { keepPrevious: false, notes: input.notes ?? 'Book reassigned', at });
      handoverIds.push(handover.id);
    }
    return { moved: input.assignments.length, handoverIds };
  });
}

// --- pay ---------------------------------------------------------------------------------------------------------

const RANGE_KEYS = ['base', 'bonus', 'profitShare', 'commission', 'total'] as const;
type RangeKey = (typeof RANGE_KEYS)[number];
const range = (low: bigint | null, high: bigint | null, currency: string) => (low === null || high === null ? null : { low: formatMoney(low, currency), high: formatMoney(high, currency) });

function toPayBand(row: store.PayBandRow): PayBand {
  return {
    id: row.id, role: row.role, year: row.year, currency: row.currency, source: row.source,
    base: range(row.baseLow, row.baseHigh, row.currency),
    bonus: range(row.bonusLow, row.bonusHigh, row.currency),
    profitShare: range(row.profitShareLow, row.profitShareHigh, row.currency),
    commission: range(row.commissionLow, row.commissionHigh, row.currency),
    total: range(row.totalLow, row.totalHigh, row.currency)!,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** API ranges → columns, with field errors for bad amounts and low > high. */
function bandColumns(input: Partial<Record<RangeKey, { low: string; high: string } | null>>, currency: string): Partial<store.NewPayBandRow> {
  if (!isCurrency(currency)) throw invalid('currency', `${currency} is not an ISO 4217 currency`);
  const errors: FieldError[] = [];
  const parsed: Record<string, { low: bigint; high: bigint } | null> = {};
  const columns: Partial<store.NewPayBandRow> = {};
  for (const key of RANGE_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      parsed[key] = null;
      Object.assign(columns, { [`${key}Low`]: null, [`${key}High`]: null });
      continue;
    }
    try {
      const low = parseMoney(value.low, currency);
      const high = parseMoney(value.high, currency);
      parsed[key] = { low, high };
      Object.assign(columns, { [`${key}Low`]: low, [`${key}High`]: high });
    } catch (error) {
      errors.push({ path: key, message: (error as Error).message });
    }
  }
  fail([...errors, ...bandProblems(parsed)]);
  return columns;
}

const requirePayReader = (actor: Actor) => requireRole(actor, ['admin', 'director', 'manager'], 'read pay bands');

export async function listPayBands(ctx: AppContext, actor: Actor): Promise<{ items: PayBand[] }> {
  requirePayReader(actor);
  return { items: (await store.listPayBands(ctx.db, actor.orgId)).map(toPayBand) };
}

export async function createPayBand(ctx: AppContext, actor: Actor, input: PayBandCreate): Promise<PayBand> {
  requireRole(actor, ['admin'], 'record pay bands');
  const columns = bandColumns(input, input.currency);
  return ctx.db.transaction(async (tx) => {
    if (await store.roleYearTaken(tx, actor.orgId, input.role, input.year, null)) throw new AppError('conflict', `A ${input.year} band for ${input.role} exists already; change that one`);
    const now = ctx.clock.now();
    const row = await store.insertPayBand(tx, {
      orgId: actor.orgId, id: newId(), role: input.role, year: input.year, currency: input.currency, source: input.source.trim(),
      ...columns, totalLow: columns.totalLow!, totalHigh: columns.totalHigh!, createdAt: now, updatedAt: now,
    });
    await recordChange(tx, actor, now, { action: 'create', entity: 'pay_band', entityId: row.id, after: row });
    return toPayBand(row);
  });
}

export async function updatePayBand(ctx: AppContext, actor: Actor, id: string, version: number, input: PayBandUpdate): Promise<PayBand> {
  return ctx.db.transaction(async (tx) => {
    const before = await store.findPayBand(tx, actor.orgId, id, true);
    if (!before) throw notFound('Pay band');
    requireRole(actor, ['admin'], 'change pay bands');
    checkVersion(before.version, version);
    const currency = input.currency ?? before.currency;
    if (currency !== before.currency) {
      const missing = RANGE_KEYS.filter((k) => input[k] === undefined && before[`${k}Low`] !== null);
      if (missing.length > 0) throw invalid(missing[0]!, 'give every range in the new currency too');
    }
    const columns = bandColumns(input, currency);
    const role = input.role ?? before.role;
    const year = input.year ?? before.year;
    if (await store.roleYearTaken(tx, actor.orgId, role, year, id)) throw new AppError('conflict', `A ${year} band for ${role} exists already`);
    if (input.total === null) throw invalid('total', 'is required');
    const now = ctx.clock.now();
    const after = await store.updatePayBand(tx, actor.orgId, id, { ...columns, role, year, currency, ...(input.source ? { source: input.source.trim() } : {}) }, now);
    await recordChange(tx, actor, now, { action: 'update', entity: 'pay_band', entityId: id, before, after });
    return toPayBand(after);
  });
}

export async function deletePayBand(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await store.findPayBand(tx, actor.orgId, id, true);
    if (!before) throw notFound('Pay band');
    requireRole(actor, ['admin'], 'delete pay bands');
    checkVersion(before.version, version);
    await store.deletePayBand(tx, actor.orgId, id);
    await recordChange(tx, actor, ctx.clock.now(), { action: 'delete', entity: 'pay_band', entityId: id, before });
  });
}

/** The band a person is compared with: their role's most recent year. */
const bandFor = (bands: readonly store.PayBandRow[], role: string): store.PayBandRow | null => bands.filter((b) => b.role === role).sort((a, b) => b.year - a.year)[0] ?? null;

interface Expected {
  amount: bigint;
  currency: string;
  source: 'compensation_plan' | 'recorded';
  note: string;
  /** Of the recorded figure (1 when none): the If-Match for recording one. */
  version: number;
}

/**
 * Expected total pay at 100 % attainment: from the person's compensation plan in force today
 * (compensation service), else the figure an admin recorded.
 */
function expectedPayOf(plan: CurrentPay | null, recorded: store.ExpectedPayRow | undefined): Expected | null {
  if (plan) return { amount: parseMoney(plan.expectedAnnualAt100, plan.currency), currency: plan.currency, source: 'compensation_plan', note: plan.planName, version: recorded?.version ?? 1 };
  return recorded ? { amount: recorded.amount, currency: recorded.currency, source: 'recorded', note: recorded.note, version: recorded.version } : null;
}

function toPersonPay(person: store.PersonRef, pay: Expected | null, band: store.PayBandRow | null): PersonPay {
  const comparison = compareToBand(pay ? { amount: pay.amount, currency: pay.currency } : null, band);
  return {
    userId: person.id,
    name: person.name,
    role: person.role,
    expected: pay ? { amount: formatMoney(pay.amount, pay.currency), currency: pay.currency, source: pay.source, note: pay.note, version: pay.version } : null,
    band: band ? toPayBand(band) : null,
    position: comparison.position,
    flagged: comparison.flagged,
    distance: comparison.distance === null ? null : formatMoney(comparison.distance, band!.currency),
    positionInBand: comparison.positionInBand,
  };
}

export async function getPersonPay(ctx: AppContext, actor: Actor, userId: string): Promise<PersonPay> {
  const { person } = await requirePersonal(ctx.db, actor, userId, 'pay');
  const [recorded, bands, plan] = await Promise.all([
    store.getExpectedPay(ctx.db, actor.orgId, userId),
    store.listPayBands(ctx.db, actor.orgId),
    currentPayOf(ctx.db, actor.orgId, userId, toIsoDate(ctx.clock.now())),
  ]);
  return toPersonPay(person, expectedPayOf(plan, recorded), bandFor(bands, person.role));
}

/** Everyone's pay against their band: directors and admins see the organisation, a manager their reports. */
export async function payOverview(ex: Executor, actor: Actor, now: Date): Promise<PersonPay[]> {
  requireRole(actor, ['admin', 'director', 'manager'], 'see pay against the bands');
  const scope = actor.role === 'manager' ? await store.reportIds(ex, actor.orgId, actor.userId) : null;
  const people = (await store.listPeople(ex, actor.orgId, scope)).filter((p) => p.active && p.role !== 'viewer');
  const ids = people.map((p) => p.id);
  const [pays, bands, plans] = await Promise.all([store.listExpectedPay(ex, actor.orgId, ids), store.listPayBands(ex, actor.orgId), currentPaysOf(ex, actor.orgId, ids, toIsoDate(now))]);
  const recordedOf = new Map(pays.map((p) => [p.userId, p]));
  return people.map((p) => toPersonPay(p, expectedPayOf(plans.get(p.id) ?? null, recordedOf.get(p.id)), bandFor(bands, p.role)));
}

export const getPayOverview = async (ctx: AppContext, actor: Actor) => ({ items: await payOverview(ctx.db, actor, ctx.clock.now()) });

/** The home section for directors: people whose expected pay is outside their band. */
export async function payOutsideBandHome(ex: Executor, actor: Actor, now: Date): Promise<{ id: string; title: string; position: string; distance: string | null; currency: string | null }[]> {
  if (actor.role !== 'director') return [];
  return (await payOverview(ex, actor, now))
    .filter((p) => p.flagged)
    .map((p) => ({ id: p.userId, title: p.name, position: p.position, distance: p.distance, currency: p.band?.currency ?? null }));
}

/** The fallback while no compensation plan gives the figure: an admin records it. */
export async function putExpectedPay(ctx: AppContext, actor: Actor, userId: string, version: number, input: ExpectedPayPut): Promise<PersonPay> {
  if (!(await store.findPerson(ctx.db, actor.orgId, userId))) throw notFound('Person');
  requireRole(actor, ['admin'], 'record expected pay');
  if (!isCurrency(input.currency)) throw invalid('currency', `${input.currency} is not an ISO 4217 currency`);
  let amount: bigint;
  try {
    amount = parseMoney(input.amount, input.currency);
  } catch (error) {
    throw invalid('amount', (error as Error).message);
  }
  if (amount < 0n) throw invalid('amount', 'cannot be negative');
  return ctx.db.transaction(async (tx) => {
    const { person } = await accessTo(tx, actor, userId);
    const before = await store.getExpectedPay(tx, actor.orgId, userId, true);
    checkVersion(before?.version ?? 1, version);
    const now = ctx.clock.now();
    const after = await store.saveExpectedPay(tx, { orgId: actor.orgId, userId, amount, currency: input.currency, note: input.note ?? '', updatedAt: now, version: (before?.version ?? 1) + 1 });
    await recordChange(tx, actor, now, { action: before ? 'update' : 'create', entity: 'expected_pay', entityId: userId, before: before ?? null, after });
    const pay = expectedPayOf(await currentPayOf(tx, actor.orgId, userId, toIsoDate(now)), after);
    return toPersonPay(person, pay, bandFor(await store.listPayBands(tx, actor.orgId), person.role));
  });
}
