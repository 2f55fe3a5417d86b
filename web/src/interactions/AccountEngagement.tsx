import { Card, Group, Stack, Title } from '@mantine/core';
import { IconCoin, IconHeartHandshake, IconMessages } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Account } from '../api/types';
import { CostToServeCard } from './CostToServeCard';
import { EngagementSummary } from './EngagementSummary';
import { InteractionList } from './InteractionList';
import { RelationshipStageEdit } from './RelationshipStageEdit';

function Section({ title, icon, children, testId }: { title: ReactNode; icon: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="lg" component="section" data-testid={testId}>
      <Group gap={8} mb="md">
        {icon}
        <Title order={2} size="h4">
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}

/** On the account page's main column: the interactions timeline. */
export function AccountInteractions({ account, canEdit }: { account: Account; canEdit: boolean }) {
  return (
    <Section title={<FormattedMessage id="account.section.interactions" />} icon={<IconMessages size={18} aria-hidden />} testId="account-interactions">
      <InteractionList accountId={account.id} canEdit={canEdit} />
    </Section>
  );
}

/** On the account page's side column: cadence, relationship stage, cost to serve. */
export function AccountEngagementSide({ account }: { account: Account }) {
  return (
    <Stack gap="md">
      <Section title={<FormattedMessage id="account.section.engagement" />} icon={<IconHeartHandshake size={18} aria-hidden />} testId="account-engagement">
        <Stack gap="md">
          <EngagementSummary accountId={account.id} />
          <RelationshipStageEdit account={account} />
        </Stack>
      </Section>
      <Section title={<FormattedMessage id="cost.title" />} icon={<IconCoin size={18} aria-hidden />} testId="account-cost">
        <CostToServeCard accountId={account.id} />
      </Section>
    </Stack>
  );
}
