/**
 * Skills, ratings and role profiles: the organisation's skill list, the latest self and manager
 * rating per skill out of a rating history, and the gaps to a role's target ratings.
 */

export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const MAX_SKILLS = 40;

export interface Skill {
  key: string;
  label: string;
}

/** The default list (issue 9): what employers look for in a key account manager. */
export const defaultSkills: readonly Skill[] = [
  { key: 'negotiation', label: 'Negotiation' },
  { key: 'customer_service', label: 'Customer service' },
  { key: 'teamwork', label: 'Teamwork' },
  { key: 'creative_thinking', label: 'Creative thinking' },
  { key: 'critical_thinking', label: 'Critical thinking' },
  { key: 'organisation', label: 'Organisation' },
  { key: 'communication', label: 'Communication' },
  { key: 'networking', label: 'Networking' },
  { key: 'presentation', label: 'Presentation' },
  { key: 'reporting', label: 'Reporting and spreadsheets' },
  { key: 'product_knowledge', label: 'Product knowledge' },
];

/** Target ratings per skill key. */
export type Targets = Record<string, number>;

/** The default role profile of a key account manager. */
export const defaultRoleProfiles: Record<string, Targets> = {
  kam: {
    negotiation: 4, customer_service: 4, teamwork: 3, creative_thinking: 3, critical_thinking: 4, organisation: 4,
    communication: 4, networking: 4, presentation: 4, reporting: 3, product_knowledge: 4,
  },
};

export type RatingKind = 'self' | 'manager';

export interface RatingEvent {
  skill: string;
  kind: RatingKind;
  rating: number;
  ratedAt: Date;
  ratedBy: string;
}

export interface SkillLine {
  skill: string;
  label: string;
  self: number | null;
  selfRatedAt: Date | null;
  manager: number | null;
  managerRatedAt: Date | null;
  target: number | null;
  /** target − the rating that counts (the manager's, else the person's own); null without either. */
  gap: number | null;
}

const isRating = (n: number): boolean => Number.isInteger(n) && n >= MIN_RATING && n <= MAX_RATING;

export interface Problem {
  path: string;
  message: string;
}

export function skillListProblems(skills: readonly Skill[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  skills.forEach((skill, i) => {
    if (seen.has(skill.key)) problems.push({ path: `skills.${i}.key`, message: `${skill.key} is listed twice` });
    seen.add(skill.key);
    if (!skill.label.trim()) problems.push({ path: `skills.${i}.label`, message: 'is empty' });
  });
  return problems;
}

/** Targets must name listed skills with ratings 1–5. */
export function targetProblems(targets: Targets, skills: readonly Skill[], path: string): Problem[] {
  const known = new Set(skills.map((s) => s.key));
  return Object.entries(targets).flatMap(([skill, rating]) => [
    ...(known.has(skill) ? [] : [{ path: `${path}.${skill}`, message: 'is not a skill on the list' }]),
    ...(isRating(rating) ? [] : [{ path: `${path}.${skill}`, message: `must be a whole number from ${MIN_RATING} to ${MAX_RATING}` }]),
  ]);
}

/**
 * One line per listed skill: the latest self and manager ratings from the history (any order),
 * the role's target and the gap. Ratings of skills no longer listed are left out.
 */
export function skillLines(skills: readonly Skill[], history: readonly RatingEvent[], targets: Targets): SkillLine[] {
  const latest = new Map<string, RatingEvent>();
  for (const event of history) {
    const key = `${event.kind}:${event.skill}`;
    const known = latest.get(key);
    if (!known || event.ratedAt.getTime() >= known.ratedAt.getTime()) latest.set(key, event);
  }
  return skills.map((skill) => {
    const self = latest.get(`self:${skill.key}`) ?? null;
    const manager = latest.get(`manager:${skill.key}`) ?? null;
    const target = targets[skill.key] ?? null;
    const counted = manager?.rating ?? self?.rating ?? null;
    return {
      skill: skill.key,
      label: skill.label,
      self: self?.rating ?? null,
      selfRatedAt: self?.ratedAt ?? null,
      manager: manager?.rating ?? null,
      managerRatedAt: manager?.ratedAt ?? null,
      target,
      gap: target === null || counted === null ? null : target - counted,
    };
  });
}

/** The lines below target, largest gap first: candidates for development goals. */
export const gapsOf = (lines: readonly SkillLine[]): SkillLine[] =>
  lines.filter((l) => l.gap !== null && l.gap > 0).sort((a, b) => b.gap! - a.gap! || a.skill.localeCompare(b.skill));

/** What counts as a person's rating per skill (the manager's view over the person's own; unrated skills absent). */
export function effectiveRatings(lines: readonly SkillLine[]): Map<string, number> {
  const ratings = new Map<string, number>();
  for (const line of lines) {
    const rating = line.manager ?? line.self;
    if (rating !== null) ratings.set(line.skill, rating);
  }
  return ratings;
}
