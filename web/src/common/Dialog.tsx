import { Modal, type ModalProps } from '@mantine/core';
import { useIntl } from 'react-intl';

/** A modal dialog whose close button is labelled in the user's language (axe: button-name). */
export function Dialog(props: ModalProps) {
  const intl = useIntl();
  return <Modal centered {...props} closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'action.close' }), ...props.closeButtonProps }} />;
}
