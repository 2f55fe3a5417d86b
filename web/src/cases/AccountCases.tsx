import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { CardSkeleton, InlineError } from '../common/states';
import { useAccountCases } from './caseApi';
import { CaseCreate } from './CaseCreate';
import { EscalationBadge, SeverityBadge, SlaCountdown, StatusBadge } from './caseLabels';

/** The account page's cases: newest first, with "open a case". */
export function AccountCases({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const cases = useAccountCases(accountId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [now] = useState(() => Date.now());
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      {creating ? (
        <CaseCreate accountId={accountId} onDone={(c) => (c ? void navigate(`/cases/${c.id}`) : setCreating(false))} />
      ) : (
        canEdit && (
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)} data-testid="open-case">
              <FormattedMessage id="case.open" />
            </Button>
          </Group>
        )
      )}
      {cases.isPending ? (
        <CardSkeleton lines={3} />
      ) : cases.isError ? (
        <InlineError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="account.cases.empty" /></Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td><Anchor component={Link} to={`/cases/${c.id}`} size="sm" fw={600}>{c.title}</Anchor></Table.Td>
                  <Table.Td><SeverityBadge severity={c.severity} /></Table.Td>
                  <Table.Td><Group gap={4}><StatusBadge status={c.status} /><EscalationBadge level={c.escalationLevel} /></Group></Table.Td>
                  <Table.Td><SlaCountdown c={c} now={now} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cases.hasNextPage && (
        <Button variant="subtle" size="xs" loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
          <FormattedMessage id="cases.more" />
        </Button>
      )}
    </Stack>
  );
}
