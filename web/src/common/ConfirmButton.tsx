import { Button, Group, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Dialog } from './Dialog';
import { InlineError } from './states';

/** A button for an action that cannot be taken back: asks first, shows a failure in the dialog. */
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
        {error ? <InlineError error={error} /> : null}
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
