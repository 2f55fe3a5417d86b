import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { MessageId } from '../common/labels';
import { FormattedMessage, useIntl } from 'react-intl';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { EDUCATION_LEVELS, useSaveProfile, type Profile, type ProfileBody } from './peopleApi';
import { educationLabel } from './peopleLabels';

const FIELDS = ['education', 'certifications', 'yearsTotal', 'yearsSales', 'industryYears', 'industries', 'countries', 'languages'];

/** The profile form: education, certifications and industry years as rows; industries, countries and languages as tags. */
export function ProfileEdit({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const intl = useIntl();
  const save = useSaveProfile(profile);
  const [value, setValue] = useState<ProfileBody>({
    education: profile.education, certifications: profile.certifications, yearsTotal: profile.yearsTotal, yearsSales: profile.yearsSales,
    industryYears: profile.industryYears, industries: profile.industries, countries: profile.countries, languages: profile.languages,
  });
  const errors = formErrorsFrom(save.error, FIELDS);
  const set = <K extends keyof ProfileBody>(key: K, v: ProfileBody[K]) => setValue((s) => ({ ...s, [key]: v }));
  const t = (id: MessageId) => intl.formatMessage({ id });
  const submit = async () => {
    await save.mutateAsync(value);
    notify(intl, t('people.profile.saved'));
    onDone();
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={(e) => { e.preventDefault(); void submit().catch(() => undefined); }}>
      <Stack gap="md">
        <Title order={3} size="h4"><FormattedMessage id="people.profile.edit" /></Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('people.field.yearsTotal')} min={0} max={70} value={value.yearsTotal ?? ''} onChange={(v) => set('yearsTotal', v === '' ? null : Number(v))} error={errors.fields.yearsTotal} />
          <NumberInput label={t('people.field.yearsSales')} min={0} max={70} value={value.yearsSales ?? ''} onChange={(v) => set('yearsSales', v === '' ? null : Number(v))} error={errors.fields.yearsSales} />
        </SimpleGrid>
        <Rows
          title={t('people.field.education')}
          error={errors.fields.education}
          items={value.education}
          onChange={(items) => set('education', items)}
          blank={{ level: 'bachelor', field: '' }}
          render={(e, update) => (
            <>
              <Select aria-label={t('people.field.level')} data={EDUCATION_LEVELS.map((l) => ({ value: l, label: t(educationLabel[l]!) }))} value={e.level} onChange={(v) => v && update({ ...e, level: v as typeof e.level })} allowDeselect={false} w={200} />
              <TextInput aria-label={t('people.field.field')} placeholder={t('people.field.field')} value={e.field} onChange={(ev) => update({ ...e, field: ev.currentTarget.value })} maxLength={120} style={{ flex: 1 }} />
            </>
          )}
        />
        <Rows
          title={t('people.field.certifications')}
          error={errors.fields.certifications}
          items={value.certifications}
          onChange={(items) => set('certifications', items)}
          blank={{ name: '', obtainedOn: new Date().toISOString().slice(0, 10) }}
          render={(c, update) => (
            <>
              <TextInput aria-label={t('people.field.certification')} placeholder={t('people.field.certification')} value={c.name} onChange={(ev) => update({ ...c, name: ev.currentTarget.value })} maxLength={200} style={{ flex: 1 }} />
              <TextInput type="date" aria-label={t('people.field.obtainedOn')} value={c.obtainedOn} onChange={(ev) => update({ ...c, obtainedOn: ev.currentTarget.value })} w={160} />
              <TextInput type="date" aria-label={t('people.field.expiresOn')} value={c.expiresOn ?? ''} onChange={(ev) => update({ ...c, expiresOn: ev.currentTarget.value || null })} w={160} />
            </>
          )}
        />
        <Rows
          title={t('people.field.industryYears')}
          error={errors.fields.industryYears}
          items={value.industryYears}
          onChange={(items) => set('industryYears', items)}
          blank={{ industry: '', years: 1 }}
          render={(e, update) => (
            <>
              <TextInput aria-label={t('people.field.industry')} placeholder={t('people.field.industry')} value={e.industry} onChange={(ev) => update({ ...e, industry: ev.currentTarget.value })} maxLength={100} style={{ flex: 1 }} />
              <NumberInput aria-label={t('people.field.years')} min={0} max={70} value={e.years} onChange={(v) => update({ ...e, years: Number(v) || 0 })} w={110} />
            </>
          )}
        />
        <TagsInput label={t('people.field.industries')} value={value.industries} onChange={(v) => set('industries', v)} error={errors.fields.industries} maxTags={30} />
        <TagsInput label={t('people.field.countries')} description={t('people.field.countries.hint')} value={value.countries} onChange={(v) => set('countries', v.map((c) => c.toUpperCase()))} error={errors.fields.countries} maxTags={60} />
        <TagsInput label={t('people.field.languages')} description={t('people.field.languages.hint')} value={value.languages} onChange={(v) => set('languages', v.map((c) => c.toLowerCase()))} error={errors.fields.languages} maxTags={20} />
        {save.isError && <SaveErrorAlert error={save.error} general={errors.general} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}><FormattedMessage id="action.cancel" /></Button>
          <Button type="submit" loading={save.isPending}><FormattedMessage id="action.save" /></Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Rows<T>({ title, items, onChange, blank, render, error }: { title: string; items: T[]; onChange: (items: T[]) => void; blank: T; render: (item: T, update: (item: T) => void) => React.ReactNode; error?: string }) {
  const intl = useIntl();
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">{title}</Text>
      {items.map((item, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          {render(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))))}
          <ActionIcon variant="subtle" color="red" onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={intl.formatMessage({ id: 'people.row.remove' })}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {error && <Text size="xs" c="red">{error}</Text>}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...items, blank])} w="fit-content">
        <FormattedMessage id="people.row.add" />
      </Button>
    </Stack>
  );
}
