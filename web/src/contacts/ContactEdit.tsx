import { Button, Group, Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { useAccount } from '../accounts/accountApi';
import { call, client, ifMatch, isApiError } from '../api/client';
import type { Contact } from '../api/types';
import { ConflictAlert, MergedNotice, SaveErrorAlert } from '../common/FormAlerts';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { ErrorState, PageSkeleton } from '../common/states';
import { usePageTitle } from '../common/usePageTitle';
import { keepMyEdits, useRecordForm } from '../common/useRecordForm';
import { contactKeys, useContact } from './contactApi';
import { ContactInputs } from './ContactInputs';
import { CONTACT_FIELDS, contactFieldLabel, contactPatch, contactToForm, validateContactForm, type ContactField, type ContactFormValues } from './contactUtils';

export default function ContactEdit() {
  const { accountId = '', contactId = '' } = useParams();
  const contact = useContact(accountId, contactId);
  usePageTitle('contacts.edit.title', undefined, contact.data?.name ?? null);
  if (contact.isPending) return <PageSkeleton />;
  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />;
  return <ContactEditForm key={contact.data.id} initial={contact.data} />;
}

function ContactEditForm({ initial }: { initial: Contact }) {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useAccount(initial.accountId);
  const [base, setBase] = useState<Contact>(initial);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [merged, setMerged] = useState<ContactField[] | null>(null);
  const form = useRecordForm<ContactFormValues>(contactToForm(initial), CONTACT_FIELDS);
  const accountUrl = `/accounts/${base.accountId}`;
  const path = { id: base.accountId, contactId: base.id };

  const save = useMutation({
    mutationFn: (patch: ReturnType<typeof contactPatch>) => call(client.PATCH('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path }, body: patch, headers: ifMatch(base.version) })),
    onSuccess: async (contact) => {
      queryClient.setQueryData(contactKeys.one(contact.accountId, contact.id), contact);
      await queryClient.invalidateQueries({ queryKey: contactKeys.all(contact.accountId), predicate: (q) => q.queryKey[2] !== 'one' });
      notify(intl, intl.formatMessage({ id: 'form.saved' }, { name: contact.name }));
      void navigate(accountUrl);
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
    const local = validateContactForm(form.values);
    form.setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    form.clearErrors();
    const patch = contactPatch(base, form.values);
    if (Object.keys(patch).length === 0) {
      void navigate(accountUrl);
      return;
    }
    save.mutate(patch);
  };

  const reload = async (keepEdits: boolean) => {
    setReloading(true);
    try {
      const latest = await queryClient.fetchQuery({
        queryKey: contactKeys.one(base.accountId, base.id),
        queryFn: () => call(client.GET('/api/v1/accounts/{id}/contacts/{contactId}', { params: { path } })),
        staleTime: 0,
      });
      const oldForm = contactToForm(base);
      const newForm = contactToForm(latest);
      if (keepEdits) {
        form.setValues(keepMyEdits(form.values, oldForm, newForm));
        setMerged(CONTACT_FIELDS.filter((f) => oldForm[f] !== newForm[f]));
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
        title={<FormattedMessage id="contacts.edit.heading" values={{ name: base.name }} />}
        crumbs={[
          { label: <FormattedMessage id="nav.accounts" />, to: '/accounts' },
          { label: account.data?.name ?? '…', to: accountUrl },
        ]}
      />
      <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'contacts.edit.heading' }, { name: base.name })}>
        <Stack gap="lg">
          {conflict && <ConflictAlert reloading={reloading} onReloadKeep={() => void reload(true)} onDiscard={() => void reload(false)} />}
          {merged && <MergedNotice fields={merged.map((f) => <FormattedMessage key={f} id={contactFieldLabel[f]} />)} />}
          {form.saveError !== null && <SaveErrorAlert error={form.saveError} general={form.serverErrors.general} />}
          <ContactInputs accountId={base.accountId} contactId={base.id} values={form.values} set={form.set} apiErrors={form.serverErrors.fields} localErrors={form.localErrors} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={accountUrl}>
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
