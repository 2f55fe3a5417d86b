import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { CardSkeleton } from '../common/states';
import { useFormat } from '../common/useFormat';

interface Item {
  id: string;
  title?: string;
  position?: unknown;
  distance?: unknown;
  currency?: unknown;
}

/** The director's home section: people whose expected pay at 100 % is outside the band of their role. */
export function PayOutsideBand({ items, pending }: { items: Item[] | undefined; pending: boolean }) {
  const fmt = useFormat();
  if (pending || !items) return <CardSkeleton lines={2} />;
  if (items.length === 0) return <Text size="sm" c="dimmed"><FormattedMessage id="people.home.payEmpty" /></Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li key={item.id}>
          <Group gap="xs">
            <Anchor component={Link} to={`/people/${item.id}`} size="sm" fw={600}>{item.title ?? item.id}</Anchor>
            <Badge size="sm" variant="light" color={item.position === 'below' ? 'orange' : 'red'}>
              <FormattedMessage id={item.position === 'below' ? 'people.pay.position.below' : 'people.pay.position.above'} />
            </Badge>
            {typeof item.distance === 'string' && typeof item.currency === 'string' && <Text size="xs" c="dimmed">{fmt.money(item.distance, item.currency)}</Text>}
          </Group>
        </li>
      ))}
    </Stack>
  );
}
