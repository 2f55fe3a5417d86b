import { Button, Group, Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { call, client, ifMatch, isApiError } from '../api/client';
import type { Account } from '../api/types';
import { ConflictAlert, MergedNotice, SaveErrorAlert } from '../common/FormAlerts';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { ErrorState, PageSkeleton } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { keepMyEdits, useRecordForm } from '../common/useRecordForm';
import { accountKeys, useAccount } from './accountApi';
import { AccountInputs } from './AccountInputs';
import { ACCOUNT_FIELDS, accountFieldLabel, accountPatch, accountToForm, validateAccountForm, type AccountField, type AccountFormValues } from './accountUtils';

export default function AccountEdit() {
  const { accountId = '' } = useParams();
  const account = useAccount(accountId);
  usePageTitle('accounts.edit.title', undefined, account.data ? account.data.name : null);
  if (account.isPending) return <PageSkeleton />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  return <AccountEditForm key={account.data.id} initial={account.data} />;
}

function AccountEditForm({ initial }: { initial: Account }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The version this form edits: set when the page opened, moved on only by an explicit reload.
  const [base, setBase] = useState<Account>(initial);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [merged, setMerged] = useState<AccountField[] | null>(null);
  const form = useRecordForm<AccountFormValues>(accountToForm(initial), ACCOUNT_FIELDS);
  const showUrl = `/accounts/${base.id}`;

  const save = useMutation({
    mutationFn: (patch: ReturnType<typeof accountPatch>) =>
      call(client.PATCH('/api/v1/accounts/{id}', { params: { path: { id: base.id } }, body: patch, headers: ifMatch(base.version) })),
    onSuccess: async (account) => {
      queryClient.setQueryData(accountKeys.one(account.id), account);
      await queryClient.invalidateQueries({ queryKey: accountKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
      notify(intl, intl.formatMessage({ id: 'form.saved' }, { name: account.name }));
      void navigate(showUrl);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) {
        setConflict(true);
        setMerged(null);
      } else form.failed(error);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = validateAccountForm(form.values);
    form.setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    form.clearErrors();
    const patch = accountPatch(base, form.values);
    if (Object.keys(patch).length === 0) {
      void navigate(showUrl);
      return;
    }
    save.mutate(patch);
  };

  const reload = async (keepEdits: boolean) => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({
        queryKey: accountKeys.one(base.id),
        queryFn: () => call(client.GET('/api/v1/accounts/{id}', { params: { path: { id: base.id } } })),
        staleTime: 0,
      });
      const oldForm = accountToForm(base);
      const newForm = accountToForm(latest);
      if (keepEdits) {
        form.setValues(keepMyEdits(form.values, oldForm, newForm));
        setMerged(ACCOUNT_FIELDS.filter((f) => oldForm[f] !== newForm[f]));
      } else {
        form.setValues(newForm);
        setMerged(null);
      }
      setBase(latest);
      setConflict(false);
      form.clearErrors();
    } catch (error) {
      form.failed(error);
    } finally {
      setReloading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="accounts.edit.heading" values={{ name: base.name }} />}
        crumbs={[
          { label: <FormattedMessage id="nav.accounts" />, to: '/accounts' },
          { label: base.name, to: showUrl },
        ]}
      />
      <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'accounts.edit.heading' }, { name: base.name })}>
        <Stack gap="lg">
          {conflict && <ConflictAlert reloading={reloading} onReloadKeep={() => void reload(true)} onDiscard={() => void reload(false)} />}
          {merged && <MergedNotice fields={merged.map((f) => <FormattedMessage key={f} id={accountFieldLabel[f]} />)} />}
          {form.saveError !== null && <SaveErrorAlert error={form.saveError} general={form.serverErrors.general} />}
          <AccountInputs
            values={form.values}
            set={form.set}
            apiErrors={form.serverErrors.fields}
            localErrors={form.localErrors}
            accountId={base.id}
            parentName={base.parentName}
            ownerName={base.ownerName}
          />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={showUrl}>
              <FormattedMessage id="action.cancel" />
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              <FormattedMessage id="action.save" />
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}
