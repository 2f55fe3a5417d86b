import { Alert, Button, Group, Text, type ButtonProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { isApiError } from '../api/client';
import { Dialog } from './Dialog';
import { SaveErrorAlert } from './FormAlerts';

/**
 * A button for an action that cannot be taken back: asks first, shows a failure in the dialog. On a
 * stale version (412) the caller reloads the record; the dialog says so and the user confirms again.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  pending,
  error,
  ...buttonProps
}: ButtonProps & {
  children: ReactNode;
  title: ReactNode;
  message: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: (close: () => void) => void;
  pending: boolean;
  error?: unknown;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="light" size="xs" {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Dialog opened={opened} onClose={close} title={title}>
        <Text size="sm" mb="md">{message}</Text>
        {isApiError(error) && error.status === 412 ? (
          <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
            <FormattedMessage id="work.conflict" />
          </Alert>
        ) : error ? (
          <SaveErrorAlert error={error} general={[]} />
        ) : null}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button color="red" loading={pending} onClick={() => onConfirm(close)} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Dialog>
    </>
  );
}
