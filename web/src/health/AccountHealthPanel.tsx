import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { CardSkeleton, InlineError } from '../common/states';
import { useAccountHealth, useConfirmAtRisk } from './healthApi';
import { HealthBadge, ReasonTable } from './healthLabels';

/** The account page's health: score, band, reasons worst first; the owner confirms an at-risk suggestion. */
export function AccountHealthPanel({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const intl = useIntl();
  const health = useAccountHealth(accountId);
  const confirm = useConfirmAtRisk();
  if (health.isPending) return <CardSkeleton lines={4} />;
  if (health.isError) return <InlineError error={health.error} onRetry={() => void health.refetch()} />;
  const h = health.data;
  const conflict = isApiError(confirm.error) && (confirm.error.status === 412 || confirm.error.status === 409);
  return (
    <Stack gap="sm" data-testid="account-health">
      <Group justify="space-between">
        <HealthBadge score={h.score} band={h.band} />
      </Group>
      {h.suggestAtRisk && canEdit && (
        <Alert color="red" variant="light" title={<FormattedMessage id="health.suggest" values={{ threshold: h.atRiskBelow }} />}>
          {conflict && (
            <Text size="sm" mb="xs"><FormattedMessage id="health.conflict" /></Text>
          )}
          {confirm.isError && !conflict && <SaveErrorAlert error={confirm.error} general={formErrorsFrom(confirm.error, []).general} />}
          <Button
            size="xs"
            color="red"
            loading={confirm.isPending}
            onClick={() =>
              conflict
                ? void health.refetch().then(() => confirm.reset())
                : confirm.mutate({ accountId, version: h.accountVersion }, { onSuccess: () => notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'health.confirmed' }) }) })
            }
            data-testid="confirm-at-risk"
          >
            <FormattedMessage id={conflict ? 'conflict.discard' : 'health.confirm'} />
          </Button>
        </Alert>
      )}
      <ReasonTable reasons={h.reasons} />
    </Stack>
  );
}
