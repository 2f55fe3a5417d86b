import { Box, Group, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { strengthLabel } from '../common/labels';

const LEVELS = [-2, -1, 0, 1, 2] as const;
const COLORS: Record<number, string> = {
  [-2]: 'var(--mantine-color-red-7)',
  [-1]: 'var(--mantine-color-orange-7)',
  0: 'var(--mantine-color-gray-6)',
  1: 'var(--mantine-color-teal-7)',
  2: 'var(--mantine-color-green-8)',
};

/** Relationship strength −2…+2 as five segments (the chosen one filled) and its label. */
export function RelationshipStrength({ value }: { value: number | null | undefined }) {
  const intl = useIntl();
  if (value === null || value === undefined || !(String(value) in strengthLabel)) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id="strength.unknown" />
      </Text>
    );
  }
  const signed = intl.formatNumber(value, { signDisplay: 'exceptZero' });
  return (
    <Group gap={6} wrap="nowrap" data-testid="relationship-strength">
      <Group gap={2} wrap="nowrap" aria-hidden="true">
        {LEVELS.map((level) => (
          <Box
            key={level}
            w={10}
            h={14}
            style={{
              borderRadius: 2,
              background: level === value ? COLORS[level] : 'var(--mantine-color-gray-2)',
              border: `1px solid ${level === value ? COLORS[level] : 'var(--mantine-color-gray-4)'}`,
            }}
          />
        ))}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        <FormattedMessage id={strengthLabel[String(value)] ?? 'strength.unknown'} /> ({signed})
      </Text>
    </Group>
  );
}
