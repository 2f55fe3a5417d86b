import { Alert, Badge, Button, Group, List, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { call, client, ifMatch, isApiError } from '../api/client';
import type { Account } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { formErrorsFrom } from '../common/forms';
import { SaveErrorAlert } from '../common/FormAlerts';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { engagementKeys, localToday, RELATIONSHIP_STAGES, useRelationshipStage, type RelationshipStage } from './interactionApi';
import { relationshipStageLabel, tierColor, tierLabel } from './engagementLabels';

/** The account's relationship stage beside its tier, its history, and (for the owner or above) a form to move it. */
export function RelationshipStageEdit({ account }: { account: Account }) {
  const intl = useIntl();
  const fmt = useFormat();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const stage = useRelationshipStage(account.id);
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState({ stage: '', since: localToday(), note: '' });
  const mayEdit = account.ownerId === me.id || me.role === 'manager' || me.role === 'director' || me.role === 'admin';

  const save = useMutation({
    mutationFn: (version: number) =>
      call(
        client.PUT('/api/v1/accounts/{id}/relationship-stage', {
          params: { path: { id: account.id } },
          body: { stage: values.stage as RelationshipStage, since: values.since || undefined, note: values.note.trim() || null },
          headers: ifMatch(version),
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(engagementKeys.stage(account.id), data);
      setEditing(false);
    },
  });

  if (stage.isPending) return <CardSkeleton lines={2} />;
  if (stage.isError) return <InlineError error={stage.error} onRetry={() => void stage.refetch()} />;
  const s = stage.data;
  const errors = formErrorsFrom(save.error, ['stage', 'since', 'note']);
  const conflict = isApiError(save.error) && save.error.status === 412;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.stage) return;
    save.mutate(s.version);
  };

  return (
    <Stack gap="sm">
      <Group gap="xs">
        {s.current ? (
          <Badge size="lg" variant="light" color="indigo" data-testid="relationship-stage">
            <FormattedMessage id={relationshipStageLabel[s.current.stage]} />
          </Badge>
        ) : (
          <Text size="sm" c="dimmed" data-testid="relationship-stage">
            <FormattedMessage id="relationshipStage.none" />
          </Text>
        )}
        {s.tier && (
          <Badge variant="outline" color={tierColor[s.tier as keyof typeof tierColor] ?? 'gray'}>
            <FormattedMessage id={tierLabel[s.tier as keyof typeof tierLabel] ?? 'engagement.tier.develop'} />
          </Badge>
        )}
      </Group>
      {s.current && (
        <Text size="xs" c="dimmed">
          <FormattedMessage id="relationshipStage.since" values={{ date: fmt.date(s.current.since), name: s.current.setByName }} />
        </Text>
      )}
      {s.finding === 'key_account_shallow' && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs">
          <Text size="sm">
            <FormattedMessage id="relationshipStage.finding.shallow" />
          </Text>
        </Alert>
      )}
      {s.history.length > 1 && (
        <List size="xs" spacing={2} aria-label={intl.formatMessage({ id: 'relationshipStage.history' })}>
          {s.history.map((h) => (
            <List.Item key={h.id}>
              {fmt.date(h.since)} · <FormattedMessage id={relationshipStageLabel[h.stage]} />
              {h.note ? ` — ${h.note}` : ''}
            </List.Item>
          ))}
        </List>
      )}
      {mayEdit && !editing && (
        <Group>
          <Button size="xs" variant="light" onClick={() => { setValues({ stage: s.current?.stage ?? '', since: localToday(), note: '' }); save.reset(); setEditing(true); }}>
            <FormattedMessage id="relationshipStage.change" />
          </Button>
        </Group>
      )}
      {editing && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            {conflict && (
              <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />}>
                <Text size="sm" mb="xs">
                  <FormattedMessage id="relationshipStage.conflict" />
                </Text>
                <Button size="xs" onClick={() => { save.reset(); void stage.refetch(); }}>
                  <FormattedMessage id="conflict.reloadKeep" />
                </Button>
              </Alert>
            )}
            {save.isError && !conflict && errors.general.length + Object.keys(errors.fields).length === 0 && <SaveErrorAlert error={save.error} general={[]} />}
            <Select
              label={intl.formatMessage({ id: 'relationshipStage.field.stage' })}
              data={RELATIONSHIP_STAGES.map((v) => ({ value: v, label: intl.formatMessage({ id: relationshipStageLabel[v] }) }))}
              value={values.stage || null}
              onChange={(v) => setValues((x) => ({ ...x, stage: v ?? '' }))}
              error={errors.fields.stage ?? (save.isIdle || values.stage ? undefined : intl.formatMessage({ id: 'validation.required' }))}
              required
            />
            <TextInput type="date" label={intl.formatMessage({ id: 'relationshipStage.field.since' })} value={values.since} max={localToday()} onChange={(e) => setValues((x) => ({ ...x, since: e.currentTarget.value }))} error={errors.fields.since} />
            <Textarea label={intl.formatMessage({ id: 'relationshipStage.field.note' })} value={values.note} maxLength={1000} onChange={(e) => setValues((x) => ({ ...x, note: e.currentTarget.value }))} error={errors.fields.note} autosize minRows={2} />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                <FormattedMessage id="action.cancel" />
              </Button>
              <Button size="xs" type="submit" loading={save.isPending} disabled={!values.stage}>
                <FormattedMessage id="action.save" />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
