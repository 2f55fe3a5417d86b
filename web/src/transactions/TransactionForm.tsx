import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Transaction } from '../api/types';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom, textOrNull } from '../common/forms';
import type { MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { SearchSelect, type Option } from '../common/SearchSelect';
import { useCurrencyOptions } from '../common/useCurrencyOptions';
import { useFormat } from '../common/useFormat';
import { searchAccounts, searchProducts, useCreateTransaction } from './transactionApi';
import { negate, refundProblem } from './transactionUtils';

const FIELDS = ['accountId', 'productId', 'bookedOn', 'quantity', 'amount', 'cost', 'currency', 'externalId'] as const;
type Field = (typeof FIELDS)[number];
const DECIMAL = /^-?\d{1,14}(\.\d{1,4})?$/;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Records a revenue line, or (with `refundOf`) its refund: a new line on the same account and
 * product with the amount, quantity and cost negated, at most the original amount.
 */
export function TransactionForm({ refundOf, onDone }: { refundOf?: Transaction; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const fmt = useFormat();
  const currencies = useCurrencyOptions();
  const [account, setAccount] = useState<Option | null>(refundOf ? { value: refundOf.accountId, label: refundOf.accountName } : null);
  const [product, setProduct] = useState<Option | null>(refundOf?.productId ? { value: refundOf.productId, label: `${refundOf.productSku} · ${refundOf.productName}` } : null);
  const [values, setValues] = useState<Record<Exclude<Field, 'accountId' | 'productId'>, string>>({
    bookedOn: today(),
    quantity: refundOf ? negate(refundOf.quantity) : '1',
    amount: refundOf ? negate(refundOf.amount) : '',
    cost: refundOf?.cost ? negate(refundOf.cost) : '',
    currency: refundOf?.currency ?? '',
    externalId: '',
  });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const create = useCreateTransaction();
  const errors = formErrorsFrom(create.error, FIELDS);
  const error = (f: Field) => errors.fields[f] ?? local[f];
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!account) found.accountId = t('validation.required');
    if (!values.bookedOn) found.bookedOn = t('validation.required');
    if (!DECIMAL.test(values.amount.trim())) found.amount = t(values.amount.trim() ? 'validation.decimal' : 'validation.required');
    else if (refundOf) {
      const problem = refundProblem(values.amount.trim(), refundOf.amount);
      if (problem) found.amount = t(problem === 'notNegative' ? 'transactions.refund.notNegative' : 'transactions.refund.tooLarge');
    }
    if (values.quantity.trim() && !DECIMAL.test(values.quantity.trim())) found.quantity = t('validation.decimal');
    if (values.cost.trim() && !DECIMAL.test(values.cost.trim())) found.cost = t('validation.decimal');
    setLocal(found);
    if (Object.keys(found).length > 0 || !account) return;
    create.mutate(
      {
        accountId: account.value,
        bookedOn: values.bookedOn,
        amount: values.amount.trim(),
        ...(product ? { productId: product.value } : {}),
        ...(values.quantity.trim() ? { quantity: values.quantity.trim() } : {}),
        ...(values.cost.trim() ? { cost: values.cost.trim() } : {}),
        ...(values.currency ? { currency: values.currency } : {}),
        ...(textOrNull(values.externalId) ? { externalId: values.externalId.trim() } : {}),
      },
      {
        onSuccess: () => {
          notify(intl, t(refundOf ? 'transactions.refunded' : 'transactions.created'));
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="transaction-form">
      <Stack gap="sm">
        {create.isError && <SaveErrorAlert error={create.error} general={errors.general} />}
        {refundOf && (
          <Alert color="blue" variant="light">
            <Text size="sm">
              <FormattedMessage
                id="transactions.refund.of"
                values={{ amount: fmt.money(refundOf.amount, refundOf.currency), date: fmt.date(refundOf.bookedOn), account: refundOf.accountName }}
              />
            </Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SearchSelect queryKey="accounts" search={searchAccounts} label={t('transactions.field.account')} value={account?.value ?? null} selected={account} onChange={setAccount} required disabled={!!refundOf} error={error('accountId')} />
          <SearchSelect queryKey="products" search={searchProducts} label={t('transactions.field.product')} value={product?.value ?? null} selected={product} onChange={setProduct} clearable disabled={!!refundOf} error={error('productId')} />
          <TextInput type="date" label={t('transactions.field.bookedOn')} value={values.bookedOn} onChange={(e) => set('bookedOn')(e.currentTarget.value)} required error={error('bookedOn')} />
          <TextInput label={t('transactions.field.quantity')} inputMode="decimal" value={values.quantity} onChange={(e) => set('quantity')(e.currentTarget.value)} error={error('quantity')} />
          <TextInput label={t('transactions.field.amount')} description={t('transactions.field.amount.help')} inputMode="decimal" value={values.amount} onChange={(e) => set('amount')(e.currentTarget.value)} required error={error('amount')} data-autofocus />
          <TextInput label={t('transactions.field.cost')} inputMode="decimal" value={values.cost} onChange={(e) => set('cost')(e.currentTarget.value)} error={error('cost')} />
          <Select label={t('transactions.field.currency')} placeholder={t('transactions.field.currency.default')} data={currencies} value={values.currency || null} onChange={(v) => set('currency')(v ?? '')} searchable clearable disabled={!!refundOf} nothingFoundMessage={t('picker.nothingFound')} error={error('currency')} />
          <TextInput label={t('transactions.field.externalId')} value={values.externalId} onChange={(e) => set('externalId')(e.currentTarget.value)} maxLength={100} error={error('externalId')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button type="submit" loading={create.isPending} color={refundOf ? 'orange' : undefined}>
            <FormattedMessage id={refundOf ? 'transactions.refund.submit' : 'transactions.create.submit'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
