import { Alert, Badge, Button, Card, Group, NumberInput, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLock, IconRefresh } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { useUsers } from '../accounts/accountApi';
import { useCurrentUser } from '../auth/session';
import { ConflictAlert, MergedNotice, SaveErrorAlert } from '../common/FormAlerts';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, ErrorState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { AXES, AXIS_CRITERIA, useRecompute, useSaveScoringModel, useScoringModel, useScoringModels, type Axis, type CriterionKey, type ScoringModel } from './scoringApi';
import { axisLabel, criterionLabel } from './scoringLabels';
import { sumWeights, toTenThousandths, weightsBody } from './weights';

type Values = Record<string, string>;

function valuesOf(model: ScoringModel): Values {
  const v: Values = {};
  for (const axis of AXES) for (const key of AXIS_CRITERIA[axis]) v[key] = model.weights[key] ?? '';
  v['thresholds.attractiveness'] = String(model.thresholds.attractiveness);
  v['thresholds.strength'] = String(model.thresholds.strength);
  return v;
}

/** "weights.revenue", "/weights/revenue", "body.thresholds.strength" → the form's key. */
function fieldKey(path: string): string {
  const parts = path.split(/[/.[\]]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'weights' && parts[1]) return parts[1];
  return parts.join('.');
}

/** Admin → Scoring model: weights per axis (each axis sums to exactly 1), thresholds, versions, recompute. */
export default function ScoringModelSettings() {
  usePageTitle('scoring.model.title');
  const me = useCurrentUser();
  const model = useScoringModel();
  const editable = me.role === 'admin';
  return (
    <>
      <PageHeader title={<FormattedMessage id="scoring.model.title" />} crumbs={[{ label: <FormattedMessage id="nav.admin" />, to: me.role === 'admin' ? '/admin/engagement' : '/admin/scoring' }]} />
      <Stack gap="lg">
        {!editable && (
          <Alert color="gray" variant="light" icon={<IconLock aria-hidden />} data-testid="model-readonly">
            <FormattedMessage id="scoring.model.readOnly" />
          </Alert>
        )}
        {model.isPending ? (
          <Card withBorder padding="lg">
            <CardSkeleton lines={8} />
          </Card>
        ) : model.isError ? (
          <ErrorState error={model.error} onRetry={() => void model.refetch()} />
        ) : (
          <ModelForm model={model.data} editable={editable} reload={async () => (await model.refetch()).data} />
        )}
        {(me.role === 'admin' || me.role === 'director') && <RecomputeCard />}
        <Versions />
      </Stack>
    </>
  );
}

function ModelForm({ model, editable, reload }: { model: ScoringModel; editable: boolean; reload: () => Promise<ScoringModel | undefined> }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const fmt = useFormat();
  // The version the edits started from: sent as If-Match.
  const [base, setBase] = useState(model);
  const [values, setValues] = useState<Values>(() => valuesOf(model));
  const [reloading, setReloading] = useState(false);
  const [merged, setMerged] = useState<string[] | null>(null);
  const save = useSaveScoringModel();
  const conflict = isApiError(save.error) && save.error.status === 412;
  const serverErrors = useMemo(() => {
    const map = new Map<string, string>();
    const general: string[] = [];
    if (isApiError(save.error))
      for (const e of save.error.errors) {
        const key = fieldKey(e.path);
        if (key in values) map.set(key, e.message);
        else general.push(e.message);
      }
    return { map, general };
  }, [save.error]);

  const sums = Object.fromEntries(AXES.map((axis) => [axis, sumWeights(values, AXIS_CRITERIA[axis])])) as Record<Axis, ReturnType<typeof sumWeights>>;
  const thresholdError = (axis: Axis) => {
    const v = values[`thresholds.${axis}`] ?? '';
    if (v === '') return t('validation.required');
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? serverErrors.map.get(`thresholds.${axis}`) : t('scoring.model.thresholdRange');
  };
  const valid = AXES.every((a) => sums[a].ok && !thresholdError(a));
  const set = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setMerged(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid || !editable) return;
    save.mutate(
      {
        number: base.number,
        body: {
          weights: { ...weightsBody(values, AXIS_CRITERIA.attractiveness), ...weightsBody(values, AXIS_CRITERIA.strength) },
          thresholds: { attractiveness: Number(values['thresholds.attractiveness']), strength: Number(values['thresholds.strength']) },
        },
      },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setValues(valuesOf(saved));
          setMerged(null);
          notifications.show({ color: 'teal', message: t('scoring.model.saved', { number: saved.number }) });
        },
      },
    );
  };

  const reloadKeep = async () => {
    setReloading(true);
    try {
      const latest = await reload();
      if (latest) {
        // Fields the other person changed are taken unless this user edited the same field: their own edits win.
        const theirs = valuesOf(latest);
        const before = valuesOf(base);
        setMerged(Object.keys(theirs).filter((k) => theirs[k] !== before[k]));
        setValues((mine) => Object.fromEntries(Object.keys(theirs).map((k) => [k, mine[k] !== before[k] ? (mine[k] ?? '') : (theirs[k] ?? '')])));
        setBase(latest);
        save.reset();
      }
    } finally {
      setReloading(false);
    }
  };
  const discard = async () => {
    setReloading(true);
    try {
      const latest = await reload();
      if (latest) {
        setBase(latest);
        setValues(valuesOf(latest));
        setMerged(null);
        save.reset();
      }
    } finally {
      setReloading(false);
    }
  };
  const fieldName = (key: string): string =>
    key.startsWith('thresholds.') ? t('scoring.model.thresholdOf', { axis: t(axisLabel[key.slice(11) as Axis]) }) : t(criterionLabel[key as CriterionKey]);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="model-form-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4" id="model-form-title">
                <FormattedMessage id="scoring.model.weights" />
              </Title>
              <Text size="sm" c="dimmed">
                <FormattedMessage id="scoring.model.weightsHelp" />
              </Text>
            </div>
            <Badge variant="light" color="gray" tt="none" size="lg">
              <FormattedMessage id="scoring.model.version" values={{ number: base.number }} />
            </Badge>
          </Group>
          {conflict && <ConflictAlert onReloadKeep={() => void reloadKeep()} onDiscard={() => void discard()} reloading={reloading} />}
          {merged && <MergedNotice fields={merged.map((k) => fieldName(k))} />}
          {save.isError && !conflict && serverErrors.map.size === 0 && <SaveErrorAlert error={save.error} general={serverErrors.general} />}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            {AXES.map((axis) => {
              const sum = sums[axis];
              return (
                <fieldset key={axis} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }} disabled={!editable}>
                  <Text component="legend" fw={700} mb="xs">
                    <FormattedMessage id={axisLabel[axis]} />
                  </Text>
                  <Stack gap="xs">
                    {AXIS_CRITERIA[axis].map((key) => {
                      const raw = values[key] ?? '';
                      const invalid = raw.trim() !== '' && toTenThousandths(raw) === null;
                      return (
                        <TextInput
                          key={key}
                          label={t(criterionLabel[key])}
                          inputMode="decimal"
                          placeholder="0"
                          value={raw}
                          onChange={(e) => set(key, e.currentTarget.value)}
                          error={serverErrors.map.get(key) ?? (invalid ? t('scoring.model.weightInvalid') : undefined)}
                          readOnly={!editable}
                          styles={{ root: { display: 'grid', gridTemplateColumns: '1fr 110px', alignItems: 'center', columnGap: 12 }, input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' }, error: { gridColumn: '1 / -1' } }}
                          data-testid={`weight-${key}`}
                        />
                      );
                    })}
                  </Stack>
                  <div aria-live="polite" data-testid={`sum-${axis}`} data-ok={sum.ok}>
                    <Group justify="space-between" mt="sm" wrap="nowrap">
                      <Text size="sm" fw={700}>
                        <FormattedMessage id="scoring.model.sum" />
                      </Text>
                      <Group gap={6} wrap="nowrap">
                        {sum.ok && <IconCheck size={16} color="var(--mantine-color-teal-8)" aria-hidden />}
                        <Text size="sm" fw={700} c={sum.ok ? 'teal.9' : 'red.8'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {fmt.number(sum.text, { maximumFractionDigits: 4 })}
                        </Text>
                      </Group>
                    </Group>
                    <Progress value={Math.min(100, sum.total / 100)} color={sum.ok ? 'teal.8' : sum.total > 10000 ? 'red.8' : 'orange.7'} size="sm" mt={4} aria-hidden />
                    {!sum.ok && (
                      <Text size="xs" c="red.8" mt={4}>
                        {sum.invalid.length > 0 ? (
                          <FormattedMessage id="scoring.model.sumInvalid" />
                        ) : (
                          <FormattedMessage id="scoring.model.sumOff" values={{ sum: fmt.number(sum.text, { maximumFractionDigits: 4 }) }} />
                        )}
                      </Text>
                    )}
                  </div>
                </fieldset>
              );
            })}
          </SimpleGrid>
          <Title order={3} size="h5" mt="sm">
            <FormattedMessage id="scoring.model.thresholds" />
          </Title>
          <Text size="sm" c="dimmed" mt={-8}>
            <FormattedMessage id="scoring.model.thresholdsHelp" />
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {AXES.map((axis) => {
              const key = `thresholds.${axis}`;
              return (
                <NumberInput
                  key={axis}
                  label={t('scoring.model.thresholdOf', { axis: t(axisLabel[axis]) })}
                  value={values[key] === '' ? '' : Number(values[key])}
                  onChange={(v) => set(key, v === '' ? '' : String(v))}
                  min={0}
                  max={100}
                  decimalScale={2}
                  readOnly={!editable}
                  disabled={!editable}
                  error={thresholdError(axis)}
                  data-testid={`threshold-${axis}`}
                />
              );
            })}
          </SimpleGrid>
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!valid} data-testid="save-model">
                <FormattedMessage id="scoring.model.save" />
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function RecomputeCard() {
  const fmt = useFormat();
  const recompute = useRecompute();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="recompute-title">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <div style={{ flex: '1 1 320px' }}>
          <Title order={2} size="h4" id="recompute-title">
            <FormattedMessage id="scoring.recompute.title" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="scoring.recompute.body" />
          </Text>
        </div>
        <Button leftSection={<IconRefresh size={16} aria-hidden />} loading={recompute.isPending} onClick={() => recompute.mutate()} data-testid="recompute">
          <FormattedMessage id="scoring.recompute.button" />
        </Button>
      </Group>
      <div aria-live="polite">
        {recompute.isSuccess && (
          <Alert color="teal" variant="light" mt="md" icon={<IconCheck aria-hidden />} data-testid="recompute-result">
            <FormattedMessage
              id="scoring.recompute.result"
              values={{ scored: recompute.data.scored, tierChanges: recompute.data.tierChanges, seconds: fmt.number(recompute.data.milliseconds / 1000, { maximumFractionDigits: 1 }) }}
            />
          </Alert>
        )}
        {recompute.isError && (
          <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
            <InlineError error={recompute.error} onRetry={() => recompute.mutate()} />
          </div>
        )}
      </div>
    </Card>
  );
}

function Versions() {
  const intl = useIntl();
  const fmt = useFormat();
  const models = useScoringModels();
  const users = useUsers();
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="versions-title">
      <Title order={2} size="h4" id="versions-title" mb="md">
        <FormattedMessage id="scoring.model.versions" />
      </Title>
      {models.isPending ? (
        <CardSkeleton lines={4} />
      ) : models.isError ? (
        <InlineError error={models.error} onRetry={() => void models.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped aria-labelledby="versions-title" data-testid="model-versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <FormattedMessage id="scoring.model.column.version" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="scoring.model.column.created" />
                </Table.Th>
                <Table.Th>
                  <FormattedMessage id="scoring.model.thresholds" />
                </Table.Th>
                {AXES.map((axis) => (
                  <Table.Th key={axis}>
                    <FormattedMessage id={axisLabel[axis]} />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {models.data.items.map((m, i) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {fmt.number(m.number)}
                      </Text>
                      {i === 0 && (
                        <Badge size="xs" color="teal.9" tt="none" style={{ minWidth: 'max-content' }}>
                          <FormattedMessage id="scoring.model.current" />
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.dateTime(m.createdAt)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.createdBy ? (names.get(m.createdBy) ?? '—') : <FormattedMessage id="scoring.model.system" />}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {fmt.number(m.thresholds.attractiveness)} / {fmt.number(m.thresholds.strength)}
                  </Table.Td>
                  {AXES.map((axis) => (
                    <Table.Td key={axis}>
                      <Text size="xs">
                        {AXIS_CRITERIA[axis]
                          .filter((k) => m.weights[k] !== undefined && toTenThousandths(m.weights[k] ?? '') !== 0)
                          .map((k) => `${intl.formatMessage({ id: criterionLabel[k] })} ${fmt.percent(Number(m.weights[k]))}`)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
