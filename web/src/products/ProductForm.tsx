import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { useCurrentUser } from '../auth/session';
import { ConflictAlert, SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom, textOrNull } from '../common/forms';
import type { MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { useCurrencyOptions } from '../common/useCurrencyOptions';
import { useLatestVersion } from '../common/useLatestVersion';
import { fetchProduct, useSaveProduct, type Product } from './productApi';

const FIELDS = ['sku', 'name', 'family', 'listPrice', 'unitCost', 'currency'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const MONEY = /^-?\d{1,15}(\.\d{1,4})?$/;

/** Adds a product to the catalogue (`product` null) or changes one. Prices are decimals in the product's currency. */
export function ProductForm({ product, onDone }: { product: Product | null; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const me = useCurrentUser();
  const currencies = useCurrencyOptions();
  const toValues = (p: Product | null): Values => ({
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    family: p?.family ?? '',
    listPrice: p?.listPrice ?? '',
    unitCost: p?.unitCost ?? '',
    currency: p?.currency ?? me.orgCurrency,
  });
  const [values, setValues] = useState<Values>(() => toValues(product));
  const [local, setLocal] = useState<Partial<Values>>({});
  const save = useSaveProduct(product);
  const latest = useLatestVersion(product, () => fetchProduct(product!.id), toValues, { values, setValues });
  const errors = formErrorsFrom(save.error, FIELDS);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const error = (key: keyof Values) => errors.fields[key] ?? local[key];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Values> = {};
    if (!values.sku.trim()) found.sku = t('validation.required');
    if (!values.name.trim()) found.name = t('validation.required');
    for (const key of ['listPrice', 'unitCost'] as const) if (values[key].trim() && !MONEY.test(values[key].trim())) found[key] = t('validation.decimal');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const body = {
      sku: values.sku.trim(),
      name: values.name.trim(),
      family: textOrNull(values.family),
      listPrice: textOrNull(values.listPrice),
      unitCost: textOrNull(values.unitCost),
      currency: values.currency,
    };
    save.mutate({ body, version: latest.version }, {
      onSuccess: () => {
        notify(intl, t(product ? 'products.saved' : 'products.created'));
        onDone();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="product-form">
      <Stack gap="sm">
        {isApiError(save.error) && save.error.status === 412 ? (
          <ConflictAlert onReloadKeep={() => void latest.reload().then(() => save.reset())} onDiscard={onDone} reloading={latest.reloading} />
        ) : (
          save.isError && <SaveErrorAlert error={save.error} general={errors.general} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('products.field.sku')} value={values.sku} onChange={(e) => set('sku')(e.currentTarget.value)} required maxLength={100} error={error('sku')} data-autofocus />
          <TextInput label={t('products.field.name')} value={values.name} onChange={(e) => set('name')(e.currentTarget.value)} required maxLength={200} error={error('name')} />
          <TextInput label={t('products.field.family')} value={values.family} onChange={(e) => set('family')(e.currentTarget.value)} maxLength={100} error={error('family')} />
          <Select label={t('products.field.currency')} data={currencies} value={values.currency} onChange={(v) => v && set('currency')(v)} searchable allowDeselect={false} nothingFoundMessage={t('picker.nothingFound')} error={error('currency')} />
          <TextInput label={t('products.field.listPrice')} inputMode="decimal" value={values.listPrice} onChange={(e) => set('listPrice')(e.currentTarget.value)} error={error('listPrice')} />
          <TextInput label={t('products.field.unitCost')} inputMode="decimal" value={values.unitCost} onChange={(e) => set('unitCost')(e.currentTarget.value)} error={error('unitCost')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button type="submit" loading={save.isPending}>
            <FormattedMessage id={product ? 'action.save' : 'products.create.submit'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
