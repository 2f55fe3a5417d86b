import { Button, Group, Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { useAccount } from '../accounts/accountApi';
import { call, client } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { usePageTitle } from '../common/usePageTitle';
import { useRecordForm } from '../common/useRecordForm';
import { contactKeys } from './contactApi';
import { ContactInputs } from './ContactInputs';
import { CONTACT_FIELDS, emptyContactForm, formToContactBody, validateContactForm, type ContactFormValues } from './contactUtils';

export default function ContactCreate() {
  const { accountId = '' } = useParams();
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useAccount(accountId);
  usePageTitle('contacts.create.title');
  const form = useRecordForm<ContactFormValues>(emptyContactForm(), CONTACT_FIELDS);
  const accountUrl = `/accounts/${accountId}`;

  const create = useMutation({
    mutationFn: () => call(client.POST('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId } }, body: formToContactBody(form.values) })),
    onSuccess: async (contact) => {
      await queryClient.invalidateQueries({ queryKey: contactKeys.all(accountId) });
      notify(intl, intl.formatMessage({ id: 'contacts.create.done' }, { name: contact.name }));
      void navigate(accountUrl);
    },
    onError: form.failed,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = validateContactForm(form.values);
    form.setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    form.clearErrors();
    create.mutate();
  };

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="contacts.create.title" />}
        crumbs={[
          { label: <FormattedMessage id="nav.accounts" />, to: '/accounts' },
          { label: account.data?.name ?? '…', to: accountUrl },
        ]}
      />
      <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'contacts.create.title' })}>
        <Stack gap="lg">
          {form.saveError !== null && <SaveErrorAlert error={form.saveError} general={form.serverErrors.general} />}
          <ContactInputs accountId={accountId} values={form.values} set={form.set} apiErrors={form.serverErrors.fields} localErrors={form.localErrors} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={accountUrl}>
              <FormattedMessage id="action.cancel" />
            </Button>
            <Button type="submit" loading={create.isPending}>
              <FormattedMessage id="contacts.create.submit" />
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
