import { ActionIcon, Alert, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../api/client';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useAddNegotiationEntry, useNegotiation, useUpdateNegotiationEntry, type NegotiationBody, type NegotiationEntry, type Opportunity } from './opportunityApi';

interface ConcessionValues {
  description: string;
  value: string;
  currency: string;
}
interface EntryValues {
  occurredOn: string;
  ourPosition: string;
  theirPosition: string;
  concessionsGiven: ConcessionValues[];
  concessionsReceived: ConcessionValues[];
  agreedTerms: string;
  nextMove: string;
}

const blank = (): EntryValues => ({ occurredOn: '', ourPosition: '', theirPosition: '', concessionsGiven: [], concessionsReceived: [], agreedTerms: '', nextMove: '' });
const valuesOf = (e: NegotiationEntry): EntryValues => ({
  occurredOn: e.occurredOn,
  ourPosition: e.ourPosition ?? '',
  theirPosition: e.theirPosition ?? '',
  concessionsGiven: e.concessionsGiven.map((c) => ({ description: c.description, value: c.value ?? '', currency: c.currency ?? '' })),
  concessionsReceived: e.concessionsReceived.map((c) => ({ description: c.description, value: c.value ?? '', currency: c.currency ?? '' })),
  agreedTerms: e.agreedTerms ?? '',
  nextMove: e.nextMove ?? '',
});
const concessions = (items: ConcessionValues[], currency: string) =>
  items.filter((c) => c.description.trim()).map((c) => ({ description: c.description.trim(), value: c.value.trim() ? c.value.trim().replace(',', '.') : null, currency: c.value.trim() ? c.currency || currency : null }));
const bodyOf = (v: EntryValues, currency: string): NegotiationBody => ({
  ...(v.occurredOn ? { occurredOn: v.occurredOn } : {}),
  ourPosition: v.ourPosition.trim() || null,
  theirPosition: v.theirPosition.trim() || null,
  concessionsGiven: concessions(v.concessionsGiven, currency),
  concessionsReceived: concessions(v.concessionsReceived, currency),
  agreedTerms: v.agreedTerms.trim() || null,
  nextMove: v.nextMove.trim() || null,
});

/** The negotiation log: newest first; anyone who may write adds an entry; the author edits their own. */
export function NegotiationLog({ o, writable }: { o: Opportunity; writable: boolean }) {
  const log = useNegotiation(o.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const add = useAddNegotiationEntry(o.id);
  const intl = useIntl();
  return (
    <Stack gap="sm" data-testid="negotiation-log">
      {writable && !adding && (
        <Group>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)} data-testid="negotiation-add">
            <FormattedMessage id="negotiation.add" />
          </Button>
        </Group>
      )}
      {adding && (
        <EntryForm
          initial={blank()}
          currency={o.currency}
          saving={add.isPending}
          error={add.error}
          onCancel={() => {
            setAdding(false);
            add.reset();
          }}
          onSave={(v) => add.mutate(bodyOf(v, o.currency), { onSuccess: () => { setAdding(false); notify(intl, intl.formatMessage({ id: 'negotiation.saved' })); } })}
        />
      )}
      {log.isPending ? (
        <CardSkeleton lines={3} />
      ) : log.isError ? (
        <InlineError error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Text size="sm" c="dimmed"><FormattedMessage id="negotiation.empty" /></Text>
      ) : (
        log.data.items.map((entry) =>
          editing === entry.id ? (
            <EditEntry key={entry.id} entry={entry} currency={o.currency} onDone={() => setEditing(null)} />
          ) : (
            <EntryCard key={entry.id} entry={entry} onEdit={writable && entry.editable ? () => setEditing(entry.id) : undefined} />
          ),
        )
      )}
    </Stack>
  );
}

function EntryCard({ entry, onEdit }: { entry: NegotiationEntry; onEdit?: () => void }) {
  const fmt = useFormat();
  const intl = useIntl();
  const line = (id: 'negotiation.ourPosition' | 'negotiation.theirPosition' | 'negotiation.agreedTerms' | 'negotiation.nextMove', text: string | null) =>
    text && (
      <div>
        <Text size="xs" c="dimmed" fw={600}><FormattedMessage id={id} /></Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
      </div>
    );
  const list = (id: 'negotiation.given' | 'negotiation.received', items: NegotiationEntry['concessionsGiven']) =>
    items.length > 0 && (
      <div>
        <Text size="xs" c="dimmed" fw={600}><FormattedMessage id={id} /></Text>
        {items.map((c, i) => (
          <Text size="sm" key={i}>{c.description}{c.value !== null && c.currency ? ` — ${fmt.money(c.value, c.currency)}` : ''}</Text>
        ))}
      </div>
    );
  return (
    <Card withBorder padding="sm" data-testid="negotiation-entry">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>{fmt.date(entry.occurredOn)} · {entry.authorName}</Text>
        {onEdit && (
          <ActionIcon variant="subtle" onClick={onEdit} aria-label={intl.formatMessage({ id: 'negotiation.edit' })}>
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {line('negotiation.ourPosition', entry.ourPosition)}
        {line('negotiation.theirPosition', entry.theirPosition)}
        {list('negotiation.given', entry.concessionsGiven)}
        {list('negotiation.received', entry.concessionsReceived)}
        {line('negotiation.agreedTerms', entry.agreedTerms)}
        {line('negotiation.nextMove', entry.nextMove)}
      </SimpleGrid>
    </Card>
  );
}

function EditEntry({ entry, currency, onDone }: { entry: NegotiationEntry; currency: string; onDone: () => void }) {
  const update = useUpdateNegotiationEntry(entry);
  const intl = useIntl();
  return (
    <EntryForm
      initial={valuesOf(entry)}
      currency={currency}
      saving={update.isPending}
      error={update.error}
      onCancel={onDone}
      onSave={(v) => update.mutate({ ...bodyOf(v, currency), occurredOn: v.occurredOn || entry.occurredOn }, { onSuccess: () => { onDone(); notify(intl, intl.formatMessage({ id: 'negotiation.saved' })); } })}
    />
  );
}

function EntryForm({ initial, currency, saving, error, onSave, onCancel }: { initial: EntryValues; currency: string; saving: boolean; error: unknown; onSave: (v: EntryValues) => void; onCancel: () => void }) {
  const intl = useIntl();
  const [v, setV] = useState(initial);
  const [tried, setTried] = useState(false);
  const empty = !v.ourPosition.trim() && !v.theirPosition.trim() && !v.agreedTerms.trim() && !v.nextMove.trim() && !v.concessionsGiven.some((c) => c.description.trim()) && !v.concessionsReceived.some((c) => c.description.trim());
  const set = <K extends keyof EntryValues>(key: K, value: EntryValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!empty) onSave(v);
  };
  const conflict = isApiError(error) && error.status === 412;
  const text = (key: 'ourPosition' | 'theirPosition' | 'agreedTerms' | 'nextMove', id: 'negotiation.ourPosition' | 'negotiation.theirPosition' | 'negotiation.agreedTerms' | 'negotiation.nextMove') => (
    <Textarea label={intl.formatMessage({ id })} value={v[key]} onChange={(e) => set(key, e.currentTarget.value)} autosize minRows={2} maxLength={4000} data-testid={`negotiation-${key}`} />
  );
  const concessionRows = (key: 'concessionsGiven' | 'concessionsReceived', id: 'negotiation.given' | 'negotiation.received') => (
    <Stack gap={4}>
      <Text size="sm" fw={500}><FormattedMessage id={id} /></Text>
      {v[key].map((c, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput style={{ flex: 1 }} label={intl.formatMessage({ id: 'negotiation.concession' })} value={c.description} onChange={(e) => set(key, v[key].map((x, j) => (j === i ? { ...x, description: e.currentTarget.value } : x)))} maxLength={500} />
          <TextInput w={110} label={intl.formatMessage({ id: 'negotiation.value' })} value={c.value} inputMode="decimal" onChange={(e) => set(key, v[key].map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))} />
          <TextInput w={70} label={intl.formatMessage({ id: 'opportunity.field.currency' })} placeholder={currency} value={c.currency} maxLength={3} onChange={(e) => set(key, v[key].map((x, j) => (j === i ? { ...x, currency: e.currentTarget.value.toUpperCase() } : x)))} />
          <ActionIcon variant="subtle" color="red" mb={4} onClick={() => set(key, v[key].filter((_, j) => j !== i))} aria-label={intl.formatMessage({ id: 'negotiation.removeConcession' })}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} onClick={() => set(key, [...v[key], { description: '', value: '', currency: '' }])}>
          <FormattedMessage id="negotiation.addConcession" />
        </Button>
      </Group>
    </Stack>
  );
  return (
    <Card withBorder padding="sm">
      <form onSubmit={submit} noValidate data-testid="negotiation-form">
        <Stack gap="sm">
          {conflict && <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />}><FormattedMessage id="negotiation.conflict" /></Alert>}
          {error !== null && error !== undefined && !conflict && <SaveErrorAlert error={error} general={formErrorsFrom(error, []).general} />}
          {tried && empty && <Text size="sm" c="red" role="alert"><FormattedMessage id="negotiation.emptyEntry" /></Text>}
          <TextInput type="date" label={intl.formatMessage({ id: 'negotiation.date' })} value={v.occurredOn} onChange={(e) => set('occurredOn', e.currentTarget.value)} w={180} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('ourPosition', 'negotiation.ourPosition')}
            {text('theirPosition', 'negotiation.theirPosition')}
          </SimpleGrid>
          {concessionRows('concessionsGiven', 'negotiation.given')}
          {concessionRows('concessionsReceived', 'negotiation.received')}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text('agreedTerms', 'negotiation.agreedTerms')}
            {text('nextMove', 'negotiation.nextMove')}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}><FormattedMessage id="action.cancel" /></Button>
            <Button type="submit" loading={saving} data-testid="negotiation-save"><FormattedMessage id="action.save" /></Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
