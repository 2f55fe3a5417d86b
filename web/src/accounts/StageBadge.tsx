import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import type { Stage } from '../api/types';
import { stageColor, stageLabel } from '../common/labels';

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={stageColor[stage]} variant="dot" radius="sm" tt="none" fw={600} c="dark.7" size="md" style={{ minWidth: "max-content" }}>
      <FormattedMessage id={stageLabel[stage]} />
    </Badge>
  );
}
