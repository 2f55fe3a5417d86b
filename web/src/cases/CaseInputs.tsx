import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { SEVERITIES, useCaseSettings } from './caseApi';
import { severityLabel, useCategoryName } from './caseLabels';

export interface CaseValues {
  title: string;
  description: string;
  category: string;
  severity: string;
  minutesSpent: number | '';
}

/** The fields of a case, shared by CaseCreate and CaseEdit; `errors` by field path (from the API or the form). */
export function CaseInputs({ values, onChange, errors, currentCategory }: { values: CaseValues; onChange: (v: CaseValues) => void; errors: Record<string, string | undefined>; currentCategory?: string }) {
  const intl = useIntl();
  const settings = useCaseSettings();
  const categoryName = useCategoryName();
  const categories = [...new Set([...(settings.data?.categories ?? []), ...(currentCategory ? [currentCategory] : [])])];
  const set = <K extends keyof CaseValues>(key: K, value: CaseValues[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <TextInput label={intl.formatMessage({ id: 'case.field.title' })} value={values.title} onChange={(e) => set('title', e.currentTarget.value)} maxLength={200} required error={errors.title} data-autofocus />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={intl.formatMessage({ id: 'case.field.category' })}
          data={categories.map((c) => ({ value: c, label: categoryName(c) }))}
          value={values.category || null}
          onChange={(v) => set('category', v ?? '')}
          required
          error={errors.category}
          disabled={settings.isPending}
        />
        <Select
          label={intl.formatMessage({ id: 'case.field.severity' })}
          data={SEVERITIES.map((s) => ({ value: String(s), label: intl.formatMessage({ id: severityLabel[s]! }) }))}
          value={values.severity || null}
          onChange={(v) => set('severity', v ?? '')}
          allowDeselect={false}
          required
          error={errors.severity}
        />
        <NumberInput
          label={intl.formatMessage({ id: 'case.field.minutes' })}
          value={values.minutesSpent}
          onChange={(v) => set('minutesSpent', v === '' ? '' : Number(v))}
          min={0}
          max={1_000_000}
          allowDecimal={false}
          error={errors.minutesSpent}
        />
      </SimpleGrid>
      <Textarea label={intl.formatMessage({ id: 'case.field.description' })} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} autosize minRows={3} maxLength={10000} error={errors.description} />
    </>
  );
}

/** Field errors of a failed save, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const list = (error as { errors?: { path: string; message: string }[] } | null)?.errors ?? [];
  return Object.fromEntries(list.map((e) => [e.path.replace(/^\//, '').split(/[/.]/)[0] ?? '', e.message]));
}
