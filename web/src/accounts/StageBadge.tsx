import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { Stage } from '../api/types';
import { stageColor, stageLabel } from '../common/labels';

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={stageColor[stage]} variant="light" radius="sm" tt="none" fw={600}>
      <FormattedMessage id={stageLabel[stage]} />
    </Badge>
  );
}
