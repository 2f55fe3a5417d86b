import { Progress, Text, Tooltip } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import { useFormat } from '../common/useFormat';
import type { Factor } from './peopleApi';

export const factorLabel: Record<Factor['key'], MessageId> = {
  industry: 'people.factor.industry',
  country: 'people.factor.country',
  language: 'people.factor.language',
  skills: 'people.factor.skills',
  capacity: 'people.factor.capacity',
  relationships: 'people.factor.relationships',
};

export const educationLabel: Record<string, MessageId> = {
  secondary: 'people.education.secondary',
  associate: 'people.education.associate',
  bachelor: 'people.education.bachelor',
  master: 'people.education.master',
  mba: 'people.education.mba',
  doctorate: 'people.education.doctorate',
  other: 'people.education.other',
};

/** Skill keys of the default list have translated names; an organisation's own skills show their label. */
const skillIds: Record<string, MessageId> = {
  negotiation: 'people.skill.negotiation',
  customer_service: 'people.skill.customer_service',
  teamwork: 'people.skill.teamwork',
  creative_thinking: 'people.skill.creative_thinking',
  critical_thinking: 'people.skill.critical_thinking',
  organisation: 'people.skill.organisation',
  communication: 'people.skill.communication',
  networking: 'people.skill.networking',
  presentation: 'people.skill.presentation',
  reporting: 'people.skill.reporting',
  product_knowledge: 'people.skill.product_knowledge',
};

export function useSkillName() {
  const intl = useIntl();
  return (key: string, label?: string) => (skillIds[key] ? intl.formatMessage({ id: skillIds[key] }) : (label ?? key));
}

/** Language names in the reader's language (Intl.DisplayNames). */
export function useLanguageName() {
  const { locale } = useFormat();
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return (code: string) => names.of(code) ?? code;
}

/** One sentence on what a factor's score rests on. */
export function FactorDetail({ factor }: { factor: Factor }) {
  const fmt = useFormat();
  const skillName = useSkillName();
  const languageName = useLanguageName();
  const d = factor.detail as Record<string, unknown>;
  if (factor.weight === 0) return <FormattedMessage id="people.factor.notApplicable" />;
  switch (factor.key) {
    case 'industry':
      return <FormattedMessage id="people.factor.industry.detail" values={{ years: Number(d.years ?? 0), industry: String(d.industry ?? '') }} />;
    case 'country':
      return <FormattedMessage id={d.match ? 'people.factor.country.match' : 'people.factor.country.miss'} values={{ country: fmt.country(String(d.country ?? '')) }} />;
    case 'language': {
      const spoken = (d.spoken as string[]) ?? [];
      const wanted = (d.languages as string[]) ?? [];
      return <FormattedMessage id={spoken.length > 0 ? 'people.factor.language.match' : 'people.factor.language.miss'} values={{ languages: (spoken.length > 0 ? spoken : wanted).map(languageName).join(', ') }} />;
    }
    case 'skills': {
      const needed = (d.needed as string[]) ?? [];
      const met = (d.met as string[]) ?? [];
      return <FormattedMessage id="people.factor.skills.detail" values={{ met: met.length, needed: needed.length, skills: needed.map((s) => skillName(s)).join(', ') }} />;
    }
    case 'capacity':
      return d.capacity === null ? <FormattedMessage id="people.factor.capacity.none" /> : <FormattedMessage id="people.factor.capacity.detail" values={{ headroom: fmt.number(Number(d.headroomAfter)), capacity: fmt.number(Number(d.capacity)) }} />;
    case 'relationships':
      return <FormattedMessage id="people.factor.relationships.detail" values={{ count: Number(d.knownContacts ?? 0) }} />;
  }
}

/** Load against capacity as a bar (orange from 90 %, red above 100 %). */
export function WorkloadBar({ index, label }: { index: number | null; label: string }) {
  const fmt = useFormat();
  if (index === null) return <Text size="sm" c="dimmed">—</Text>;
  const color = index > 1 ? 'red' : index >= 0.9 ? 'orange' : 'teal';
  return (
    <Tooltip label={fmt.percent(index)}>
      <div>
        <Progress value={Math.min(100, index * 100)} color={color} size="lg" aria-label={label} />
        <Text size="xs" c="dimmed">{fmt.percent(index)}</Text>
      </div>
    </Tooltip>
  );
}
