import { Fieldset, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { BUYING_ROLES } from '../api/types';
import { buyingRoleLabel, strengthLabel, type MessageId } from '../common/labels';
import { useAllContacts } from './contactApi';
import type { ContactField, ContactFormValues } from './contactUtils';

interface Props {
  accountId: string;
  /** The contact being edited (never offered as its own manager). */
  contactId?: string;
  values: ContactFormValues;
  set: (field: ContactField, value: string) => void;
  apiErrors: Record<string, string>;
  localErrors: Partial<Record<ContactField, MessageId>>;
}

/** The inputs of a contact, shared by ContactCreate and ContactEdit. */
export function ContactInputs({ accountId, contactId, values, set, apiErrors, localErrors }: Props) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const error = (field: ContactField) => apiErrors[field] ?? (localErrors[field] ? t(localErrors[field]) : undefined);
  const colleagues = useAllContacts(accountId);

  const reportsToOptions = useMemo(
    () => (colleagues.data?.items ?? []).filter((c) => c.id !== contactId).map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name })),
    [colleagues.data, contactId],
  );

  const strengthOptions = ['2', '1', '0', '-1', '-2'].map((v) => ({
    value: v,
    label: `${intl.formatNumber(Number(v), { signDisplay: 'exceptZero' })} · ${t(strengthLabel[v] ?? 'strength.unknown')}`,
  }));

  return (
    <Stack gap="lg">
      <Fieldset legend={t('contact.section.person')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('contact.field.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={error('name')} maxLength={200} />
          <TextInput label={t('contact.field.title')} value={values.title} onChange={(e) => set('title', e.currentTarget.value)} error={error('title')} maxLength={200} />
          <TextInput label={t('contact.field.email')} type="email" value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={error('email')} maxLength={320} />
          <TextInput label={t('contact.field.phone')} type="tel" value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={error('phone')} maxLength={50} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('contact.section.relationship')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('contact.field.buyingRole')}
            clearable
            placeholder={t('contact.field.buyingRole.none')}
            data={BUYING_ROLES.map((r) => ({ value: r, label: t(buyingRoleLabel[r]) }))}
            value={values.buyingRole || null}
            onChange={(v) => set('buyingRole', v ?? '')}
            error={error('buyingRole')}
          />
          <Select
            label={t('contact.field.relationshipStrength')}
            description={t('contact.field.relationshipStrength.help')}
            clearable
            placeholder={t('strength.unknown')}
            data={strengthOptions}
            value={values.relationshipStrength || null}
            onChange={(v) => set('relationshipStrength', v ?? '')}
            error={error('relationshipStrength')}
          />
          <Select
            label={t('contact.field.reportsTo')}
            clearable
            searchable
            placeholder={t('contact.field.reportsTo.none')}
            data={reportsToOptions}
            value={values.reportsToId || null}
            onChange={(v) => set('reportsToId', v ?? '')}
            nothingFoundMessage={t('picker.nothingFound')}
            error={error('reportsToId')}
          />
          <TextInput label={t('contact.field.externalId')} value={values.externalId} onChange={(e) => set('externalId', e.currentTarget.value)} error={error('externalId')} maxLength={100} />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
