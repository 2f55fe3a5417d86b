import { ActionIcon, Badge, Button, Checkbox, CopyButton, Group, Modal, NumberInput, Progress, Select, Stack, Table, Text, Textarea, TextInput, Timeline, Title, Tooltip } from '@mantine/core';
import { IconArrowUp, IconCheck, IconCopy, IconHistory, IconLink, IconPlus, IconTarget, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useUsers } from '../accounts/accountApi';
import { notify } from '../common/notify';
import { CardSkeleton, EmptyState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { progressColor, decimalOrNull, orNull } from './planUtils';
import { useCopyPlan, useCreatePlan, usePlan, usePlanPart, usePlans, useShareActions, useShares, useUpdatePlan, type Need, type Objective, type PlanAction, type PlanDetail } from './planApi';
import { fieldError, showWriteError } from './writeErrors';

const STATUS_COLOR = { draft: 'gray', active: 'teal', closed: 'dark' } as const;

/** The account plan section of the account page: pick a period's plan, or start one. */
export function AccountPlan({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const intl = useIntl();
  const plans = usePlans(accountId);
  const [selected, setSelected] = useState<string | null>(null);
  const items = plans.data?.items ?? [];
  const current = selected ?? items.find((p) => p.status === 'active')?.id ?? items[0]?.id ?? null;
  const plan = usePlan(current);

  if (plans.isPending) return <CardSkeleton />;
  if (plans.isError) return <InlineError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<IconTarget aria-hidden />}
        title={<FormattedMessage id="plan.empty.title" />}
        description={<FormattedMessage id="plan.empty.body" />}
        action={canEdit && <PlanCreate accountId={accountId} onCreated={setSelected} />}
      />
    );
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Select
          label={intl.formatMessage({ id: 'plan.period' })}
          data={items.map((p) => ({ value: p.id, label: `${p.period} · ${intl.formatMessage({ id: `plan.status.${p.status}` })}` }))}
          value={current}
          onChange={(v) => setSelected(v)}
          allowDeselect={false}
          size="sm"
          style={{ flex: '0 1 240px' }}
        />
        {canEdit && <PlanCreate accountId={accountId} onCreated={setSelected} />}
      </Group>
      {plan.isPending && <CardSkeleton />}
      {plan.isError && <InlineError error={plan.error} onRetry={() => void plan.refetch()} />}
      {plan.data && <PlanShow plan={plan.data} canEdit={canEdit} onCopied={setSelected} />}
    </Stack>
  );
}

function PlanCreate({ accountId, onCreated }: { accountId: string; onCreated: (id: string) => void }) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const create = useCreatePlan(accountId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ period: period.trim() }, {
      onSuccess: (plan) => {
        setOpened(false);
        onCreated(plan.id);
        notify(intl, intl.formatMessage({ id: 'plan.created' }));
      },
    });
  };
  return (
    <>
      <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpened(true)} data-testid="plan-new">
        <FormattedMessage id="plan.new" />
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'plan.new' })}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={intl.formatMessage({ id: 'plan.period' })}
              description={intl.formatMessage({ id: 'plan.period.help' })}
              value={period}
              onChange={(e) => setPeriod(e.currentTarget.value)}
              error={fieldError(create.error, 'period') ?? (create.isError ? (create.error as Error).message : undefined)}
              required
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}><FormattedMessage id="action.cancel" /></Button>
              <Button type="submit" loading={create.isPending}><FormattedMessage id="plan.create" /></Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function Block({ title, children, action }: { title: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">{title}</Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

function PlanShow({ plan, canEdit, onCopied }: { plan: PlanDetail; canEdit: boolean; onCopied: (id: string) => void }) {
  const intl = useIntl();
  const fmt = useFormat();
  const update = useUpdatePlan(plan.accountId, plan.id);
  const copy = useCopyPlan(plan.accountId, plan.id);
  const editable = canEdit && plan.status !== 'closed';
  const move = (status: PlanDetail['status']) =>
    update.mutate({ version: plan.version, body: { status } }, { onError: (e) => showWriteError(intl, e), onSuccess: () => notify(intl, intl.formatMessage({ id: 'plan.saved' })) });
  return (
    <Stack gap="lg" data-testid="plan">
      <Group justify="space-between">
        <Group gap="xs">
          <Badge color={STATUS_COLOR[plan.status]} variant="light"><FormattedMessage id={`plan.status.${plan.status}`} /></Badge>
          <Text size="sm" c="dimmed">{fmt.date(plan.periodStart)} – {fmt.date(plan.periodEnd)}</Text>
          {plan.summary.average !== null && (
            <Text size="sm"><FormattedMessage id="plan.summary" values={{ average: fmt.percent(plan.summary.average), achieved: plan.summary.achieved, objectives: plan.summary.objectives, behind: plan.summary.behind }} /></Text>
          )}
        </Group>
        {canEdit && (
          <Group gap="xs">
            {plan.status === 'draft' && <Button size="xs" onClick={() => move('active')} loading={update.isPending}><FormattedMessage id="plan.activate" /></Button>}
            {plan.status === 'active' && <Button size="xs" variant="default" onClick={() => move('closed')} loading={update.isPending}><FormattedMessage id="plan.close" /></Button>}
            <Button size="xs" variant="default" loading={copy.isPending} onClick={() => copy.mutate(undefined, { onSuccess: (p) => { onCopied(p.id); notify(intl, intl.formatMessage({ id: 'plan.copied' }, { period: p.period })); }, onError: (e) => showWriteError(intl, e) })}>
              <FormattedMessage id="plan.copy" />
            </Button>
            <ShareDialog planId={plan.id} />
          </Group>
        )}
      </Group>
      <Strategy plan={plan} editable={editable} />
      <Needs plan={plan} editable={editable} />
      <Objectives plan={plan} editable={editable} />
      <Actions plan={plan} editable={editable} />
      <Risks plan={plan} editable={editable} />
    </Stack>
  );
}

function Strategy({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const intl = useIntl();
  const [text, setText] = useState(plan.strategy ?? '');
  const [editing, setEditing] = useState(false);
  const update = useUpdatePlan(plan.accountId, plan.id);
  useEffect(() => setText(plan.strategy ?? ''), [plan.strategy]);
  const save = () =>
    update.mutate({ version: plan.version, body: { strategy: orNull(text) } }, { onSuccess: () => setEditing(false), onError: (e) => showWriteError(intl, e) });
  return (
    <Block title={<FormattedMessage id="plan.strategy" />} action={editable && !editing && <Button size="xs" variant="subtle" onClick={() => setEditing(true)}><FormattedMessage id="action.edit" /></Button>}>
      {editing ? (
        <Stack gap="xs">
          <Textarea aria-label={intl.formatMessage({ id: 'plan.strategy' })} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} error={fieldError(update.error, 'strategy')} />
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}><FormattedMessage id="action.cancel" /></Button>
            <Button size="xs" onClick={save} loading={update.isPending}><FormattedMessage id="action.save" /></Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={plan.strategy ? undefined : 'dimmed'}>{plan.strategy ?? intl.formatMessage({ id: 'plan.strategy.none' })}</Text>
      )}
    </Block>
  );
}

function Needs({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const intl = useIntl();
  const parts = usePlanPart(plan.accountId, plan.id);
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<number | string>(1);
  const add = (event: FormEvent) => {
    event.preventDefault();
    parts.add.mutate({ part: 'needs', body: { text: text.trim(), priority: Number(priority) } }, { onSuccess: () => setText('') });
  };
  return (
    <Block title={<FormattedMessage id="plan.needs" />}>
      {plan.needs.length === 0 && <Text size="sm" c="dimmed"><FormattedMessage id="plan.needs.none" /></Text>}
      <Stack gap="xs">
        {plan.needs.map((need) => <NeedRow key={need.id} need={need} plan={plan} editable={editable} />)}
      </Stack>
      {editable && (
        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="xs">
            <TextInput aria-label={intl.formatMessage({ id: 'plan.need.text' })} placeholder={intl.formatMessage({ id: 'plan.need.text' })} value={text} onChange={(e) => setText(e.currentTarget.value)} size="xs" style={{ flex: 1 }} error={fieldError(parts.add.error, 'text')} />
            <NumberInput aria-label={intl.formatMessage({ id: 'plan.need.priority' })} value={priority} onChange={setPriority} min={1} max={99} size="xs" w={80} error={fieldError(parts.add.error, 'priority')} />
            <Button type="submit" size="xs" leftSection={<IconPlus size={14} aria-hidden />} loading={parts.add.isPending} disabled={!text.trim()}><FormattedMessage id="plan.need.add" /></Button>
          </Group>
        </form>
      )}
    </Block>
  );
}

function NeedRow({ need, plan, editable }: { need: Need; plan: PlanDetail; editable: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const [history, setHistory] = useState(false);
  const parts = usePlanPart(plan.accountId, plan.id);
  const onError = (e: unknown) => showWriteError(intl, e);
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Badge variant="outline" w={44}>#{need.priority}</Badge>
        <Text size="sm" style={{ flex: 1 }}>{need.text}</Text>
        <Tooltip label={intl.formatMessage({ id: 'plan.need.history' })}>
          <ActionIcon variant="subtle" onClick={() => setHistory((h) => !h)} aria-label={intl.formatMessage({ id: 'plan.need.history' })} aria-expanded={history}><IconHistory size={16} /></ActionIcon>
        </Tooltip>
        {editable && need.priority > 1 && (
          <Tooltip label={intl.formatMessage({ id: 'plan.need.raise' })}>
            <ActionIcon variant="subtle" aria-label={intl.formatMessage({ id: 'plan.need.raise' })} onClick={() => parts.change.mutate({ part: 'needs', id: need.id, version: need.version, body: { priority: need.priority - 1 } }, { onError })}><IconArrowUp size={16} /></ActionIcon>
          </Tooltip>
        )}
        {editable && (
          <Tooltip label={intl.formatMessage({ id: 'plan.need.remove' })}>
            <ActionIcon variant="subtle" color="red" aria-label={intl.formatMessage({ id: 'plan.need.remove' })} onClick={() => parts.remove.mutate({ part: 'needs', id: need.id, version: need.version }, { onError })}><IconTrash size={16} /></ActionIcon>
          </Tooltip>
        )}
      </Group>
      {history && (
        <Timeline bulletSize={12} lineWidth={2} ml="lg" mt={4}>
          {need.history.map((h, i) => (
            <Timeline.Item key={i} title={<Text size="xs" fw={600}><FormattedMessage id={`plan.need.change.${h.kind}`} values={{ from: h.fromText ?? h.fromPriority ?? '', to: h.toText ?? h.toPriority ?? '' }} /></Text>}>
              <Text size="xs" c="dimmed">{fmt.dateTime(h.at)}{h.actorName ? ` · ${h.actorName}` : ''}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

function Objectives({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const fmt = useFormat();
  const value = (o: Objective, v: string | null) => (v === null ? '—' : o.metric === 'revenue' ? fmt.money(v, o.unit ?? plan.currency, { fractionDigits: 0 }) : `${fmt.number(v)}${o.unit ? ` ${o.unit}` : ''}`);
  return (
    <Block title={<FormattedMessage id="plan.objectives" />} action={editable && <ObjectiveDialog plan={plan} />}>
      {plan.objectives.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="plan.objectives.none" /></Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="plan.objective.title" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.objective.baselineTarget" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.objective.current" /></Table.Th>
                <Table.Th w={180}><FormattedMessage id="plan.objective.progress" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.objective.due" /></Table.Th>
                {editable && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.objectives.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.title}{o.metric === 'revenue' && <Badge ml={6} size="xs" variant="light"><FormattedMessage id="plan.objective.live" /></Badge>}</Table.Td>
                  <Table.Td>{value(o, o.baseline)} → {value(o, o.target)}</Table.Td>
                  <Table.Td>{value(o, o.current)}</Table.Td>
                  <Table.Td>
                    <Progress value={o.progress.percent ?? 0} color={progressColor[o.progress.status]} aria-label={`${o.title}: ${o.progress.percent ?? 0} %`} />
                    <Text size="xs" c="dimmed">
                      {o.progress.ratio === null ? '—' : fmt.percent(o.progress.ratio)} · <FormattedMessage id={`plan.objective.status.${o.progress.status}`} />
                    </Text>
                  </Table.Td>
                  <Table.Td>{fmt.date(o.dueOn)}</Table.Td>
                  {editable && <Table.Td><ObjectiveDialog plan={plan} objective={o} /></Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Block>
  );
}

function ObjectiveDialog({ plan, objective }: { plan: PlanDetail; objective?: Objective }) {
  const intl = useIntl();
  const parts = usePlanPart(plan.accountId, plan.id);
  const [opened, setOpened] = useState(false);
  const empty = { title: '', metric: 'custom', unit: '', baseline: '', target: '', current: '', dueOn: '' };
  const [v, setV] = useState(empty);
  const [local, setLocal] = useState<Record<string, string>>({});
  const open = () => {
    setV(objective ? { title: objective.title, metric: objective.metric, unit: objective.metric === 'revenue' ? '' : (objective.unit ?? ''), baseline: objective.baseline, target: objective.target, current: objective.metric === 'revenue' ? '' : (objective.current ?? ''), dueOn: objective.dueOn ?? '' } : empty);
    setLocal({});
    parts.add.reset();
    parts.change.reset();
    setOpened(true);
  };
  const set = (field: keyof typeof empty) => (value: string) => setV((old) => ({ ...old, [field]: value }));
  const mutation = objective ? parts.change : parts.add;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.title.trim()) errors.title = intl.formatMessage({ id: 'validation.required' });
    for (const f of ['baseline', 'target'] as const) if (decimalOrNull(v[f]) === null) errors[f] = intl.formatMessage({ id: 'validation.decimal' });
    if (v.current.trim() && decimalOrNull(v.current) === null) errors.current = intl.formatMessage({ id: 'validation.decimal' });
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    const body: Record<string, unknown> = {
      title: v.title.trim(), baseline: decimalOrNull(v.baseline), target: decimalOrNull(v.target), dueOn: v.dueOn || null,
      ...(v.metric === 'revenue' ? {} : { unit: orNull(v.unit), current: v.current.trim() ? decimalOrNull(v.current) : null }),
    };
    const done = { onSuccess: () => setOpened(false), onError: (e: unknown) => { if (!(e as { errors?: unknown[] }).errors?.length) showWriteError(intl, e); } };
    if (objective) parts.change.mutate({ part: 'objectives', id: objective.id, version: objective.version, body }, done);
    else parts.add.mutate({ part: 'objectives', body: { ...body, metric: v.metric } }, done);
  };
  const err = (f: string) => local[f] ?? fieldError(mutation.error, f);
  return (
    <>
      {objective ? (
        <Button size="xs" variant="subtle" onClick={open}><FormattedMessage id="action.edit" /></Button>
      ) : (
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}><FormattedMessage id="plan.objective.add" /></Button>
      )}
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: objective ? 'plan.objective.edit' : 'plan.objective.add' })}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput label={intl.formatMessage({ id: 'plan.objective.title' })} value={v.title} onChange={(e) => set('title')(e.currentTarget.value)} error={err('title')} required />
            {!objective && (
              <Select label={intl.formatMessage({ id: 'plan.objective.metric' })} value={v.metric} onChange={(m) => set('metric')(m ?? 'custom')} allowDeselect={false}
                data={[{ value: 'custom', label: intl.formatMessage({ id: 'plan.objective.metric.custom' }) }, { value: 'revenue', label: intl.formatMessage({ id: 'plan.objective.metric.revenue' }, { currency: plan.currency }) }]} />
            )}
            <Group grow>
              <TextInput label={intl.formatMessage({ id: 'plan.objective.baseline' })} value={v.baseline} onChange={(e) => set('baseline')(e.currentTarget.value)} error={err('baseline')} inputMode="decimal" required />
              <TextInput label={intl.formatMessage({ id: 'plan.objective.target' })} value={v.target} onChange={(e) => set('target')(e.currentTarget.value)} error={err('target')} inputMode="decimal" required />
            </Group>
            {v.metric !== 'revenue' && (
              <Group grow>
                <TextInput label={intl.formatMessage({ id: 'plan.objective.current' })} value={v.current} onChange={(e) => set('current')(e.currentTarget.value)} error={err('current')} inputMode="decimal" />
                <TextInput label={intl.formatMessage({ id: 'plan.objective.unit' })} value={v.unit} onChange={(e) => set('unit')(e.currentTarget.value)} error={err('unit')} />
              </Group>
            )}
            <TextInput type="date" label={intl.formatMessage({ id: 'plan.objective.due' })} value={v.dueOn} onChange={(e) => set('dueOn')(e.currentTarget.value)} error={err('dueOn')} />
            {err('direction') && <Text size="sm" c="red">{err('direction')}</Text>}
            <Group justify="space-between">
              {objective ? (
                <Button variant="subtle" color="red" onClick={() => parts.remove.mutate({ part: 'objectives', id: objective.id, version: objective.version }, { onSuccess: () => setOpened(false), onError: (e) => showWriteError(intl, e) })}>
                  <FormattedMessage id="plan.objective.delete" />
                </Button>
              ) : <span />}
              <Group gap="xs">
                <Button variant="default" onClick={() => setOpened(false)}><FormattedMessage id="action.cancel" /></Button>
                <Button type="submit" loading={mutation.isPending}><FormattedMessage id="action.save" /></Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;

function Actions({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const parts = usePlanPart(plan.accountId, plan.id);
  const users = useUsers();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [agreed, setAgreed] = useState(false);
  const add = (event: FormEvent) => {
    event.preventDefault();
    parts.add.mutate({ part: 'actions', body: { title: title.trim(), dueOn: dueOn || null, agreed, ...(ownerId ? { ownerId } : {}) } }, { onSuccess: () => { setTitle(''); setDueOn(''); setAgreed(false); } });
  };
  const setStatus = (a: PlanAction, status: string | null) => status && parts.change.mutate({ part: 'actions', id: a.id, version: a.version, body: { status } }, { onError: (e) => showWriteError(intl, e) });
  return (
    <Block title={<FormattedMessage id="plan.actions" />}>
      {plan.actions.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="plan.actions.none" /></Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th><FormattedMessage id="plan.action.title" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.action.owner" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.action.due" /></Table.Th>
                <Table.Th><FormattedMessage id="plan.action.status" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {a.title}
                    {a.agreed && <Badge ml={6} size="xs" color="grape" variant="light"><FormattedMessage id="plan.action.agreed" /></Badge>}
                    {a.source === 'review' && <Badge ml={6} size="xs" variant="outline"><FormattedMessage id="plan.action.fromReview" /></Badge>}
                  </Table.Td>
                  <Table.Td>{a.ownerName ?? '—'}</Table.Td>
                  <Table.Td>{fmt.date(a.dueOn)}</Table.Td>
                  <Table.Td>
                    {editable ? (
                      <Select size="xs" w={130} aria-label={intl.formatMessage({ id: 'plan.action.status' })} value={a.status} onChange={(s) => setStatus(a, s)} allowDeselect={false}
                        data={ACTION_STATUSES.map((s) => ({ value: s, label: intl.formatMessage({ id: `plan.action.status.${s}` }) }))} />
                    ) : <FormattedMessage id={`plan.action.status.${a.status}`} />}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editable && (
        <form onSubmit={add} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput label={intl.formatMessage({ id: 'plan.action.title' })} value={title} onChange={(e) => setTitle(e.currentTarget.value)} size="xs" style={{ flex: 1, minWidth: 180 }} error={fieldError(parts.add.error, 'title')} />
            <Select label={intl.formatMessage({ id: 'plan.action.owner' })} size="xs" w={170} clearable searchable value={ownerId} onChange={setOwnerId}
              data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} placeholder={intl.formatMessage({ id: 'plan.action.ownerMe' })} error={fieldError(parts.add.error, 'ownerId')} />
            <TextInput type="date" label={intl.formatMessage({ id: 'plan.action.due' })} size="xs" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={fieldError(parts.add.error, 'dueOn')} />
            <Checkbox label={intl.formatMessage({ id: 'plan.action.agreed' })} checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} size="xs" mb={6} />
            <Button type="submit" size="xs" leftSection={<IconPlus size={14} aria-hidden />} loading={parts.add.isPending} disabled={!title.trim()}><FormattedMessage id="plan.action.add" /></Button>
          </Group>
        </form>
      )}
    </Block>
  );
}

function Risks({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const intl = useIntl();
  const fmt = useFormat();
  const parts = usePlanPart(plan.accountId, plan.id);
  const [text, setText] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    parts.add.mutate({ part: 'risks', body: { text: text.trim() } }, { onSuccess: () => setText('') });
  };
  return (
    <Block title={<FormattedMessage id="plan.risks" />}>
      {plan.risks.length === 0 && <Text size="sm" c="dimmed"><FormattedMessage id="plan.risks.none" /></Text>}
      {plan.risks.map((r) => (
        <Group key={r.id} gap="xs" wrap="nowrap">
          <Badge size="xs" color={r.source === 'manual' ? 'gray' : 'red'} variant="light">{intl.formatMessage({ id: `plan.risk.source.${r.source === 'case' || r.source === 'review' ? r.source : 'manual'}` })}</Badge>
          <Text size="sm" style={{ flex: 1 }}>{r.text}</Text>
          <Text size="xs" c="dimmed">{fmt.date(r.at.slice(0, 10))}</Text>
        </Group>
      ))}
      {editable && (
        <form onSubmit={add} noValidate>
          <Group gap="xs">
            <TextInput aria-label={intl.formatMessage({ id: 'plan.risk.text' })} placeholder={intl.formatMessage({ id: 'plan.risk.text' })} value={text} onChange={(e) => setText(e.currentTarget.value)} size="xs" style={{ flex: 1 }} error={fieldError(parts.add.error, 'text')} />
            <Button type="submit" size="xs" variant="light" loading={parts.add.isPending} disabled={!text.trim()}><FormattedMessage id="plan.risk.add" /></Button>
          </Group>
        </form>
      )}
    </Block>
  );
}

function ShareDialog({ planId }: { planId: string }) {
  const intl = useIntl();
  const fmt = useFormat();
  const [opened, setOpened] = useState(false);
  const [days, setDays] = useState<number | string>(30);
  const [link, setLink] = useState<string | null>(null);
  const shares = useShares(planId, opened);
  const { create, revoke } = useShareActions(planId);
  const make = () => create.mutate(Number(days), { onSuccess: (s) => setLink(`${window.location.origin}${s.path}`) });
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconLink size={14} aria-hidden />} onClick={() => { setLink(null); setOpened(true); }} data-testid="plan-share">
        <FormattedMessage id="plan.share" />
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={intl.formatMessage({ id: 'plan.share.title' })} size="lg">
        <Stack gap="md">
          <Text size="sm"><FormattedMessage id="plan.share.body" /></Text>
          <Group align="flex-end" gap="xs">
            <NumberInput label={intl.formatMessage({ id: 'plan.share.days' })} value={days} onChange={setDays} min={1} max={365} w={160} error={fieldError(create.error, 'expiresInDays')} />
            <Button onClick={make} loading={create.isPending}><FormattedMessage id="plan.share.create" /></Button>
          </Group>
          {link && (
            <Group gap="xs" wrap="nowrap">
              <TextInput readOnly value={link} style={{ flex: 1 }} aria-label={intl.formatMessage({ id: 'plan.share.link' })} data-testid="share-link" />
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                    <FormattedMessage id={copied ? 'plan.share.copied' : 'plan.share.copy'} />
                  </Button>
                )}
              </CopyButton>
            </Group>
          )}
          {link && <Text size="xs" c="dimmed"><FormattedMessage id="plan.share.once" /></Text>}
          {shares.isError && <InlineError error={shares.error} onRetry={() => void shares.refetch()} />}
          {(shares.data?.items.length ?? 0) > 0 && (
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="plan.share.link" /></Table.Th>
                  <Table.Th><FormattedMessage id="plan.share.expires" /></Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shares.data!.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td><code>{s.prefix}…</code></Table.Td>
                    <Table.Td>{fmt.dateTime(s.expiresAt)}</Table.Td>
                    <Table.Td>
                      {s.active ? (
                        <Button size="xs" color="red" variant="subtle" loading={revoke.isPending} onClick={() => revoke.mutate(s.id, { onError: (e) => showWriteError(intl, e) })}><FormattedMessage id="plan.share.revoke" /></Button>
                      ) : (
                        <Badge color="gray" variant="light"><FormattedMessage id={s.revokedAt ? 'plan.share.revoked' : 'plan.share.expired'} /></Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Modal>
    </>
  );
}
