import { ActionIcon, Alert, Badge, Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ConfirmButton } from '../common/ConfirmButton';
import { Dialog } from '../common/Dialog';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import type { MessageId } from '../common/labels';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { EmptyState, ErrorState, TableSkeletonRows } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { useCreateToken, useRevokeToken, useTokens, type ApiToken, type CreatedToken } from './tokenApi';

/** My API tokens for integrations: list, create (the secret is shown once, with a copy button), revoke. */
export default function TokenList() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  usePageTitle('tokens.title');
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const items = tokens.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={<FormattedMessage id="tokens.title" />}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            <FormattedMessage id="tokens.new" />
          </Button>
        }
      />
      <Text c="dimmed" size="sm" mb="md">
        <FormattedMessage id="tokens.intro" />
      </Text>
      {tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : !tokens.isPending && items.length === 0 ? (
        <EmptyState icon={<IconKey aria-hidden />} title={<FormattedMessage id="tokens.empty" />} description={<FormattedMessage id="tokens.empty.body" />} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm" aria-label={t('tokens.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="tokens.field.name" /></Table.Th>
                  <Table.Th><FormattedMessage id="tokens.field.prefix" /></Table.Th>
                  <Table.Th><FormattedMessage id="tokens.field.createdAt" /></Table.Th>
                  <Table.Th><FormattedMessage id="tokens.field.lastUsedAt" /></Table.Th>
                  <Table.Th><FormattedMessage id="tokens.field.status" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.isPending ? <TableSkeletonRows columns={5} rows={3} /> : items.map((token) => <TokenRow key={token.id} token={token} />)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Dialog opened={creating} onClose={() => setCreating(false)} title={t('tokens.new')} size="lg">
        {creating && <TokenCreate onDone={() => setCreating(false)} />}
      </Dialog>
    </>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const intl = useIntl();
  const fmt = useFormat();
  const revoke = useRevokeToken();
  return (
    <Table.Tr data-testid="token-row">
      <Table.Td fw={600}>{token.name}</Table.Td>
      <Table.Td><Code>{token.prefix}…</Code></Table.Td>
      <Table.Td>{fmt.dateTime(token.createdAt)}</Table.Td>
      <Table.Td>{token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : <FormattedMessage id="tokens.neverUsed" />}</Table.Td>
      <Table.Td>
        {token.revokedAt ? (
          <Badge style={{ minWidth: 'max-content' }} color="gray" variant="light">
            <FormattedMessage id="tokens.revokedOn" values={{ date: fmt.dateTime(token.revokedAt) }} />
          </Badge>
        ) : (
          <ConfirmButton
            title={<FormattedMessage id="tokens.revoke.title" values={{ name: token.name }} />}
            message={<FormattedMessage id="tokens.revoke.body" />}
            confirmLabel={<FormattedMessage id="tokens.revoke" />}
            pending={revoke.isPending}
            error={revoke.error}
            onConfirm={(close) =>
              revoke.mutate(token.id, {
                onSuccess: () => {
                  close();
                  notify(intl, intl.formatMessage({ id: 'tokens.revoked' }, { name: token.name }));
                },
              })
            }
            aria-label={intl.formatMessage({ id: 'tokens.revoke.aria' }, { name: token.name })}
          >
            <FormattedMessage id="tokens.revoke" />
          </ConfirmButton>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function TokenCreate({ onDone }: { onDone: () => void }) {
  const intl = useIntl();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useCreateToken();
  const errors = formErrorsFrom(create.error, ['name']);
  if (created) return <TokenShownOnce token={created} onDone={onDone} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!name.trim());
    if (name.trim()) create.mutate(name.trim(), { onSuccess: setCreated });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {create.isError && <SaveErrorAlert error={create.error} general={errors.general} />}
        <TextInput
          label={intl.formatMessage({ id: 'tokens.field.name' })}
          description={intl.formatMessage({ id: 'tokens.field.name.help' })}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={100}
          required
          error={errors.fields.name ?? (missing ? intl.formatMessage({ id: 'validation.required' }) : undefined)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button type="submit" loading={create.isPending}>
            <FormattedMessage id="tokens.create.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenShownOnce({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const intl = useIntl();
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" title={<FormattedMessage id="tokens.once.title" />}>
        <FormattedMessage id="tokens.once.body" />
      </Alert>
      <Group gap="xs" wrap="nowrap">
        <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="new-token">{token.token}</Code>
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Tooltip label={intl.formatMessage({ id: copied ? 'tokens.copied' : 'tokens.copy' })} withArrow>
              <ActionIcon variant="light" color={copied ? 'teal' : 'blue'} size="lg" onClick={copy} aria-label={intl.formatMessage({ id: 'tokens.copy' })}>
                {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onDone}>
          <FormattedMessage id="tokens.once.done" />
        </Button>
      </Group>
    </Stack>
  );
}
