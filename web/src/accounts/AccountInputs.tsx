import { Fieldset, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { STAGES } from '../api/types';
import { stageLabel, type MessageId } from '../common/labels';
import { COUNTRY_CODES, currencyCodes } from '../common/regions';
import { INTL_LOCALE } from '../format';
import { useLocale } from '../i18n/I18nProvider';
import { useAccountSearch, useUsers } from './accountApi';
import type { AccountField, AccountFormValues } from './accountUtils';

interface Props {
  values: AccountFormValues;
  set: (field: AccountField, value: string) => void;
  /** Messages from the API, beside their fields. */
  apiErrors: Record<string, string>;
  /** Messages from checks in the browser. */
  localErrors: Partial<Record<AccountField, MessageId>>;
  /** The account being edited (never offered as its own parent). */
  accountId?: string;
  /** The current parent's name, shown before any search. */
  parentName?: string | null;
  /** The current owner's name, when the user list cannot be read. */
  ownerName?: string | null;
}

const SCORES = ['0', '1', '2', '3', '4', '5'];

/** The inputs of an account, shared by AccountCreate and AccountEdit. */
export function AccountInputs({ values, set, apiErrors, localErrors, accountId, parentName, ownerName }: Props) {
  const intl = useIntl();
  const { locale } = useLocale();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const error = (field: AccountField) => apiErrors[field] ?? (localErrors[field] ? t(localErrors[field]) : undefined);

  const [parentSearch, setParentSearch] = useState('');
  const [debouncedParent] = useDebouncedValue(parentSearch, 250);
  const parents = useAccountSearch(debouncedParent);
  const users = useUsers();

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'region' });
    return COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, INTL_LOCALE[locale]));
  }, [locale]);

  const currencies = useMemo(() => {
    const names = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'currency' });
    return currencyCodes().map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
  }, [locale]);

  const parentOptions = useMemo(() => {
    const options = (parents.data?.items ?? []).filter((a) => a.id !== accountId).map((a) => ({ value: a.id, label: a.name }));
    if (values.parentId && !options.some((o) => o.value === values.parentId)) options.unshift({ value: values.parentId, label: parentName ?? values.parentId });
    return options;
  }, [parents.data, accountId, values.parentId, parentName]);

  const ownerOptions = useMemo(() => {
    const options = (users.data?.items ?? []).filter((u) => u.active && u.role !== 'viewer').map((u) => ({ value: u.id, label: u.name }));
    if (values.ownerId && !options.some((o) => o.value === values.ownerId)) options.unshift({ value: values.ownerId, label: ownerName ?? values.ownerId });
    return options;
  }, [users.data, values.ownerId, ownerName]);

  return (
    <Stack gap="lg">
      <Fieldset legend={t('account.section.basics')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('account.field.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={error('name')} maxLength={200} data-autofocus />
          <Select
            label={t('account.field.stage')}
            required
            allowDeselect={false}
            data={STAGES.map((s) => ({ value: s, label: t(stageLabel[s]) }))}
            value={values.stage}
            onChange={(v) => set('stage', v ?? 'prospect')}
            error={error('stage')}
          />
          <Select
            label={t('account.field.parent')}
            placeholder={t('account.field.parent.placeholder')}
            searchable
            clearable
            data={parentOptions}
            value={values.parentId || null}
            onChange={(v) => set('parentId', v ?? '')}
            searchValue={parentSearch}
            onSearchChange={setParentSearch}
            nothingFoundMessage={t('picker.nothingFound')}
            filter={({ options }) => options}
            error={error('parentId')}
          />
          <TextInput label={t('account.field.externalId')} description={t('account.field.externalId.help')} value={values.externalId} onChange={(e) => set('externalId', e.currentTarget.value)} error={error('externalId')} maxLength={100} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('account.section.market')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('account.field.industry')} value={values.industry} onChange={(e) => set('industry', e.currentTarget.value)} error={error('industry')} maxLength={100} />
          <TextInput label={t('account.field.region')} value={values.region} onChange={(e) => set('region', e.currentTarget.value)} error={error('region')} maxLength={100} />
          <Select label={t('account.field.country')} searchable clearable data={countries} value={values.country || null} onChange={(v) => set('country', v ?? '')} nothingFoundMessage={t('picker.nothingFound')} error={error('country')} />
          <Select label={t('account.field.currency')} required searchable allowDeselect={false} data={currencies} value={values.currency || null} onChange={(v) => set('currency', v ?? '')} nothingFoundMessage={t('picker.nothingFound')} error={error('currency')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('account.section.strategic')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select label={t('account.field.strategicFit')} description={t('account.field.score.help')} clearable data={SCORES} value={values.strategicFit || null} onChange={(v) => set('strategicFit', v ?? '')} error={error('strategicFit')} />
          <Select label={t('account.field.referenceValue')} description={t('account.field.score.help')} clearable data={SCORES} value={values.referenceValue || null} onChange={(v) => set('referenceValue', v ?? '')} error={error('referenceValue')} />
          <TextInput
            label={t('account.field.walletEstimate')}
            description={intl.formatMessage({ id: 'account.field.walletEstimate.help' }, { currency: values.currency || '—' })}
            inputMode="decimal"
            value={values.walletEstimate}
            onChange={(e) => set('walletEstimate', e.currentTarget.value)}
            error={error('walletEstimate')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('account.section.ownership')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('account.field.owner')}
            searchable
            clearable
            data={ownerOptions}
            value={values.ownerId || null}
            onChange={(v) => set('ownerId', v ?? '')}
            nothingFoundMessage={t('picker.nothingFound')}
            disabled={users.isError}
            description={users.isError ? t('account.field.owner.readonly') : undefined}
            error={error('ownerId')}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
