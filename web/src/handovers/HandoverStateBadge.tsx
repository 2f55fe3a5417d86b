import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { HandoverState } from './handoverApi';

const COLOR: Record<HandoverState, string> = { pending: 'yellow', accepted: 'teal', returned: 'orange', cancelled: 'gray' };

export function HandoverStateBadge({ state }: { state: HandoverState }) {
  return <Badge color={COLOR[state]} variant="light"><FormattedMessage id={`handover.state.${state}`} /></Badge>;
}
