import type { MessageId } from '../common/labels';
import type { InteractionKind, RelationshipStage, Tier } from './interactionApi';

export const kindLabel: Record<InteractionKind, MessageId> = {
  meeting: 'interaction.kind.meeting',
  call: 'interaction.kind.call',
  visit: 'interaction.kind.visit',
  email: 'interaction.kind.email',
  note: 'interaction.kind.note',
};

export const tierLabel: Record<Tier, MessageId> = {
  key: 'engagement.tier.key',
  strategic: 'engagement.tier.strategic',
  maintain: 'engagement.tier.maintain',
  develop: 'engagement.tier.develop',
};

export const tierColor: Record<Tier, string> = { key: 'grape', strategic: 'blue', maintain: 'teal', develop: 'gray' };

export const relationshipStageLabel: Record<RelationshipStage, MessageId> = {
  exploratory: 'relationshipStage.exploratory',
  basic: 'relationshipStage.basic',
  cooperative: 'relationshipStage.cooperative',
  interdependent: 'relationshipStage.interdependent',
  integrated: 'relationshipStage.integrated',
};

export const sentimentLabel: Record<string, MessageId> = {
  '-2': 'interaction.sentiment.-2',
  '-1': 'interaction.sentiment.-1',
  '0': 'interaction.sentiment.0',
  '1': 'interaction.sentiment.1',
  '2': 'interaction.sentiment.2',
};

export const sentimentColor = (s: number): string => (s > 0 ? 'teal' : s < 0 ? 'red' : 'gray');
