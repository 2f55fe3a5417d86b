import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCurrencyDollar, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useCurrentUser } from '../auth/session';
import { ConfirmButton } from '../common/ConfirmButton';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import type { MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { EmptyState } from '../common/states';
import { useCurrencyOptions } from '../common/useCurrencyOptions';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useUrlFilters } from '../common/useUrlFilters';
import { useDeleteFxRate, useFxRatePages, usePutFxRate, type FxRate } from './fxApi';

const RATE = /^\d{1,10}(\.\d{1,10})?$/;

/** FX rates into the organisation currency: each is in force from its date to the next one. Admins and directors add rates. */
export default function FxRateList() {
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  usePageTitle('fx.title');
  const currencies = useCurrencyOptions();
  const filters = useUrlFilters();
  const currency = filters.get('currency');
  const list = useFxRatePages(currency);
  const remove = useDeleteFxRate();
  const editable = me.role === 'admin' || me.role === 'director';

  const columns: Column<FxRate>[] = [
    { key: 'currency', header: <FormattedMessage id="fx.field.currency" />, render: (r) => <Text fw={600} size="sm">{r.currency}</Text> },
    { key: 'effectiveOn', header: <FormattedMessage id="fx.field.effectiveOn" />, render: (r) => fmt.date(r.effectiveOn) },
    {
      key: 'rate',
      header: <FormattedMessage id="fx.field.rate" />,
      numeric: true,
      render: (r) => <FormattedMessage id="fx.rate.reads" values={{ currency: r.currency, rate: fmt.number(r.rate, { maximumFractionDigits: 10 }), orgCurrency: r.orgCurrency }} />,
    },
    { key: 'createdAt', header: <FormattedMessage id="fx.field.createdAt" />, render: (r) => fmt.dateTime(r.createdAt) },
    ...(me.role === 'admin'
      ? [{
          key: 'actions',
          header: <FormattedMessage id="users.column.actions" />,
          render: (r: FxRate) => (
            <ConfirmButton
              title={<FormattedMessage id="fx.delete.title" values={{ currency: r.currency, date: fmt.date(r.effectiveOn) }} />}
              message={<FormattedMessage id="fx.delete.body" />}
              confirmLabel={<FormattedMessage id="fx.delete" />}
              pending={remove.isPending}
              error={remove.error}
              onConfirm={(close) => remove.mutate(r, { onSuccess: () => { close(); notify(intl, intl.formatMessage({ id: 'fx.deleted' })); } })}
              aria-label={intl.formatMessage({ id: 'fx.delete.aria' }, { currency: r.currency, date: fmt.date(r.effectiveOn) })}
            >
              <FormattedMessage id="fx.delete" />
            </ConfirmButton>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader title={<FormattedMessage id="fx.title" />} />
      <Text c="dimmed" size="sm" mb="md">
        <FormattedMessage id="fx.intro" values={{ orgCurrency: me.orgCurrency }} />
      </Text>
      {editable && <FxRateAdd />}
      <Group mb="md" mt="lg" align="flex-end">
        <Select label={intl.formatMessage({ id: 'fx.filter.currency' })} placeholder={intl.formatMessage({ id: 'fx.filter.anyCurrency' })} data={currencies} value={currency ?? null} onChange={(v) => filters.set('currency', v)} searchable clearable w={260} nothingFoundMessage={intl.formatMessage({ id: 'picker.nothingFound' })} />
      </Group>
      <PagedTable
        label={intl.formatMessage({ id: 'fx.title' })}
        list={list}
        columns={columns}
        rowKey={(r) => `${r.currency}-${r.effectiveOn}`}
        rowTestId="fx-row"
        minWidth={600}
        empty={<EmptyState icon={<IconCurrencyDollar aria-hidden />} title={<FormattedMessage id="fx.empty" />} description={<FormattedMessage id="fx.empty.body" values={{ orgCurrency: me.orgCurrency }} />} />}
      />
    </>
  );
}

function FxRateAdd() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const me = useCurrentUser();
  const currencies = useCurrencyOptions().filter((c) => c.value !== me.orgCurrency);
  const [values, setValues] = useState({ currency: '', effectiveOn: new Date().toISOString().slice(0, 10), rate: '' });
  const [local, setLocal] = useState<Partial<Record<keyof typeof values, string>>>({});
  const put = usePutFxRate();
  const errors = formErrorsFrom(put.error, ['currency', 'effectiveOn', 'rate']);
  const error = (k: keyof typeof values) => errors.fields[k] ?? local[k];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof local = {};
    if (!values.currency) found.currency = t('validation.required');
    if (!values.effectiveOn) found.effectiveOn = t('validation.required');
    if (!RATE.test(values.rate.trim()) || Number(values.rate) <= 0) found.rate = t(values.rate.trim() ? 'fx.validation.rate' : 'validation.required');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    put.mutate({ ...values, rate: values.rate.trim() }, {
      onSuccess: () => {
        notify(intl, t('fx.saved'));
        setValues((v) => ({ ...v, rate: '' }));
      },
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fx-add">
      <Title order={2} size="h4" mb="sm" id="fx-add"><FormattedMessage id="fx.add" /></Title>
      <form onSubmit={submit} noValidate data-testid="fx-form">
        <Stack gap="sm">
          {put.isError && <SaveErrorAlert error={put.error} general={errors.general} />}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select label={t('fx.field.currency')} data={currencies} value={values.currency || null} onChange={(v) => setValues((x) => ({ ...x, currency: v ?? '' }))} searchable required w={240} nothingFoundMessage={t('picker.nothingFound')} error={error('currency')} />
            <TextInput type="date" label={t('fx.field.effectiveOn')} value={values.effectiveOn} onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, effectiveOn: v })); }} required w={180} error={error('effectiveOn')} />
            <TextInput
              label={t('fx.field.rate')}
              description={intl.formatMessage({ id: 'fx.field.rate.help' }, { currency: values.currency || '…', orgCurrency: me.orgCurrency })}
              inputMode="decimal"
              value={values.rate}
              onChange={(e) => { const v = e.currentTarget.value; setValues((x) => ({ ...x, rate: v })); }}
              required
              w={260}
              error={error('rate')}
            />
          </Group>
          <Group>
            <Button type="submit" leftSection={<IconPlus size={16} aria-hidden />} loading={put.isPending}>
              <FormattedMessage id="fx.add.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
