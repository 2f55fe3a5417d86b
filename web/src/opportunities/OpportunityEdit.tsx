import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { localErrors } from './OpportunityCreate';
import { useUpdateOpportunity, type Opportunity, type OpportunityPatchBody } from './opportunityApi';
import { fieldErrors, OpportunityInputs, valuesOf, type OpportunityValues } from './OpportunityInputs';
import { fractionOf, percentOf } from './opportunityUtils';

/** Change an opportunity (If-Match: the version shown; a 412 offers a reload). Only changed fields are sent. */
export function OpportunityEdit({ o, onReload }: { o: Opportunity; onReload: () => Promise<unknown> }) {
  const intl = useIntl();
  const [values, setValues] = useState<OpportunityValues>(valuesOf(o));
  const [tried, setTried] = useState(false);
  useEffect(() => setValues(valuesOf(o)), [o]);
  const update = useUpdateOpportunity();
  const conflict = isApiError(update.error) && update.error.status === 412;
  const local = localErrors(values, intl, tried);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(localErrors(values, intl, true)).length > 0) return;
    const body: OpportunityPatchBody = {};
    if (values.name.trim() !== o.name) body.name = values.name.trim();
    if (values.amount.trim() !== o.amount) body.amount = values.amount.trim().replace(',', '.');
    if (values.currency !== o.currency) body.currency = values.currency;
    if (values.stage !== o.stage) body.stage = values.stage;
    if (values.closeDate !== o.closeDate) body.closeDate = values.closeDate;
    if (values.probability.trim() && values.probability.trim() !== percentOf(o.probability)) body.probability = fractionOf(values.probability)!;
    if (values.forecastCategory && values.forecastCategory !== o.forecastCategory) body.forecastCategory = values.forecastCategory;
    if (values.competitor.trim() !== (o.competitor ?? '')) body.competitor = values.competitor.trim() || null;
    if (values.lostReason.trim() !== (o.lostReason ?? '')) body.lostReason = values.lostReason.trim() || null;
    if (Object.keys(body).length === 0) return;
    update.mutate({ id: o.id, version: o.version, body }, { onSuccess: () => notify(intl, intl.formatMessage({ id: 'opportunity.saved' })) });
  };
  const apiErrors = fieldErrors(update.error);
  return (
    <form onSubmit={submit} noValidate data-testid="opportunity-edit">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />} data-testid="conflict-alert">
            <Text size="sm" mb="xs"><FormattedMessage id="opportunity.conflict" /></Text>
            <Button size="xs" onClick={() => void onReload().then(() => update.reset())}><FormattedMessage id="conflict.discard" /></Button>
          </Alert>
        )}
        {update.isError && !conflict && Object.keys(apiErrors).length === 0 && <SaveErrorAlert error={update.error} general={formErrorsFrom(update.error, []).general} />}
        <OpportunityInputs values={values} onChange={setValues} errors={{ ...apiErrors, ...local }} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}><FormattedMessage id="action.save" /></Button>
        </Group>
      </Stack>
    </form>
  );
}
