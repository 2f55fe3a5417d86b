import { notifications } from '@mantine/notifications';
import type { IntlShape } from 'react-intl';

/** A short confirmation toast; its close button is labelled in the user's language. */
export function notify(intl: IntlShape, message: string, color: 'green' | 'red' = 'green'): void {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': intl.formatMessage({ id: 'action.close' }) } });
}
