import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../common/labels';
import { useFormat } from '../common/useFormat';
import type { ImportSummary } from './importApi';

const COUNTS: { key: 'rowsRead' | 'created' | 'updated' | 'unchanged' | 'rejected'; label: MessageId }[] = [
  { key: 'rowsRead', label: 'imports.count.rowsRead' },
  { key: 'created', label: 'imports.count.created' },
  { key: 'updated', label: 'imports.count.updated' },
  { key: 'unchanged', label: 'imports.count.unchanged' },
  { key: 'rejected', label: 'imports.count.rejected' },
];

/** What an import did: applied or rejected, the counts, warnings, and every rejected row as a table. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const intl = useIntl();
  const fmt = useFormat();
  const applied = summary.status === 'applied';
  return (
    <Stack gap="md" data-testid="import-summary">
      <Alert
        color={applied ? (summary.rejected > 0 ? 'orange' : 'teal') : 'red'}
        variant="light"
        icon={applied ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={<FormattedMessage id={applied ? 'imports.status.applied' : 'imports.status.rejected'} values={{ file: summary.fileName }} />}
        role="status"
      >
        <FormattedMessage id={applied ? (summary.rejected > 0 ? 'imports.applied.skipped' : 'imports.applied.body') : 'imports.rejected.body'} values={{ count: summary.rejected }} />
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        {COUNTS.map((c) => (
          <Paper key={c.key} withBorder p="sm">
            <Text size="xs" c="dimmed"><FormattedMessage id={c.label} /></Text>
            <Text fw={700} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`import-count-${c.key}`}>{fmt.number(summary[c.key])}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      {summary.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={<FormattedMessage id="imports.warnings" />}>
          <List size="sm">
            {summary.warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}
          </List>
        </Alert>
      )}
      {summary.errors.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={600}>
            <Table striped verticalSpacing="xs" aria-label={intl.formatMessage({ id: 'imports.errors.title' })} data-testid="import-errors">
              <Table.Caption><FormattedMessage id="imports.errors.title" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right"><FormattedMessage id="imports.errors.row" /></Table.Th>
                  <Table.Th><FormattedMessage id="imports.errors.column" /></Table.Th>
                  <Table.Th><FormattedMessage id="imports.errors.value" /></Table.Th>
                  <Table.Th><FormattedMessage id="imports.errors.message" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.errors.map((e, i) => (
                  <Table.Tr key={`${e.row}-${e.column}-${i}`}>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.number(e.row)}</Table.Td>
                    <Table.Td>{e.column ? <Badge style={{ minWidth: 'max-content' }} variant="outline" tt="none">{e.column}</Badge> : '—'}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.value === '' ? <Text span c="dimmed" size="sm"><FormattedMessage id="imports.errors.empty" /></Text> : e.value}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {summary.errorsNotListed > 0 && (
            <Group p="sm"><Text size="sm" c="dimmed"><FormattedMessage id="imports.errors.notListed" values={{ count: summary.errorsNotListed }} /></Text></Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
