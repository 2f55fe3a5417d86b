import type { BuyingRole, Role, Stage, TeamRole, AccountSort } from '../api/types';
import type en from '../i18n/en.json';

export type MessageId = keyof typeof en;

export const stageLabel: Record<Stage, MessageId> = {
  prospect: 'stage.prospect',
  onboarding: 'stage.onboarding',
  active: 'stage.active',
  at_risk: 'stage.at_risk',
  churned: 'stage.churned',
};

export const stageColor: Record<Stage, string> = {
  prospect: 'gray',
  onboarding: 'cyan',
  active: 'green',
  at_risk: 'orange',
  churned: 'red',
};

export const buyingRoleLabel: Record<BuyingRole, MessageId> = {
  economic_buyer: 'buyingRole.economic_buyer',
  decision_maker: 'buyingRole.decision_maker',
  influencer: 'buyingRole.influencer',
  champion: 'buyingRole.champion',
  user: 'buyingRole.user',
  blocker: 'buyingRole.blocker',
  gatekeeper: 'buyingRole.gatekeeper',
};

export const teamRoleLabel: Record<TeamRole, MessageId> = {
  owner: 'teamRole.owner',
  sourcing_bd: 'teamRole.sourcing_bd',
  support: 'teamRole.support',
};

export const roleLabel: Record<Role, MessageId> = {
  admin: 'role.admin',
  director: 'role.director',
  manager: 'role.manager',
  kam: 'role.kam',
  bd: 'role.bd',
  viewer: 'role.viewer',
};

export const sortLabel: Record<AccountSort, MessageId> = {
  name: 'accounts.sort.name',
  '-name': 'accounts.sort.-name',
  createdAt: 'accounts.sort.createdAt',
  '-createdAt': 'accounts.sort.-createdAt',
  updatedAt: 'accounts.sort.updatedAt',
  '-updatedAt': 'accounts.sort.-updatedAt',
};

/** Relationship strength −2…+2: each level's label. */
export const strengthLabel: Record<string, MessageId> = {
  '-2': 'strength.-2',
  '-1': 'strength.-1',
  '0': 'strength.0',
  '1': 'strength.1',
  '2': 'strength.2',
};
