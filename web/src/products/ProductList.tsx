import { Anchor, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPackage, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useCurrentUser } from '../auth/session';
import { Dialog } from '../common/Dialog';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { EmptyState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useUrlFilters } from '../common/useUrlFilters';
import { useProductPages, type Product } from './productApi';
import { ProductForm } from './ProductForm';

/** Who maintains the catalogue (authorization matrix: admin, director, manager). */
export const canEditProducts = (role: string) => role === 'admin' || role === 'director' || role === 'manager';

/** The product catalogue: search by sku or name, filter by family; catalogue keepers add and change products. */
export default function ProductList() {
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  usePageTitle('products.title');
  const filters = useUrlFilters();
  const [search, setSearch] = useState(filters.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => {
    if (debounced !== (filters.get('q') ?? '')) filters.set('q', debounced);
  }, [debounced]);
  const [family, setFamily] = useState(filters.get('family') ?? '');
  const [debouncedFamily] = useDebouncedValue(family.trim(), 300);
  useEffect(() => {
    if (debouncedFamily !== (filters.get('family') ?? '')) filters.set('family', debouncedFamily);
  }, [debouncedFamily]);
  const q = filters.get('q');
  const familyFilter = filters.get('family');
  const list = useProductPages({ ...(q ? { q } : {}), ...(familyFilter ? { family: familyFilter } : {}) });
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const editable = canEditProducts(me.role);

  const columns: Column<Product>[] = [
    { key: 'sku', header: <FormattedMessage id="products.field.sku" />, render: (p) => <Text size="sm" ff="monospace">{p.sku}</Text> },
    {
      key: 'name',
      header: <FormattedMessage id="products.field.name" />,
      render: (p) =>
        editable ? (
          <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => setEditing(p)}>{p.name}</Anchor>
        ) : (
          <Text size="sm" fw={600}>{p.name}</Text>
        ),
    },
    { key: 'family', header: <FormattedMessage id="products.field.family" />, render: (p) => p.family ?? '—' },
    { key: 'listPrice', header: <FormattedMessage id="products.field.listPrice" />, numeric: true, render: (p) => fmt.money(p.listPrice, p.currency) },
    { key: 'unitCost', header: <FormattedMessage id="products.field.unitCost" />, numeric: true, render: (p) => fmt.money(p.unitCost, p.currency) },
    { key: 'updatedAt', header: <FormattedMessage id="products.field.updatedAt" />, render: (p) => fmt.date(p.updatedAt.slice(0, 10)) },
  ];

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="products.title" />}
        actions={
          editable && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              <FormattedMessage id="products.new" />
            </Button>
          )
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput label={intl.formatMessage({ id: 'products.search' })} leftSection={<IconSearch size={16} aria-hidden />} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: '1 1 240px' }} />
          <TextInput label={intl.formatMessage({ id: 'products.field.family' })} value={family} onChange={(e) => setFamily(e.currentTarget.value)} w={200} />
        </Group>
      </Paper>
      <PagedTable
        label={intl.formatMessage({ id: 'products.title' })}
        list={list}
        columns={columns}
        rowKey={(p) => p.id}
        rowTestId="product-row"
        empty={
          q || familyFilter ? (
            <EmptyState icon={<IconSearch aria-hidden />} title={<FormattedMessage id="products.empty.filtered" />} action={<Button variant="default" onClick={() => { setSearch(''); setFamily(''); filters.clear(); }}><FormattedMessage id="accounts.filter.clear" /></Button>} />
          ) : (
            <EmptyState icon={<IconPackage aria-hidden />} title={<FormattedMessage id="products.empty" />} description={<FormattedMessage id="products.empty.body" />} />
          )
        }
      />
      <Dialog opened={editing !== null} onClose={() => setEditing(null)} title={intl.formatMessage({ id: editing === 'new' ? 'products.new' : 'products.edit' })} size="lg">
        {editing !== null && <ProductForm key={editing === 'new' ? 'new' : editing.id} product={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}
