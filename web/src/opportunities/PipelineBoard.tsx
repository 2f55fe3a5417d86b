import { Alert, Anchor, Badge, Box, Button, Card, Group, Menu, Modal, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowsMove, IconList } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { canWrite, useCurrentUser } from '../auth/session';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { PageHeader } from '../common/PageHeader';
import { CardSkeleton, EmptyState, ErrorState } from '../common/states';
import { useFormat } from '../common/useFormat';
import { usePageTitle } from '../common/usePageTitle';
import { sumDecimals } from '../format';
import { useBoard, useStages, useUpdateOpportunity, type Opportunity, type StageSetting } from './opportunityApi';
import { OpportunityFilterBar, useOpportunityFilters } from './OpportunityFilters';
import { forecastLabel, OwnerTotals, useStageName } from './opportunityLabels';

const DRAG_TYPE = 'application/x-patron-opportunity';

/** The pipeline board: a column per stage; drag a card (or use its Move menu) to move it, If-Match with the card's version. */
export default function PipelineBoard() {
  usePageTitle('opportunity.board.title');
  const { filters } = useOpportunityFilters();
  const board = useBoard(filters);
  const stages = useStages();
  const me = useCurrentUser();
  const intl = useIntl();
  const stageName = useStageName();
  const update = useUpdateOpportunity();
  const [losing, setLosing] = useState<{ o: Opportunity; stage: string } | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const writable = canWrite(me.role);
  const items = board.data?.items ?? [];

  const move = (o: Opportunity, stage: string, lostReason?: string) => {
    if (o.stage === stage) return;
    const target = stages.data?.stages.find((s) => s.key === stage);
    if (target?.outcome === 'lost' && !lostReason) {
      setLosing({ o, stage });
      return;
    }
    setConflict(null);
    update.mutate(
      { id: o.id, version: o.version, body: { stage, ...(lostReason ? { lostReason } : {}) } },
      {
        onSuccess: (saved) => {
          setLosing(null);
          notify(intl, intl.formatMessage({ id: 'opportunity.board.moved' }, { name: saved.name, stage: stageName(saved.stage) }));
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) {
            setLosing(null);
            setConflict(o.name);
          }
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={<FormattedMessage id="opportunity.board.title" />}
        actions={<Button component={Link} to="/opportunities" variant="default" leftSection={<IconList size={16} aria-hidden />}><FormattedMessage id="opportunity.list.title" /></Button>}
      />
      <OpportunityFilterBar />
      {conflict && (
        <Alert color="orange" variant="light" role="alert" title={<FormattedMessage id="conflict.title" />} mb="md" withCloseButton onClose={() => setConflict(null)} closeButtonLabel={intl.formatMessage({ id: 'action.close' })} data-testid="board-conflict">
          <FormattedMessage id="opportunity.board.conflict" values={{ name: conflict }} />
        </Alert>
      )}
      {update.isError && !(isApiError(update.error) && update.error.status === 412) && !losing && (
        <Box mb="md"><SaveErrorAlert error={update.error} general={formErrorsFrom(update.error, []).general} /></Box>
      )}
      {board.isError || stages.isError ? (
        <ErrorState error={board.error ?? stages.error} onRetry={() => void board.refetch()} />
      ) : board.isPending || stages.isPending ? (
        <CardSkeleton lines={6} />
      ) : items.length === 0 ? (
        <EmptyState title={<FormattedMessage id="opportunity.empty" />} description={<FormattedMessage id="opportunity.empty.body" />} />
      ) : (
        <ScrollArea type="auto" offsetScrollbars mb="md">
          <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="pipeline-board">
            {stages.data.stages.map((stage) => (
              <StageColumn key={stage.key} stage={stage} items={items.filter((o) => o.stage === stage.key)} stages={stages.data.stages} writable={writable} onMove={move} />
            ))}
          </Group>
        </ScrollArea>
      )}
      {board.data?.nextCursor && <Text size="sm" c="dimmed" mb="md"><FormattedMessage id="opportunity.board.truncated" /></Text>}
      <OwnerTotals filters={{ ...filters, outcome: 'open' }} />
      <LostReasonModal
        name={losing?.o.name ?? null}
        saving={update.isPending}
        error={losing ? update.error : null}
        onCancel={() => {
          setLosing(null);
          update.reset();
        }}
        onConfirm={(reason) => losing && move(losing.o, losing.stage, reason)}
      />
    </>
  );
}

function StageColumn({ stage, items, stages, writable, onMove }: { stage: StageSetting; items: Opportunity[]; stages: StageSetting[]; writable: boolean; onMove: (o: Opportunity, stage: string) => void }) {
  const stageName = useStageName();
  const fmt = useFormat();
  const [over, setOver] = useState(false);
  const currencies = [...new Set(items.map((o) => o.currency))];
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
    const card = JSON.parse(id || 'null') as Opportunity | null;
    if (card) onMove(card, stage.key);
  };
  return (
    <Card
      withBorder
      padding="sm"
      w={260}
      miw={260}
      bg={over ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
      onDragOver={(e) => {
        if (!writable) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`board-column-${stage.key}`}
      component="section"
      aria-label={stageName(stage.key)}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h6">{stageName(stage.key)}</Title>
        <Badge variant="default">{fmt.number(items.length)}</Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {fmt.percent(stage.probability)}
        {currencies.length === 1 && ` · ${fmt.money(sumDecimals(items.map((o) => o.amount)), currencies[0]!, { compact: true })}`}
      </Text>
      <Stack gap="xs" mih={60}>
        {items.map((o) => <OpportunityCard key={o.id} o={o} stages={stages} writable={writable} onMove={onMove} />)}
      </Stack>
    </Card>
  );
}

function OpportunityCard({ o, stages, writable, onMove }: { o: Opportunity; stages: StageSetting[]; writable: boolean; onMove: (o: Opportunity, stage: string) => void }) {
  const intl = useIntl();
  const fmt = useFormat();
  const stageName = useStageName();
  return (
    <Card
      withBorder
      padding="xs"
      draggable={writable}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(o));
        e.dataTransfer.setData('text/plain', JSON.stringify(o));
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: writable ? 'grab' : undefined }}
      data-testid="board-card"
      data-opportunity={o.id}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <Anchor component={Link} to={`/opportunities/${o.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{o.name}</Anchor>
        {writable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="subtle" aria-label={intl.formatMessage({ id: 'opportunity.board.moveLabel' }, { name: o.name })}>
                <IconArrowsMove size={14} aria-hidden />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label><FormattedMessage id="opportunity.board.moveTo" /></Menu.Label>
              {stages.filter((s) => s.key !== o.stage).map((s) => (
                <Menu.Item key={s.key} onClick={() => onMove(o, s.key)}>{stageName(s.key)}</Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Text size="xs" c="dimmed">{o.accountName}</Text>
      <Group justify="space-between" gap={4} mt={4}>
        <Text size="sm" fw={600}>{fmt.money(o.amount, o.currency)}</Text>
        <Text size="xs" c="dimmed">{fmt.date(o.closeDate)}</Text>
      </Group>
      <Group justify="space-between" gap={4}>
        <Text size="xs">{o.ownerName ?? '—'}</Text>
        <Text size="xs" c="dimmed">{fmt.percent(o.probability)} · <FormattedMessage id={forecastLabel[o.forecastCategory]} /></Text>
      </Group>
    </Card>
  );
}

function LostReasonModal({ name, saving, error, onCancel, onConfirm }: { name: string | null; saving: boolean; error: unknown; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const close = () => {
    setReason('');
    setTried(false);
    onCancel();
  };
  return (
    <Modal opened={name !== null} onClose={close} title={intl.formatMessage({ id: 'opportunity.lost.title' }, { name: name ?? '' })} closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'action.close' }) }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <Stack gap="sm">
          {error !== null && error !== undefined && <SaveErrorAlert error={error} general={formErrorsFrom(error, []).general} />}
          <Textarea
            label={intl.formatMessage({ id: 'opportunity.field.lostReason' })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={tried && !reason.trim() ? intl.formatMessage({ id: 'validation.required' }) : undefined}
            data-autofocus
            data-testid="lost-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}><FormattedMessage id="action.cancel" /></Button>
            <Button type="submit" color="red" loading={saving}><FormattedMessage id="opportunity.lost.confirm" /></Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
