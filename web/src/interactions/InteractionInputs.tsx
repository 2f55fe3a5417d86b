import { MultiSelect, NumberInput, Select, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import { useUsers } from '../accounts/accountApi';
import { useAllContacts } from '../contacts/contactApi';
import { INTERACTION_KINDS, SENTIMENTS, type InteractionKind } from './interactionApi';
import { kindLabel, sentimentLabel } from './engagementLabels';

/** Form values as text: what the inputs hold. `contactIds`/`userIds` are comma-joined ids. */
export interface InteractionValues extends Record<string, string> {
  kind: InteractionKind;
  occurredAt: string;
  summary: string;
  sentiment: string;
  minutes: string;
  contactIds: string;
  userIds: string;
  nextStep: string;
  nextStepDue: string;
  nextStepOwnerId: string;
}

export const INTERACTION_FIELDS = ['kind', 'occurredAt', 'summary', 'sentiment', 'minutes', 'contactIds', 'userIds', 'nextStep', 'nextStepDue', 'nextStepOwnerId'] as const;

/** Now, as a value for <input type="datetime-local"> (local time, minutes). */
export function localDateTimeNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function emptyInteraction(): InteractionValues {
  return { kind: 'meeting', occurredAt: localDateTimeNow(), summary: '', sentiment: '', minutes: '', contactIds: '', userIds: '', nextStep: '', nextStepDue: '', nextStepOwnerId: '' };
}

export function InteractionInputs({
  accountId,
  values,
  set,
  errors,
  defaultMinutes,
}: {
  accountId: string;
  values: InteractionValues;
  set: (field: string, value: string) => void;
  errors: Record<string, string | undefined>;
  defaultMinutes?: Record<InteractionKind, number>;
}) {
  const intl = useIntl();
  const contacts = useAllContacts(accountId);
  const users = useUsers();
  const contactOptions = (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const userOptions = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const ids = (text: string) => text.split(',').filter(Boolean);
  const t = (id: MessageId) => intl.formatMessage({ id });

  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={4} id="interaction-kind-label">
          {t('interaction.field.kind')}
        </Text>
        <SegmentedControl
          aria-labelledby="interaction-kind-label"
          fullWidth
          value={values.kind}
          onChange={(v) => set('kind', v)}
          data={INTERACTION_KINDS.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
        />
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          type="datetime-local"
          label={t('interaction.field.occurredAt')}
          value={values.occurredAt}
          onChange={(e) => set('occurredAt', e.currentTarget.value)}
          error={errors.occurredAt}
          required
        />
        <NumberInput
          label={t('interaction.field.minutes')}
          description={defaultMinutes ? intl.formatMessage({ id: 'interaction.minutes.default' }, { minutes: defaultMinutes[values.kind] }) : undefined}
          value={values.minutes === '' ? '' : Number(values.minutes)}
          onChange={(v) => set('minutes', v === '' ? '' : String(v))}
          min={0}
          max={1440}
          allowDecimal={false}
          error={errors.minutes}
        />
      </SimpleGrid>
      <Textarea
        label={t('interaction.field.summary')}
        value={values.summary}
        onChange={(e) => set('summary', e.currentTarget.value)}
        error={errors.summary}
        autosize
        minRows={3}
        maxLength={10000}
        required
      />
      <div>
        <Text size="sm" fw={500} mb={4} id="interaction-sentiment-label">
          {t('interaction.field.sentiment')}
        </Text>
        <SegmentedControl
          aria-labelledby="interaction-sentiment-label"
          fullWidth
          value={values.sentiment}
          onChange={(v) => set('sentiment', v)}
          data={[{ value: '', label: t('interaction.sentiment.none') }, ...SENTIMENTS.map((s) => ({ value: String(s), label: t(sentimentLabel[String(s)]!) }))]}
        />
        {errors.sentiment && (
          <Text size="xs" c="red.8" mt={4}>
            {errors.sentiment}
          </Text>
        )}
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <MultiSelect
          label={t('interaction.field.contacts')}
          data={contactOptions}
          value={ids(values.contactIds)}
          onChange={(v) => set('contactIds', v.join(','))}
          searchable
          error={errors.contactIds}
          nothingFoundMessage={t('interaction.contacts.none')}
        />
        <MultiSelect
          label={t('interaction.field.users')}
          data={userOptions}
          value={ids(values.userIds)}
          onChange={(v) => set('userIds', v.join(','))}
          searchable
          error={errors.userIds}
        />
      </SimpleGrid>
      <TextInput label={t('interaction.field.nextStep')} value={values.nextStep} onChange={(e) => set('nextStep', e.currentTarget.value)} error={errors.nextStep} maxLength={1000} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput type="date" label={t('interaction.field.nextStepDue')} value={values.nextStepDue} onChange={(e) => set('nextStepDue', e.currentTarget.value)} error={errors.nextStepDue} />
        <Select
          label={t('interaction.field.nextStepOwner')}
          placeholder={t('interaction.nextStepOwner.me')}
          data={userOptions}
          value={values.nextStepOwnerId || null}
          onChange={(v) => set('nextStepOwnerId', v ?? '')}
          clearable
          searchable
          error={errors.nextStepOwnerId}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** The API body for a new interaction from the form's text values. */
export function interactionBody(values: InteractionValues) {
  const ids = (text: string) => text.split(',').filter(Boolean);
  const occurred = values.occurredAt ? new Date(values.occurredAt) : null;
  return {
    kind: values.kind,
    occurredAt: occurred && !Number.isNaN(occurred.getTime()) ? occurred.toISOString() : values.occurredAt,
    summary: values.summary.trim(),
    ...(values.sentiment !== '' ? { sentiment: Number(values.sentiment) } : {}),
    ...(values.minutes !== '' ? { minutes: Number(values.minutes) } : {}),
    ...(values.contactIds ? { contactIds: ids(values.contactIds) } : {}),
    ...(values.userIds ? { userIds: ids(values.userIds) } : {}),
    ...(values.nextStep.trim() ? { nextStep: values.nextStep.trim(), nextStepDue: values.nextStepDue || undefined, ...(values.nextStepOwnerId ? { nextStepOwnerId: values.nextStepOwnerId } : {}) } : {}),
    ...(!values.nextStep.trim() && values.nextStepDue ? { nextStepDue: values.nextStepDue } : {}),
  };
}
