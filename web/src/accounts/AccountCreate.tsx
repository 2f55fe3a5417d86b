import { Button, Group, Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { call, client } from '../api/client';
import { useCurrentUser } from '../auth/session';
import { SaveErrorAlert } from '../common/FormAlerts';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { usePageTitle } from '../common/usePageTitle';
import { useRecordForm } from '../common/useRecordForm';
import { accountKeys } from './accountApi';
import { AccountInputs } from './AccountInputs';
import { ACCOUNT_FIELDS, emptyAccountForm, formToAccountBody, validateAccountForm, type AccountFormValues } from './accountUtils';

export default function AccountCreate() {
  const intl = useIntl();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle('accounts.create.title');
  const form = useRecordForm<AccountFormValues>(emptyAccountForm({ currency: me.orgCurrency, ownerId: me.role === 'kam' ? me.id : undefined }), ACCOUNT_FIELDS);

  const create = useMutation({
    mutationFn: () => call(client.POST('/api/v1/accounts', { body: formToAccountBody(form.values) })),
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      queryClient.setQueryData(accountKeys.one(account.id), account);
      notify(intl, intl.formatMessage({ id: 'accounts.create.done' }, { name: account.name }));
      void navigate(`/accounts/${account.id}`);
    },
    onError: form.failed,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = validateAccountForm(form.values);
    form.setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    form.clearErrors();
    create.mutate();
  };

  return (
    <>
      <PageHeader title={<FormattedMessage id="accounts.create.title" />} crumbs={[{ label: <FormattedMessage id="nav.accounts" />, to: '/accounts' }]} />
      <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'accounts.create.title' })}>
        <Stack gap="lg">
          {form.saveError !== null && <SaveErrorAlert error={form.saveError} general={form.serverErrors.general} />}
          <AccountInputs values={form.values} set={form.set} apiErrors={form.serverErrors.fields} localErrors={form.localErrors} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/accounts">
              <FormattedMessage id="action.cancel" />
            </Button>
            <Button type="submit" loading={create.isPending}>
              <FormattedMessage id="accounts.create.submit" />
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
