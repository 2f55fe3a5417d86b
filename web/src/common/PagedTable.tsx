import { Button, Group, Paper, Table } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ErrorState, TableSkeletonRows } from './states';

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  numeric?: boolean;
}

/**
 * A list read page by page from the server (cursor paging, "Show more"), with its loading, empty
 * and error states: the shell every paged table of the app shares.
 */
export function PagedTable<T>({
  label,
  list,
  columns,
  rowKey,
  empty,
  minWidth = 720,
  rowTestId,
}: {
  label: string;
  list: UseInfiniteQueryResult<InfiniteData<PageOf<T>, unknown>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: ReactNode;
  minWidth?: number;
  rowTestId?: string;
}) {
  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!list.isPending && rows.length === 0) return <>{empty}</>;
  return (
    <>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label={label} aria-busy={list.isFetching}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} ta={c.numeric ? 'right' : undefined}>{c.header}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.isPending ? (
                <TableSkeletonRows columns={columns.length} />
              ) : (
                rows.map((row) => (
                  <Table.Tr key={rowKey(row)} data-testid={rowTestId}>
                    {columns.map((c) => (
                      <Table.Td key={c.key} ta={c.numeric ? 'right' : undefined} style={c.numeric ? { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } : undefined}>
                        {c.render(row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {list.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            <FormattedMessage id="list.more" />
          </Button>
        </Group>
      )}
    </>
  );
}
