import { Anchor, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { IconPlus, IconReceipt, IconReceiptRefund, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Transaction } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { Dialog } from '../common/Dialog';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { SearchSelect, type Option } from '../common/SearchSelect';
import { EmptyState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useUrlFilters } from '../common/useUrlFilters';
import { canRecordTransactions, searchAccounts, searchProducts, useTransactionPages, type TransactionListQuery } from './transactionApi';
import { TransactionForm } from './TransactionForm';

/** Revenue lines I can see, newest first: filter by account, product and booking dates; record a line or refund one. */
export default function TransactionList() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const fmt = useFormat();
  const me = useCurrentUser();
  usePageTitle('transactions.title');
  const filters = useUrlFilters();
  // The URL keeps ids; the pickers remember the chosen labels for this visit.
  const [account, setAccount] = useState<Option | null>(null);
  const [product, setProduct] = useState<Option | null>(null);
  const query: TransactionListQuery = {
    ...(filters.get('account') ? { accountId: filters.get('account') } : {}),
    ...(filters.get('product') ? { productId: filters.get('product') } : {}),
    ...(filters.get('from') ? { from: filters.get('from') } : {}),
    ...(filters.get('to') ? { to: filters.get('to') } : {}),
  };
  const list = useTransactionPages(query);
  const [dialog, setDialog] = useState<{ refundOf?: Transaction } | null>(null);
  const writer = canRecordTransactions(me.role);

  const columns: Column<Transaction>[] = [
    { key: 'bookedOn', header: <FormattedMessage id="transactions.field.bookedOn" />, render: (x) => fmt.date(x.bookedOn) },
    { key: 'account', header: <FormattedMessage id="transactions.field.account" />, render: (x) => <Anchor component={Link} to={`/accounts/${x.accountId}`} size="sm">{x.accountName}</Anchor> },
    {
      key: 'product',
      header: <FormattedMessage id="transactions.field.product" />,
      render: (x) => (x.productName ? <><Text size="sm">{x.productName}</Text><Text size="xs" c="dimmed" ff="monospace">{x.productSku}</Text></> : '—'),
    },
    { key: 'quantity', header: <FormattedMessage id="transactions.field.quantity" />, numeric: true, render: (x) => fmt.number(x.quantity) },
    { key: 'amount', header: <FormattedMessage id="transactions.field.amount" />, numeric: true, render: (x) => <Text size="sm" c={x.amount.startsWith('-') ? 'red.8' : undefined}>{fmt.money(x.amount, x.currency)}</Text> },
    { key: 'grossProfit', header: <FormattedMessage id="transactions.field.grossProfit" />, numeric: true, render: (x) => fmt.money(x.grossProfit, x.currency) },
    { key: 'externalId', header: <FormattedMessage id="transactions.field.externalId" />, render: (x) => <Text size="xs" ff="monospace">{x.externalId ?? '—'}</Text> },
    ...(writer
      ? [{
          key: 'actions',
          header: <FormattedMessage id="users.column.actions" />,
          render: (x: Transaction) =>
            x.amount.startsWith('-') ? null : (
              <Button size="xs" variant="default" leftSection={<IconReceiptRefund size={14} aria-hidden />} onClick={() => setDialog({ refundOf: x })} aria-label={intl.formatMessage({ id: 'transactions.refund.aria' }, { account: x.accountName, date: fmt.date(x.bookedOn) })}>
                <FormattedMessage id="transactions.refund" />
              </Button>
            ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="transactions.title" />}
        actions={
          writer && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({})}>
              <FormattedMessage id="transactions.new" />
            </Button>
          )
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <SearchSelect queryKey="accounts" search={searchAccounts} label={t('transactions.field.account')} placeholder={t('transactions.filter.anyAccount')} value={filters.get('account') ?? null} selected={account} onChange={(o) => { setAccount(o); filters.set('account', o?.value); }} clearable w={260} />
          <SearchSelect queryKey="products" search={searchProducts} label={t('transactions.field.product')} placeholder={t('transactions.filter.anyProduct')} value={filters.get('product') ?? null} selected={product} onChange={(o) => { setProduct(o); filters.set('product', o?.value); }} clearable w={260} />
          <TextInput type="date" label={t('transactions.filter.from')} value={filters.get('from') ?? ''} onChange={(e) => filters.set('from', e.currentTarget.value)} w={170} />
          <TextInput type="date" label={t('transactions.filter.to')} value={filters.get('to') ?? ''} onChange={(e) => filters.set('to', e.currentTarget.value)} w={170} />
        </Group>
      </Paper>
      <PagedTable
        label={t('transactions.title')}
        list={list}
        columns={columns}
        rowKey={(x) => x.id}
        rowTestId="transaction-row"
        minWidth={900}
        empty={
          filters.any ? (
            <EmptyState icon={<IconSearch aria-hidden />} title={<FormattedMessage id="transactions.empty.filtered" />} action={<Button variant="default" onClick={() => { setAccount(null); setProduct(null); filters.clear(); }}><FormattedMessage id="accounts.filter.clear" /></Button>} />
          ) : (
            <EmptyState icon={<IconReceipt aria-hidden />} title={<FormattedMessage id="transactions.empty" />} description={<FormattedMessage id="transactions.empty.body" />} />
          )
        }
      />
      <Dialog opened={dialog !== null} onClose={() => setDialog(null)} title={t(dialog?.refundOf ? 'transactions.refund.title' : 'transactions.new')} size="lg">
        {dialog && <TransactionForm refundOf={dialog.refundOf} onDone={() => setDialog(null)} />}
      </Dialog>
    </>
  );
}
