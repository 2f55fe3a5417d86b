import { Anchor, Breadcrumbs, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';

export interface Crumb {
  label: ReactNode;
  to: string;
}

/** Title, way back (breadcrumbs) and the page's main actions. */
export function PageHeader({ title, crumbs, actions, badge }: { title: ReactNode; crumbs?: Crumb[]; actions?: ReactNode; badge?: ReactNode }) {
  const intl = useIntl();
  return (
    <Stack gap={4} mb="lg">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs aria-label={intl.formatMessage({ id: 'a11y.breadcrumbs' })} separatorMargin={6}>
          {crumbs.map((c) => (
            <Anchor key={c.to} component={Link} to={c.to} size="sm">
              {c.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Group gap="sm" align="center" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {badge}
        </Group>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}
