import { Anchor, Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { MessageId } from '../common/labels';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { roleLabel } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, EmptyState, ErrorState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { PayChart } from './PayChart';
import { useCreatePayBand, usePayBands, usePayOverview, type PayBand } from './peopleApi';

const roleName = (role: string): Role | null => (['admin', 'director', 'manager', 'kam', 'bd', 'viewer'].includes(role) ? (role as Role) : null);

/** Pay: the market bands per role and everyone's expected pay at 100 % against theirs (flagged outside). */
export default function PayBands() {
  usePageTitle('nav.pay');
  const me = useCurrentUser();
  const bands = usePayBands();
  const overview = usePayOverview();
  const fmt = useFormat();
  if (bands.isError) return <ErrorState error={bands.error} onRetry={() => void bands.refetch()} />;
  const range = (r: PayBand['total'] | null, currency: string) => (r ? `${fmt.money(r.low, currency, { compact: true })} – ${fmt.money(r.high, currency, { compact: true })}` : '—');
  return (
    <>
      <PageHeader title={<FormattedMessage id="people.pay.title" />} />
      <Stack gap="md">
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="people.band.role" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.year" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.base" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.bonus" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.profitShare" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.commission" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.total" /></Table.Th>
                  <Table.Th><FormattedMessage id="people.band.source" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bands.isPending ? null : bands.data.items.length === 0 ? (
                  <Table.Tr><Table.Td colSpan={8}><Text c="dimmed" size="sm"><FormattedMessage id="people.band.empty" /></Text></Table.Td></Table.Tr>
                ) : bands.data.items.map((b) => (
                  <Table.Tr key={b.id} data-testid="pay-band-row">
                    <Table.Td>{roleName(b.role) ? <FormattedMessage id={roleLabel[roleName(b.role)!]} /> : b.role}</Table.Td>
                    <Table.Td>{b.year}</Table.Td>
                    <Table.Td>{range(b.base, b.currency)}</Table.Td>
                    <Table.Td>{range(b.bonus, b.currency)}</Table.Td>
                    <Table.Td>{range(b.profitShare, b.currency)}</Table.Td>
                    <Table.Td>{range(b.commission, b.currency)}</Table.Td>
                    <Table.Td fw={600}>{range(b.total, b.currency)}</Table.Td>
                    <Table.Td><Text size="xs">{b.source}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        {me.role === 'admin' && <BandCreate />}
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb="sm"><FormattedMessage id="people.pay.overview" /></Title>
          {overview.isPending ? <CardSkeleton lines={5} /> : overview.isError ? <InlineError error={overview.error} onRetry={() => void overview.refetch()} /> : overview.data.items.length === 0 ? (
            <EmptyState title={<FormattedMessage id="people.pay.none" />} />
          ) : (
            <Stack gap="sm">
              {overview.data.items.map((p) => (
                <SimpleGrid key={p.userId} cols={{ base: 1, sm: 3 }} spacing="xs" data-testid="pay-row">
                  <Group gap="xs">
                    <Anchor component={Link} to={`/people/${p.userId}`} fw={600}>{p.name}</Anchor>
                    {p.flagged && <Badge color={p.position === 'below' ? 'orange' : 'red'} variant="light"><FormattedMessage id={p.position === 'below' ? 'people.pay.position.below' : 'people.pay.position.above'} /></Badge>}
                  </Group>
                  <div style={{ gridColumn: 'span 2' }}><PayChart pay={p} compact /></div>
                </SimpleGrid>
              ))}
            </Stack>
          )}
        </Card>
      </Stack>
    </>
  );
}

function BandCreate() {
  const intl = useIntl();
  const create = useCreatePayBand();
  const [v, setV] = useState({ role: 'kam', year: new Date().getFullYear(), currency: 'USD', source: '', baseLow: '', baseHigh: '', totalLow: '', totalHigh: '' });
  const errors = formErrorsFrom(create.error, ['role', 'year', 'currency', 'source', 'base', 'total']);
  const t = (id: MessageId) => intl.formatMessage({ id });
  const submit = async () => {
    await create.mutateAsync({
      role: v.role, year: v.year, currency: v.currency.toUpperCase(), source: v.source,
      ...(v.baseLow && v.baseHigh ? { base: { low: v.baseLow, high: v.baseHigh } } : {}),
      total: { low: v.totalLow, high: v.totalHigh },
    });
    notify(intl, t('people.band.saved'));
  };
  const field = (key: keyof typeof v, label: string, error?: string) => (
    <TextInput label={label} value={String(v[key])} onChange={(e) => setV((s) => ({ ...s, [key]: e.currentTarget.value }))} error={error} />
  );
  return (
    <Card withBorder padding="md" component="form" onSubmit={(e) => { e.preventDefault(); void submit().catch(() => undefined); }}>
      <Title order={3} size="h5" mb="sm"><FormattedMessage id="people.band.create" /></Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        {field('role', t('people.band.role'), errors.fields.role)}
        <NumberInput label={t('people.band.year')} value={v.year} onChange={(n) => setV((s) => ({ ...s, year: Number(n) }))} min={1990} max={2100} error={errors.fields.year} />
        {field('currency', t('people.band.currency'), errors.fields.currency)}
        {field('source', t('people.band.source'), errors.fields.source)}
        {field('baseLow', t('people.band.baseLow'), errors.fields.base)}
        {field('baseHigh', t('people.band.baseHigh'))}
        {field('totalLow', t('people.band.totalLow'), errors.fields.total)}
        {field('totalHigh', t('people.band.totalHigh'))}
      </SimpleGrid>
      {create.isError && <SaveErrorAlert error={create.error} general={errors.general} />}
      <Group justify="flex-end" mt="sm"><Button type="submit" loading={create.isPending}><FormattedMessage id="people.band.save" /></Button></Group>
    </Card>
  );
}
