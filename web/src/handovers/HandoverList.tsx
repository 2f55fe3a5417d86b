import { Anchor, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, InlineError, TableSkeletonRows } from '../common/states';
import { useCursorPaging } from '../common/useCursorPaging';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useHandovers, type HandoverState } from './handoverApi';
import { HandoverStateBadge } from './HandoverStateBadge';

const FILTERS = ['pending', 'accepted', 'returned', 'cancelled', 'all'] as const;

/** Handovers I can see: what waits on me first (pending, mine). */
export default function HandoverList() {
  const intl = useIntl();
  const fmt = useFormat();
  usePageTitle('nav.handovers');
  const [state, setState] = useState<HandoverState | 'all'>('pending');
  const [mine, setMine] = useState(true);
  const { cursor, page, next, previous } = useCursorPaging(`${state}:${mine}`);
  const list = useHandovers(state, mine, cursor);
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={<FormattedMessage id="nav.handovers" />} />
      <Stack gap="md">
        <Group justify="space-between">
          <SegmentedControl value={state} onChange={(v) => setState(v as HandoverState | 'all')} data={FILTERS.map((f) => ({ value: f, label: intl.formatMessage({ id: f === 'all' ? 'handover.filter.all' : `handover.state.${f}` }) }))} />
          <Checkbox label={intl.formatMessage({ id: 'handover.filter.mine' })} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        </Group>
        {list.isError ? (
          <InlineError error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.isPending && items.length === 0 ? (
          <EmptyState icon={<IconArrowsExchange aria-hidden />} title={<FormattedMessage id="handover.empty.title" />} description={<FormattedMessage id="handover.empty.body" />} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="handover.account" /></Table.Th>
                  <Table.Th><FormattedMessage id="handover.from" /></Table.Th>
                  <Table.Th><FormattedMessage id="handover.to" /></Table.Th>
                  <Table.Th><FormattedMessage id="handover.stateLabel" /></Table.Th>
                  <Table.Th><FormattedMessage id="handover.checklist" /></Table.Th>
                  <Table.Th><FormattedMessage id="handover.started" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? <TableSkeletonRows columns={6} /> : items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td><Anchor component={Link} to={`/handovers/${h.id}`} fw={600}>{h.accountName}</Anchor></Table.Td>
                    <Table.Td>{h.fromUserName}</Table.Td>
                    <Table.Td>{h.toUserName}</Table.Td>
                    <Table.Td><HandoverStateBadge state={h.state} /></Table.Td>
                    <Table.Td><Text size="sm"><FormattedMessage id="handover.checklist.progress" values={{ done: 5 - h.missing.length, total: 5 }} /></Text></Table.Td>
                    <Table.Td>{fmt.dateTime(h.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {(page > 1 || list.data?.nextCursor) && (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" disabled={page <= 1} onClick={previous} leftSection={<IconChevronLeft size={14} />}><FormattedMessage id="paging.previous" /></Button>
            <Button variant="default" size="xs" disabled={!list.data?.nextCursor} onClick={() => list.data?.nextCursor && next(list.data.nextCursor)} rightSection={<IconChevronRight size={14} />}><FormattedMessage id="paging.next" /></Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
