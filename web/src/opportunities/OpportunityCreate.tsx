import { Button, Group, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { useCreateOpportunity, type Opportunity, type OpportunityCreateBody } from './opportunityApi';
import { emptyValues, fieldErrors, OpportunityInputs, type OpportunityValues } from './OpportunityInputs';
import { fractionOf } from './opportunityUtils';

/** Client-side checks before sending: required fields and a readable percentage. */
export function localErrors(values: OpportunityValues, intl: ReturnType<typeof useIntl>, tried: boolean) {
  if (!tried) return {};
  const required = intl.formatMessage({ id: 'validation.required' });
  return {
    ...(!values.name.trim() ? { name: required } : {}),
    ...(!values.amount.trim() ? { amount: required } : {}),
    ...(!values.closeDate ? { closeDate: required } : {}),
    ...(values.probability.trim() && fractionOf(values.probability) === null ? { probability: intl.formatMessage({ id: 'opportunity.field.probabilityInvalid' }) } : {}),
  };
}

/** A new opportunity on an account (owner: the account's owner unless changed later). */
export function OpportunityCreate({ accountId, currency, onDone }: { accountId: string; currency: string; onDone: (created: Opportunity | null) => void }) {
  const intl = useIntl();
  const [values, setValues] = useState<OpportunityValues>(emptyValues(currency));
  const [tried, setTried] = useState(false);
  const create = useCreateOpportunity();
  const local = localErrors(values, intl, tried);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(localErrors(values, intl, true)).length > 0) return;
    const probability = values.probability.trim() ? fractionOf(values.probability)! : undefined;
    const body: OpportunityCreateBody = {
      accountId,
      name: values.name.trim(),
      amount: values.amount.trim().replace(',', '.'),
      currency: values.currency,
      stage: values.stage,
      closeDate: values.closeDate,
      ...(probability !== undefined ? { probability } : {}),
      ...(values.forecastCategory ? { forecastCategory: values.forecastCategory } : {}),
      ...(values.competitor.trim() ? { competitor: values.competitor.trim() } : {}),
      ...(values.lostReason.trim() ? { lostReason: values.lostReason.trim() } : {}),
    };
    create.mutate(body, {
      onSuccess: (created) => {
        notify(intl, intl.formatMessage({ id: 'opportunity.created' }));
        onDone(created);
      },
    });
  };
  const apiErrors = fieldErrors(create.error);
  return (
    <form onSubmit={submit} noValidate data-testid="opportunity-create">
      <Stack gap="sm">
        {create.isError && Object.keys(apiErrors).length === 0 && <SaveErrorAlert error={create.error} general={formErrorsFrom(create.error, []).general} />}
        <OpportunityInputs values={values} onChange={setValues} errors={{ ...apiErrors, ...local }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}><FormattedMessage id="action.cancel" /></Button>
          <Button type="submit" loading={create.isPending}><FormattedMessage id="opportunity.create" /></Button>
        </Group>
      </Stack>
    </form>
  );
}
