import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { call, client, ifMatch, isApiError } from '../api/client';
import type { paths } from '../api/schema';
import { formErrorsFrom } from '../common/forms';
import { SaveErrorAlert } from '../common/FormAlerts';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, ErrorState } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { engagementKeys, INTERACTION_KINDS, TIERS, useCostRates, useEngagementSettings, type CostRates, type EngagementSettings as Settings } from '../interactions/interactionApi';
import { kindLabel, tierLabel } from '../interactions/engagementLabels';

type CadencePut = NonNullable<paths['/api/v1/settings/cadence']['put']['requestBody']>['content']['application/json'];
type RatesPut = NonNullable<paths['/api/v1/settings/cost-rates']['put']['requestBody']>['content']['application/json'];

const RATE_ROLES = ['kam', 'bd', 'manager', 'director', 'admin', 'viewer'] as const;
const roleLabel: Record<(typeof RATE_ROLES)[number], MessageId> = { kam: 'role.kam', bd: 'role.bd', manager: 'role.manager', director: 'role.director', admin: 'role.admin', viewer: 'role.viewer' };

/** Admin → Engagement: contact cadence per tier, default minutes per interaction kind, hourly cost per role. */
export default function EngagementSettings() {
  usePageTitle('settings.engagement.title');
  const settings = useEngagementSettings();
  const rates = useCostRates();
  return (
    <>
      <PageHeader title={<FormattedMessage id="settings.engagement.title" />} crumbs={[{ label: <FormattedMessage id="nav.admin" />, to: '/admin/engagement' }]} />
      <Stack gap="lg">
        {settings.isPending ? <CardSkeleton lines={6} /> : settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : <CadenceForm settings={settings.data} reload={() => settings.refetch()} />}
        {rates.isPending ? <CardSkeleton lines={6} /> : rates.isError ? <ErrorState error={rates.error} onRetry={() => void rates.refetch()} /> : <RatesForm rates={rates.data} reload={() => rates.refetch()} />}
      </Stack>
    </>
  );
}

function Conflict({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />} data-testid="conflict-alert">
      <Text size="sm" mb="xs">
        <FormattedMessage id="settings.conflict" />
      </Text>
      <Button size="xs" onClick={onReload}>
        <FormattedMessage id="conflict.discard" />
      </Button>
    </Alert>
  );
}

function CadenceForm({ settings, reload }: { settings: Settings; reload: () => Promise<unknown> }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  const reset = (s: Settings) =>
    setValues({ ...Object.fromEntries(TIERS.map((t) => [`cadence.${t}`, String(s.cadence[t])])), ...Object.fromEntries(INTERACTION_KINDS.map((k) => [`minutes.${k}`, String(s.minutes[k])])) });
  useEffect(() => reset(settings), [settings]);
  const save = useMutation({
    mutationFn: (body: CadencePut) => call(client.PUT('/api/v1/settings/cadence', { body, headers: ifMatch(settings.version) })),
    onSuccess: (data) => {
      queryClient.setQueryData(engagementKeys.settings, data);
      void queryClient.invalidateQueries({ queryKey: ['engagement'] });
      void queryClient.invalidateQueries({ queryKey: engagementKeys.home });
      notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'settings.saved' }) });
    },
  });
  const errorsByPath = new Map((isApiError(save.error) ? save.error.errors : []).map((e) => [e.path.replace(/^\//, '').replace('/', '.'), e.message]));
  const conflict = isApiError(save.error) && save.error.status === 412;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      cadence: Object.fromEntries(TIERS.map((t) => [t, Number(values[`cadence.${t}`])])) as CadencePut['cadence'],
      minutes: Object.fromEntries(INTERACTION_KINDS.map((k) => [k, Number(values[`minutes.${k}`])])) as CadencePut['minutes'],
    });
  };
  const number = (key: string, label: MessageId, min: number, max: number) => (
    <NumberInput
      key={key}
      label={intl.formatMessage({ id: label })}
      value={values[key] === '' || values[key] === undefined ? '' : Number(values[key])}
      onChange={(v) => setValues((x) => ({ ...x, [key]: v === '' ? '' : String(v) }))}
      min={min}
      max={max}
      allowDecimal={false}
      error={errorsByPath.get(key) ?? (values[key] === '' ? intl.formatMessage({ id: 'validation.required' }) : undefined)}
      required
    />
  );
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="cadence-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="cadence-title">
              <FormattedMessage id="settings.cadence.title" />
            </Title>
            <Text size="sm" c="dimmed">
              <FormattedMessage id="settings.cadence.body" />
            </Text>
          </div>
          {conflict && <Conflict onReload={() => void reload().then(() => save.reset())} />}
          {save.isError && !conflict && errorsByPath.size === 0 && <SaveErrorAlert error={save.error} general={formErrorsFrom(save.error, []).general} />}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {TIERS.map((t) => number(`cadence.${t}`, tierLabel[t], 1, 3650))}
          </SimpleGrid>
          <Title order={3} size="h5">
            <FormattedMessage id="settings.minutes.title" />
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
            {INTERACTION_KINDS.map((k) => number(`minutes.${k}`, kindLabel[k], 0, 1440))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={Object.values(values).some((v) => v === '')} data-testid="save-cadence">
              <FormattedMessage id="action.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function RatesForm({ rates, reload }: { rates: CostRates; reload: () => Promise<unknown> }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => setValues(Object.fromEntries(RATE_ROLES.map((r) => [r, rates.hourly[r] ?? '']))), [rates]);
  const save = useMutation({
    mutationFn: (body: RatesPut) => call(client.PUT('/api/v1/settings/cost-rates', { body, headers: ifMatch(rates.version) })),
    onSuccess: (data) => {
      queryClient.setQueryData(engagementKeys.costRates, data);
      void queryClient.invalidateQueries({ queryKey: ['cost-to-serve'] });
      notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'settings.saved' }) });
    },
  });
  const errorsByRole = new Map((isApiError(save.error) ? save.error.errors : []).map((e) => [e.path.split(/[./]/).filter(Boolean).pop() ?? '', e.message]));
  const conflict = isApiError(save.error) && save.error.status === 412;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ hourly: Object.fromEntries(RATE_ROLES.map((r) => [r, values[r]?.trim() ? values[r]!.trim() : null])) as RatesPut['hourly'] });
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="rates-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="rates-title">
              <FormattedMessage id="settings.rates.title" />
            </Title>
            <Text size="sm" c="dimmed">
              <FormattedMessage id="settings.rates.body" values={{ currency: rates.currency }} />
            </Text>
          </div>
          {conflict && <Conflict onReload={() => void reload().then(() => save.reset())} />}
          {save.isError && !conflict && errorsByRole.size === 0 && <SaveErrorAlert error={save.error} general={formErrorsFrom(save.error, []).general} />}
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            {RATE_ROLES.map((r) => (
              <TextInput
                key={r}
                label={intl.formatMessage({ id: roleLabel[r] })}
                rightSection={<Text size="xs" c="dimmed">{rates.currency}</Text>}
                rightSectionWidth={44}
                inputMode="decimal"
                value={values[r] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((x) => ({ ...x, [r]: v }));
                }}
                placeholder="0.00"
                error={errorsByRole.get(r) ?? (values[r] && !/^\d{1,9}(\.\d{1,2})?$/.test(values[r]!.trim()) ? intl.formatMessage({ id: 'settings.rates.invalid' }) : undefined)}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="save-rates">
              <FormattedMessage id="action.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
