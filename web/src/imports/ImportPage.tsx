import { Anchor, Badge, Button, Code, FileInput, Group, Paper, Progress, Radio, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useUsers } from '../accounts/accountApi';
import { Dialog } from '../common/Dialog';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import type { MessageId } from '../common/labels';
import { PageHeader } from '../common/PageHeader';
import { PagedTable, type Column } from '../common/PagedTable';
import { CardSkeleton, EmptyState, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { IMPORT_COLUMNS, IMPORT_KINDS, templateUrl, useImportRun, useImportRuns, useUpload, type ImportKind, type ImportRun } from './importApi';
import { ImportSummaryView } from './ImportSummaryView';

export const kindLabel: Record<ImportKind, MessageId> = {
  accounts: 'imports.kind.accounts',
  contacts: 'imports.kind.contacts',
  products: 'imports.kind.products',
  transactions: 'imports.kind.transactions',
};

/** Imports (admin, director, manager): upload a CSV or .xlsx of one kind, see its row report, and past runs. */
export default function ImportPage() {
  usePageTitle('imports.title');
  const [openRun, setOpenRun] = useState<string | null>(null);
  const intl = useIntl();
  return (
    <>
      <PageHeader title={<FormattedMessage id="imports.title" />} />
      <Stack gap="xl">
        <ImportUpload />
        <section aria-labelledby="import-history">
          <Title order={2} size="h4" mb="sm" id="import-history">
            <FormattedMessage id="imports.history" />
          </Title>
          <ImportHistory onOpen={setOpenRun} />
        </section>
      </Stack>
      <Dialog opened={openRun !== null} onClose={() => setOpenRun(null)} title={intl.formatMessage({ id: 'imports.run.title' })} size="xl">
        {openRun && <ImportRunDetails id={openRun} />}
      </Dialog>
    </>
  );
}

function ImportUpload() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const [kind, setKind] = useState<ImportKind>('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'skip'>('all');
  const [sheet, setSheet] = useState('');
  const [missingFile, setMissingFile] = useState(false);
  const { state, start, reset } = useUpload();
  const busy = state.phase === 'uploading' || state.phase === 'processing';
  const failed = state.phase === 'failed' ? state.error : null;
  const errors = formErrorsFrom(failed, ['kind', 'file', 'skipInvalid', 'sheet']);
  const xlsx = !!file?.name.toLowerCase().endsWith('.xlsx');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingFile(!file);
    if (file) void start({ kind, file, skipInvalid: mode === 'skip', ...(xlsx && sheet.trim() ? { sheet: sheet.trim() } : {}) });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-new">
      <Title order={2} size="h4" mb="sm" id="import-new">
        <FormattedMessage id="imports.new" />
      </Title>
      <form onSubmit={submit} noValidate data-testid="import-form">
        <Stack gap="md">
          <div>
            <Text size="sm" fw={500} mb={4} id="import-kind-label"><FormattedMessage id="imports.field.kind" /></Text>
            <SegmentedControl
              aria-labelledby="import-kind-label"
              data={IMPORT_KINDS.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
              value={kind}
              onChange={(v) => { setKind(v as ImportKind); reset(); }}
              disabled={busy}
            />
          </div>
          <Text size="sm">
            <FormattedMessage id="imports.columns.required" />{' '}
            {IMPORT_COLUMNS[kind].required.map((c) => <Code key={c} mr={4}>{c}</Code>)}
            <br />
            <FormattedMessage id="imports.columns.optional" />{' '}
            {IMPORT_COLUMNS[kind].optional.map((c) => <Code key={c} mr={4}>{c}</Code>)}
          </Text>
          <Anchor href={templateUrl(kind)} download={`${kind}.csv`} size="sm" data-testid="import-template">
            <Group gap={4} component="span" wrap="nowrap">
              <IconDownload size={16} aria-hidden />
              <FormattedMessage id="imports.template" values={{ kind: t(kindLabel[kind]) }} />
            </Group>
          </Anchor>
          <Group align="flex-start" gap="md" wrap="wrap">
            <FileInput
              label={t('imports.field.file')}
              description={t('imports.field.file.help')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => { setFile(f); reset(); }}
              leftSection={<IconFileImport size={16} aria-hidden />}
              required
              error={errors.fields.file ?? (missingFile ? t('validation.required') : undefined)}
              disabled={busy}
              w={340}
              data-testid="import-file"
            />
            {xlsx && <TextInput label={t('imports.field.sheet')} description={t('imports.field.sheet.help')} value={sheet} onChange={(e) => setSheet(e.currentTarget.value)} w={220} error={errors.fields.sheet} />}
          </Group>
          <Radio.Group label={t('imports.field.mode')} value={mode} onChange={(v) => setMode(v as 'all' | 'skip')}>
            <Stack gap={6} mt={6}>
              <Radio value="all" label={t('imports.mode.all')} description={t('imports.mode.all.help')} disabled={busy} />
              <Radio value="skip" label={t('imports.mode.skip')} description={t('imports.mode.skip.help')} disabled={busy} />
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" leftSection={<IconUpload size={16} aria-hidden />} loading={busy}>
              <FormattedMessage id="imports.submit" />
            </Button>
          </Group>
          {state.phase === 'uploading' && (
            <Stack gap={4}>
              <Text size="sm"><FormattedMessage id="imports.progress.uploading" values={{ percent: Math.round(state.fraction * 100) }} /></Text>
              <Progress value={state.fraction * 100} aria-label={t('imports.progress.label')} />
            </Stack>
          )}
          {state.phase === 'processing' && (
            <Stack gap={4}>
              <Text size="sm"><FormattedMessage id="imports.progress.processing" /></Text>
              <Progress value={100} animated striped aria-label={t('imports.progress.label')} />
            </Stack>
          )}
          {failed !== null && <SaveErrorAlert error={failed} general={errors.general} />}
        </Stack>
      </form>
      {state.phase === 'done' && (
        <Stack mt="md">
          <ImportSummaryView summary={state.summary} />
        </Stack>
      )}
    </Paper>
  );
}

function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const intl = useIntl();
  const fmt = useFormat();
  const runs = useImportRuns();
  const users = useUsers();
  const nameOf = (id: string | null) => (id ? (users.data?.items.find((u) => u.id === id)?.name ?? '—') : '—');
  const columns: Column<ImportRun>[] = [
    { key: 'when', header: <FormattedMessage id="imports.column.when" />, render: (r) => fmt.dateTime(r.createdAt) },
    {
      key: 'file',
      header: <FormattedMessage id="imports.column.file" />,
      render: (r) => (
        <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(r.id)}>
          {r.fileName}
        </Anchor>
      ),
    },
    { key: 'kind', header: <FormattedMessage id="imports.field.kind" />, render: (r) => <FormattedMessage id={kindLabel[r.kind]} /> },
    {
      key: 'status',
      header: <FormattedMessage id="imports.column.status" />,
      render: (r) => <Badge style={{ minWidth: 'max-content' }} color={r.status === 'applied' ? 'teal' : 'red'} variant="light"><FormattedMessage id={r.status === 'applied' ? 'imports.badge.applied' : 'imports.badge.rejected'} /></Badge>,
    },
    { key: 'rows', header: <FormattedMessage id="imports.count.rowsRead" />, numeric: true, render: (r) => fmt.number(r.rowsRead) },
    { key: 'written', header: <FormattedMessage id="imports.column.written" />, numeric: true, render: (r) => fmt.number(r.created + r.updated) },
    { key: 'rejected', header: <FormattedMessage id="imports.count.rejected" />, numeric: true, render: (r) => fmt.number(r.rejected) },
    { key: 'by', header: <FormattedMessage id="imports.column.by" />, render: (r) => nameOf(r.createdBy) },
  ];
  return (
    <PagedTable
      label={intl.formatMessage({ id: 'imports.history' })}
      list={runs}
      columns={columns}
      rowKey={(r) => r.id}
      rowTestId="import-run"
      empty={<EmptyState title={<FormattedMessage id="imports.history.empty" />} description={<FormattedMessage id="imports.history.empty.body" />} />}
    />
  );
}

function ImportRunDetails({ id }: { id: string }) {
  const run = useImportRun(id);
  if (run.isError) return <InlineError error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return <CardSkeleton />;
  return <ImportSummaryView summary={run.data} />;
}
