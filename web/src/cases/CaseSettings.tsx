import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { call, client, ifMatch, isApiError } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, ErrorState } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { healthKeys, useHealthSettings, type HealthSettings } from '../health/healthApi';
import { caseKeys, useCaseSettings, type CaseSettings as Settings, type CaseSettingsBody } from './caseApi';

const SEVS = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

/** Admin → Cases and health: SLA hours per severity, case categories, the health threshold. */
export default function CaseSettings() {
  usePageTitle('settings.cases.title');
  const settings = useCaseSettings();
  const health = useHealthSettings();
  return (
    <>
      <PageHeader title={<FormattedMessage id="settings.cases.title" />} crumbs={[{ label: <FormattedMessage id="nav.admin" />, to: '/admin/engagement' }]} />
      <Stack gap="lg">
        {settings.isPending ? <CardSkeleton lines={6} /> : settings.isError ? <ErrorState error={settings.error} onRetry={() => void settings.refetch()} /> : <SlaForm settings={settings.data} reload={() => settings.refetch()} />}
        {health.isPending ? <CardSkeleton lines={3} /> : health.isError ? <ErrorState error={health.error} onRetry={() => void health.refetch()} /> : <HealthForm settings={health.data} reload={() => health.refetch()} />}
      </Stack>
    </>
  );
}

function Conflict({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />} data-testid="conflict-alert">
      <Text size="sm" mb="xs"><FormattedMessage id="settings.conflict" /></Text>
      <Button size="xs" onClick={onReload}><FormattedMessage id="conflict.discard" /></Button>
    </Alert>
  );
}

function SlaForm({ settings, reload }: { settings: Settings; reload: () => Promise<unknown> }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [hours, setHours] = useState<Record<string, number | ''>>({});
  const [categories, setCategories] = useState('');
  useEffect(() => {
    setHours({ ...settings.hours });
    setCategories(settings.categories.join(', '));
  }, [settings]);
  const save = useMutation({
    mutationFn: (body: CaseSettingsBody) => call(client.PUT('/api/v1/settings/case-sla', { body, headers: ifMatch(settings.version) })),
    onSuccess: (data) => {
      queryClient.setQueryData(caseKeys.settings, data);
      notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'settings.saved' }) });
    },
  });
  const errors = new Map((isApiError(save.error) ? save.error.errors : []).map((e) => [e.path.replace(/^\//, '').split('/').slice(0, 2).join('.'), e.message]));
  const categoryError = [...errors].find(([path]) => path.startsWith('categories'))?.[1];
  const conflict = isApiError(save.error) && save.error.status === 412;
  const list = categories.split(',').map((c) => c.trim()).filter(Boolean);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (SEVS.some((s) => hours[s] === '')) return;
    save.mutate({ hours: Object.fromEntries(SEVS.map((s) => [s, Number(hours[s])])) as CaseSettingsBody['hours'], categories: list });
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sla-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="sla-title"><FormattedMessage id="settings.sla.title" /></Title>
            <Text size="sm" c="dimmed"><FormattedMessage id="settings.sla.body" /></Text>
          </div>
          {conflict && <Conflict onReload={() => void reload().then(() => save.reset())} />}
          {save.isError && !conflict && errors.size === 0 && <SaveErrorAlert error={save.error} general={formErrorsFrom(save.error, []).general} />}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {SEVS.map((s, i) => (
              <NumberInput
                key={s}
                label={intl.formatMessage({ id: 'settings.sla.hours' }, { severity: i + 1 })}
                value={hours[s] ?? ''}
                onChange={(v) => setHours((x) => ({ ...x, [s]: v === '' ? '' : Number(v) }))}
                min={1}
                max={8760}
                allowDecimal={false}
                required
                error={errors.get(`hours.${s}`) ?? (hours[s] === '' ? intl.formatMessage({ id: 'validation.required' }) : undefined)}
              />
            ))}
          </SimpleGrid>
          <TextInput
            label={intl.formatMessage({ id: 'settings.categories.label' })}
            description={intl.formatMessage({ id: 'settings.categories.body' })}
            value={categories}
            onChange={(e) => setCategories(e.currentTarget.value)}
            error={categoryError ?? (list.length === 0 ? intl.formatMessage({ id: 'validation.required' }) : undefined)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={list.length === 0} data-testid="save-sla">
              <FormattedMessage id="action.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function HealthForm({ settings, reload }: { settings: HealthSettings; reload: () => Promise<unknown> }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [below, setBelow] = useState<number | ''>(settings.atRiskBelow);
  useEffect(() => setBelow(settings.atRiskBelow), [settings]);
  const save = useMutation({
    mutationFn: (atRiskBelow: number) => call(client.PUT('/api/v1/settings/health', { body: { atRiskBelow }, headers: ifMatch(settings.version) })),
    onSuccess: (data) => {
      queryClient.setQueryData(healthKeys.settings, data);
      void queryClient.invalidateQueries({ queryKey: ['health'] });
      notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'settings.saved' }) });
    },
  });
  const conflict = isApiError(save.error) && save.error.status === 412;
  const fieldError = isApiError(save.error) ? save.error.errors[0]?.message : undefined;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="health-title">
      <form onSubmit={(e) => { e.preventDefault(); if (below !== '') save.mutate(below); }} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="health-title"><FormattedMessage id="settings.health.title" /></Title>
            <Text size="sm" c="dimmed"><FormattedMessage id="settings.health.body" /></Text>
          </div>
          {conflict && <Conflict onReload={() => void reload().then(() => save.reset())} />}
          <NumberInput
            label={intl.formatMessage({ id: 'settings.health.label' })}
            value={below}
            onChange={(v) => setBelow(v === '' ? '' : Number(v))}
            min={1}
            max={100}
            allowDecimal={false}
            w={200}
            required
            error={(!conflict ? fieldError : undefined) ?? (below === '' ? intl.formatMessage({ id: 'validation.required' }) : undefined)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={below === ''} data-testid="save-health">
              <FormattedMessage id="action.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
