import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import type { MessageId } from '../common/labels';
import { FORECAST_CATEGORIES, useStages, type ForecastCategory, type Opportunity } from './opportunityApi';
import { forecastLabel, useStageName } from './opportunityLabels';
import { percentOf } from './opportunityUtils';

/** What the form holds: text as typed; probability as a percentage ("25"), the API takes a fraction. */
export interface OpportunityValues {
  name: string;
  amount: string;
  currency: string;
  stage: string;
  closeDate: string;
  probability: string;
  forecastCategory: ForecastCategory | '';
  competitor: string;
  lostReason: string;
}

export const emptyValues = (currency: string, stage = 'qualify'): OpportunityValues => ({
  name: '', amount: '', currency, stage, closeDate: '', probability: '', forecastCategory: '', competitor: '', lostReason: '',
});

export const valuesOf = (o: Opportunity): OpportunityValues => ({
  name: o.name,
  amount: o.amount,
  currency: o.currency,
  stage: o.stage,
  closeDate: o.closeDate,
  probability: percentOf(o.probability),
  forecastCategory: o.forecastCategory,
  competitor: o.competitor ?? '',
  lostReason: o.lostReason ?? '',
});

export const FIELDS = ['name', 'amount', 'currency', 'stage', 'closeDate', 'probability', 'forecastCategory', 'competitor', 'lostReason'] as const;

export function fieldErrors(error: unknown): Partial<Record<(typeof FIELDS)[number], string>> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const field = e.path.split('/').filter(Boolean)[0] ?? '';
    if ((FIELDS as readonly string[]).includes(field)) out[field] = out[field] ? `${out[field]} ${e.message}` : e.message;
  }
  return out;
}

export function OpportunityInputs({ values, onChange, errors }: { values: OpportunityValues; onChange: (v: OpportunityValues) => void; errors: Partial<Record<(typeof FIELDS)[number], string>> }) {
  const intl = useIntl();
  const stages = useStages();
  const stageName = useStageName();
  const set = <K extends keyof OpportunityValues>(key: K, value: OpportunityValues[K]) => onChange({ ...values, [key]: value });
  const label = (id: MessageId) => intl.formatMessage({ id });
  const stage = stages.data?.stages.find((s) => s.key === values.stage);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={label('opportunity.field.name')} value={values.name} onChange={(e) => set('name', e.currentTarget.value)} required maxLength={200} error={errors.name} data-testid="opportunity-name" />
      <Select
        label={label('opportunity.field.stage')}
        data={(stages.data?.stages ?? []).map((s) => ({ value: s.key, label: stageName(s.key) }))}
        value={values.stage}
        onChange={(v) => v && onChange({ ...values, stage: v, probability: '', forecastCategory: '' })}
        allowDeselect={false}
        error={errors.stage}
      />
      <TextInput label={label('opportunity.field.amount')} value={values.amount} onChange={(e) => set('amount', e.currentTarget.value)} required inputMode="decimal" error={errors.amount} data-testid="opportunity-amount" />
      <TextInput label={label('opportunity.field.currency')} value={values.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} required maxLength={3} error={errors.currency} />
      <TextInput type="date" label={label('opportunity.field.closeDate')} value={values.closeDate} onChange={(e) => set('closeDate', e.currentTarget.value)} required error={errors.closeDate} data-testid="opportunity-close" />
      <TextInput
        label={label('opportunity.field.probabilityPercent')}
        placeholder={stage ? String(Number(stage.probability) * 100) : undefined}
        description={label('opportunity.field.probabilityHint')}
        value={values.probability}
        onChange={(e) => set('probability', e.currentTarget.value)}
        inputMode="decimal"
        error={errors.probability}
      />
      <Select
        label={label('opportunity.field.forecastCategory')}
        placeholder={stage ? intl.formatMessage({ id: forecastLabel[stage.forecastCategory] }) : undefined}
        data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: intl.formatMessage({ id: forecastLabel[c] }) }))}
        value={values.forecastCategory || null}
        onChange={(v) => set('forecastCategory', (v ?? '') as ForecastCategory | '')}
        clearable
        error={errors.forecastCategory}
      />
      <TextInput label={label('opportunity.field.competitor')} value={values.competitor} onChange={(e) => set('competitor', e.currentTarget.value)} maxLength={200} error={errors.competitor} />
      {stage?.outcome === 'lost' && (
        <Textarea label={label('opportunity.field.lostReason')} value={values.lostReason} onChange={(e) => set('lostReason', e.currentTarget.value)} required autosize minRows={2} maxLength={2000} error={errors.lostReason} />
      )}
    </SimpleGrid>
  );
}
