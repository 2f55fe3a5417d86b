import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { useUpdateCase, type Case, type CasePatchBody } from './caseApi';
import { CaseInputs, fieldErrors, type CaseValues } from './CaseInputs';

const valuesOf = (c: Case): CaseValues => ({ title: c.title, description: c.description, category: c.category, severity: String(c.severity), minutesSpent: c.minutesSpent });

/** Change a case (If-Match: the version shown; a 412 offers a reload). */
export function CaseEdit({ c, onReload }: { c: Case; onReload: () => Promise<unknown> }) {
  const intl = useIntl();
  const [values, setValues] = useState<CaseValues>(valuesOf(c));
  useEffect(() => setValues(valuesOf(c)), [c]);
  const update = useUpdateCase(c);
  const conflict = isApiError(update.error) && update.error.status === 412;
  const apiErrors = fieldErrors(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: CasePatchBody = {};
    if (values.title.trim() !== c.title) body.title = values.title.trim();
    if (values.description !== c.description) body.description = values.description;
    if (values.category !== c.category) body.category = values.category;
    if (Number(values.severity) !== c.severity) body.severity = Number(values.severity);
    if (values.minutesSpent !== '' && values.minutesSpent !== c.minutesSpent) body.minutesSpent = values.minutesSpent;
    if (Object.keys(body).length === 0) return;
    update.mutate(body, { onSuccess: () => notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'case.saved' }) }) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="case-edit">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />} data-testid="conflict-alert">
            <Text size="sm" mb="xs"><FormattedMessage id="case.conflict" /></Text>
            <Button size="xs" onClick={() => void onReload().then(() => update.reset())}><FormattedMessage id="conflict.discard" /></Button>
          </Alert>
        )}
        {update.isError && !conflict && Object.keys(apiErrors).length === 0 && <SaveErrorAlert error={update.error} general={formErrorsFrom(update.error, []).general} />}
        <CaseInputs values={values} onChange={setValues} errors={{ ...apiErrors, title: apiErrors.title ?? (!values.title.trim() ? intl.formatMessage({ id: 'validation.required' }) : undefined) }} currentCategory={c.category} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={!values.title.trim()}>
            <FormattedMessage id="action.save" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
