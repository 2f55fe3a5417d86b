import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useOpportunities } from './opportunityApi';
import { OpportunityCreate } from './OpportunityCreate';
import { StageBadge } from './opportunityLabels';

/** The account page's opportunities: soonest close first, with "new opportunity". */
export function AccountOpportunities({ accountId, currency, canEdit }: { accountId: string; currency: string; canEdit: boolean }) {
  const list = useOpportunities({ accountId }, 10);
  const navigate = useNavigate();
  const fmt = useFormat();
  const [creating, setCreating] = useState(false);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" data-testid="account-opportunities">
      {creating ? (
        <OpportunityCreate accountId={accountId} currency={currency} onDone={(o) => (o ? void navigate(`/opportunities/${o.id}`) : setCreating(false))} />
      ) : (
        canEdit && (
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="new-opportunity">
              <FormattedMessage id="opportunity.new" />
            </Button>
          </Group>
        )
      )}
      {list.isPending ? (
        <CardSkeleton lines={3} />
      ) : list.isError ? (
        <InlineError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="account.opportunities.empty" /></Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td><Anchor component={Link} to={`/opportunities/${o.id}`} size="sm" fw={600}>{o.name}</Anchor></Table.Td>
                  <Table.Td><StageBadge stage={o.stage} outcome={o.outcome} /></Table.Td>
                  <Table.Td ta="right"><Text size="sm">{fmt.money(o.amount, o.currency)}</Text></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{fmt.date(o.closeDate)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="subtle" size="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}><FormattedMessage id="opportunity.more" /></Button>
      )}
    </Stack>
  );
}
