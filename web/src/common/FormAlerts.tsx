import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { isApiError } from '../api/client';

/**
 * 412 on save: someone saved this record after it was opened. The user's typed values stay in
 * the form; they choose to reload the latest version and keep their edits, or discard them.
 */
export function ConflictAlert({
  onReloadKeep,
  onDiscard,
  reloading,
}: {
  onReloadKeep: () => void;
  onDiscard: () => void;
  reloading: boolean;
}) {
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={<FormattedMessage id="conflict.title" />} role="alert" data-testid="conflict-alert">
      <Text size="sm" mb="sm">
        <FormattedMessage id="conflict.body" />
      </Text>
      <Group gap="sm">
        <Button size="xs" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onReloadKeep} loading={reloading}>
          <FormattedMessage id="conflict.reloadKeep" />
        </Button>
        <Button size="xs" variant="default" onClick={onDiscard} disabled={reloading}>
          <FormattedMessage id="conflict.discard" />
        </Button>
      </Group>
    </Alert>
  );
}

/** After "reload and keep my edits": which fields the other person changed. */
export function MergedNotice({ fields }: { fields: ReactNode[] }) {
  return (
    <Alert color="blue" variant="light" role="status" title={<FormattedMessage id="conflict.reloaded.title" />}>
      {fields.length === 0 ? (
        <FormattedMessage id="conflict.reloaded.none" />
      ) : (
        <>
          <FormattedMessage id="conflict.reloaded.fields" values={{ count: fields.length }} />
          <List size="sm" mt={4}>
            {fields.map((f, i) => (
              <List.Item key={i}>{f}</List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

/** A save failure that is not about one field (and field errors the form could not place). */
export function SaveErrorAlert({ error, general }: { error: unknown; general: string[] }) {
  const status = isApiError(error) ? error.status : -1;
  const titleId =
    status === 0 ? 'error.network.title' : status === 403 ? 'error.forbidden.title' : status === 404 ? 'error.notFound.title' : status === 400 || status === 422 ? 'form.invalid' : 'error.generic.title';
  const detail = isApiError(error) && status >= 400 && status < 500 && status !== 403 && status !== 404 ? error.detail : undefined;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />} title={<FormattedMessage id={titleId} />}>
      {detail && <Text size="sm">{detail}</Text>}
      {general.length > 0 && (
        <List size="sm">
          {general.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
      {!detail && general.length === 0 && <FormattedMessage id={status === 400 || status === 422 ? 'form.invalid.body' : 'error.generic.body'} />}
    </Alert>
  );
}
