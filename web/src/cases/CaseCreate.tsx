import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { useCreateCase, type Case } from './caseApi';
import { CaseInputs, fieldErrors, type CaseValues } from './CaseInputs';

/** Open a case on an account (the SLA due time follows from the severity). */
export function CaseCreate({ accountId, onDone }: { accountId: string; onDone: (c: Case | null) => void }) {
  const intl = useIntl();
  const [values, setValues] = useState<CaseValues>({ title: '', description: '', category: '', severity: '3', minutesSpent: '' });
  const [touched, setTouched] = useState(false);
  const create = useCreateCase(accountId);
  const apiErrors = fieldErrors(create.error);
  const required = intl.formatMessage({ id: 'validation.required' });
  const errors = {
    ...apiErrors,
    title: apiErrors.title ?? (touched && !values.title.trim() ? required : undefined),
    category: apiErrors.category ?? (touched && !values.category ? required : undefined),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!values.title.trim() || !values.category) return;
    create.mutate(
      { title: values.title.trim(), category: values.category, severity: Number(values.severity), ...(values.description.trim() ? { description: values.description.trim() } : {}), ...(values.minutesSpent !== '' ? { minutesSpent: values.minutesSpent } : {}) },
      {
        onSuccess: (c) => {
          notifications.show({ color: 'teal', message: intl.formatMessage({ id: 'case.created' }) });
          onDone(c);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="case-create">
      <Stack gap="sm">
        {create.isError && Object.keys(apiErrors).length === 0 && <SaveErrorAlert error={create.error} general={formErrorsFrom(create.error, []).general} />}
        <CaseInputs values={values} onChange={setValues} errors={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            <FormattedMessage id="action.cancel" />
          </Button>
          <Button type="submit" loading={create.isPending}>
            <FormattedMessage id="case.create.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
