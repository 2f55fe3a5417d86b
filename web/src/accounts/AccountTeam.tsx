import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import type { Account, TeamRole } from '../api/types';
import { ConfirmButton } from '../common/ConfirmButton';
import { CardSkeleton, InlineError } from '../common/states';
import { roleLabel, teamRoleLabel, type MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { useAccountTeam, useTeamChanges, useUsers } from './accountApi';

const ADDABLE_ROLES = ['sourcing_bd', 'support'] as const satisfies readonly TeamRole[];

/** The account team: owner, sourcing BD and support. Who may change the account adds and removes members (not the owner: that is an edit of the account). */
export function AccountTeam({ account, canEdit }: { account: Account; canEdit: boolean }) {
  const intl = useIntl();
  const team = useAccountTeam(account.id);
  const { remove } = useTeamChanges(account);
  if (team.isPending) return <CardSkeleton lines={3} />;
  if (team.isError) return <InlineError error={team.error} onRetry={() => void team.refetch()} />;
  const members = team.data.items;
  return (
    <Stack gap="sm">
      {members.length === 0 ? (
        <Text size="sm"><FormattedMessage id="account.team.empty" /></Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="account-team">
          {members.map((m) => (
            <Group key={m.userId} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>{m.name}</Text>
                <Text size="xs" c="dimmed" truncate>{m.email}</Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <Badge variant={m.role === 'owner' ? 'filled' : 'outline'} color={m.role === 'owner' ? 'blue.8' : 'gray.7'} tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
                  <FormattedMessage id={teamRoleLabel[m.role]} />
                </Badge>
                {canEdit && m.role !== 'owner' && (
                  <ConfirmButton
                    size="compact-xs"
                    title={<FormattedMessage id="account.team.remove.title" values={{ name: m.name }} />}
                    message={<FormattedMessage id="account.team.remove.body" />}
                    confirmLabel={<FormattedMessage id="account.team.remove" />}
                    pending={remove.isPending}
                    error={remove.error}
                    onConfirm={(close) => remove.mutate(m.userId, { onSuccess: () => { close(); notify(intl, intl.formatMessage({ id: 'account.team.removed' }, { name: m.name })); } })}
                    aria-label={intl.formatMessage({ id: 'account.team.remove.aria' }, { name: m.name })}
                  >
                    <FormattedMessage id="account.team.remove" />
                  </ConfirmButton>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {canEdit && <TeamMemberAdd account={account} memberIds={members.map((m) => m.userId)} />}
    </Stack>
  );
}

function TeamMemberAdd({ account, memberIds }: { account: Account; memberIds: string[] }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const users = useUsers();
  const { add } = useTeamChanges(account);
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<(typeof ADDABLE_ROLES)[number]>('support');
  const candidates = (users.data?.items ?? [])
    .filter((u) => u.active && u.role !== 'viewer' && !memberIds.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(roleLabel[u.role])}` }));
  const submit = () => {
    if (!userId) return;
    add.mutate({ userId, role }, {
      onSuccess: () => {
        setUserId(null);
        notify(intl, t('account.team.added'));
      },
    });
  };
  return (
    <Stack gap="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Select label={t('account.team.add.user')} data={candidates} value={userId} onChange={setUserId} searchable clearable size="xs" nothingFoundMessage={t('picker.nothingFound')} error={isApiError(add.error) ? (add.error.errors[0]?.message ?? add.error.detail ?? t('work.failed')) : undefined} />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select label={t('account.team.add.role')} data={ADDABLE_ROLES.map((r) => ({ value: r, label: t(teamRoleLabel[r]) }))} value={role} onChange={(v) => v && setRole(v as typeof role)} allowDeselect={false} size="xs" style={{ flex: 1 }} />
        <Button size="xs" leftSection={<IconUserPlus size={14} aria-hidden />} onClick={submit} disabled={!userId} loading={add.isPending}>
          <FormattedMessage id="account.team.add" />
        </Button>
      </Group>
    </Stack>
  );
}
