import { Card, Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { FORECAST_CATEGORIES, useStages, type ForecastCategory, type OpportunityFilters as Filters, type Outcome } from './opportunityApi';
import { forecastLabel, outcomeLabel, useStageName } from './opportunityLabels';

const OUTCOMES = ['open', 'won', 'lost'] as const satisfies readonly Outcome[];

/** The filters in the URL (?mine=true&closeFrom=…), so a filtered board or list can be bookmarked. */
export function useOpportunityFilters(): { filters: Filters; params: URLSearchParams; set: (key: string, value: string | null) => void } {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    ...(params.get('mine') === 'true' ? { ownerId: me.id } : {}),
    ...(params.get('stage') ? { stage: params.get('stage')! } : {}),
    ...(params.get('outcome') ? { outcome: params.get('outcome') as Outcome } : {}),
    ...(params.get('forecastCategory') ? { forecastCategory: params.get('forecastCategory') as ForecastCategory } : {}),
    ...(params.get('closeFrom') ? { closeFrom: params.get('closeFrom')! } : {}),
    ...(params.get('closeTo') ? { closeTo: params.get('closeTo')! } : {}),
  };
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  return { filters, params, set };
}

export function OpportunityFilterBar({ withStage = false }: { withStage?: boolean }) {
  const intl = useIntl();
  const { params, set } = useOpportunityFilters();
  const stages = useStages();
  const stageName = useStageName();
  return (
    <Card withBorder padding="md" mb="md">
      <Group gap="md" align="flex-end">
        {withStage && (
          <>
            <Select
              label={intl.formatMessage({ id: 'opportunity.field.stage' })}
              placeholder={intl.formatMessage({ id: 'opportunity.filter.any' })}
              data={(stages.data?.stages ?? []).map((s) => ({ value: s.key, label: stageName(s.key) }))}
              value={params.get('stage')}
              onChange={(v) => set('stage', v)}
              clearable
              w={170}
            />
            <Select
              label={intl.formatMessage({ id: 'opportunity.field.outcome' })}
              placeholder={intl.formatMessage({ id: 'opportunity.filter.any' })}
              data={OUTCOMES.map((o) => ({ value: o, label: intl.formatMessage({ id: outcomeLabel[o] }) }))}
              value={params.get('outcome')}
              onChange={(v) => set('outcome', v)}
              clearable
              w={150}
            />
          </>
        )}
        <Select
          label={intl.formatMessage({ id: 'opportunity.field.forecastCategory' })}
          placeholder={intl.formatMessage({ id: 'opportunity.filter.any' })}
          data={FORECAST_CATEGORIES.map((c) => ({ value: c, label: intl.formatMessage({ id: forecastLabel[c] }) }))}
          value={params.get('forecastCategory')}
          onChange={(v) => set('forecastCategory', v)}
          clearable
          w={170}
        />
        <TextInput type="date" label={intl.formatMessage({ id: 'opportunity.filter.closeFrom' })} value={params.get('closeFrom') ?? ''} onChange={(e) => set('closeFrom', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={intl.formatMessage({ id: 'opportunity.filter.closeTo' })} value={params.get('closeTo') ?? ''} onChange={(e) => set('closeTo', e.currentTarget.value)} w={170} />
        <Checkbox label={intl.formatMessage({ id: 'opportunity.filter.mine' })} checked={params.get('mine') === 'true'} onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : null)} mb={8} />
      </Group>
    </Card>
  );
}
