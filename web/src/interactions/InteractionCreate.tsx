import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SaveErrorAlert } from '../common/FormAlerts';
import { useRecordForm } from '../common/useRecordForm';
import { useCreateInteraction, useEngagementSettings } from './interactionApi';
import { emptyInteraction, INTERACTION_FIELDS, interactionBody, InteractionInputs } from './InteractionInputs';

/** "Log interaction": a dialog with the interaction form. */
export function InteractionCreate({ accountId }: { accountId: string }) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const form = useRecordForm(emptyInteraction(), INTERACTION_FIELDS);
  const settings = useEngagementSettings();
  const create = useCreateInteraction(accountId);

  const open = () => {
    form.setValues(emptyInteraction());
    form.clearErrors();
    setOpened(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, 'validation.required'> = {};
    if (!form.values.summary.trim()) local.summary = 'validation.required';
    if (!form.values.occurredAt) local.occurredAt = 'validation.required';
    form.setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    form.clearErrors();
    create.mutate(interactionBody(form.values) as Parameters<typeof create.mutate>[0], {
      onSuccess: () => {
        setOpened(false);
        notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'interaction.logged' }) });
      },
      onError: form.failed,
    });
  };

  const errors = Object.fromEntries(
    INTERACTION_FIELDS.map((f) => [f, form.serverErrors.fields[f] ?? (form.localErrors[f] ? intl.formatMessage({ id: form.localErrors[f]! }) : undefined)]),
  );

  return (
    <>
      <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={open} data-testid="log-interaction">
        <FormattedMessage id="interaction.new" />
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'interaction.new' })} size="lg" closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'action.close' }) }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {form.saveError !== null && form.serverErrors.general.length + Object.keys(form.serverErrors.fields).length === 0 && <SaveErrorAlert error={form.saveError} general={[]} />}
            {form.serverErrors.general.length > 0 && <SaveErrorAlert error={form.saveError} general={form.serverErrors.general} />}
            <InteractionInputs accountId={accountId} values={form.values} set={form.set} errors={errors} defaultMinutes={settings.data?.minutes as never} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                <FormattedMessage id="action.cancel" />
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="save-interaction">
                <FormattedMessage id="action.save" />
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
