import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, Progress, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { SaveErrorAlert } from '../common/FormAlerts';
import { formErrorsFrom } from '../common/forms';
import { notify } from '../common/notify';
import { CardSkeleton, InlineError } from '../common/states';
import { useFormat } from '../common/useFormat';
import { useAssignOwner, useOwnerCandidates, type RankedCandidate } from './peopleApi';
import { FactorDetail, factorLabel, useSkillName } from './peopleLabels';

/** "Find an owner" on an account: the KAMs ranked by fit, each factor explained; a manager confirms one. */
export function OwnerAssignDialog({ account }: { account: { id: string; version: number; name: string } }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconUserSearch size={16} aria-hidden />} onClick={() => setOpened(true)} data-testid="find-owner">
        <FormattedMessage id="people.assign.open" />
      </Button>
      {opened && <AssignModal account={account} onClose={() => setOpened(false)} />}
    </>
  );
}

function AssignModal({ account, onClose }: { account: { id: string; version: number; name: string }; onClose: () => void }) {
  const intl = useIntl();
  const fmt = useFormat();
  const skillName = useSkillName();
  const ranking = useOwnerCandidates(account.id, true);
  const assign = useAssignOwner(account.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [keepPrevious, setKeepPrevious] = useState(true);
  const errors = formErrorsFrom(assign.error, ['toUserId', 'notes']);

  const confirm = async () => {
    if (!chosen) return;
    await assign.mutateAsync({ version: account.version, body: { toUserId: chosen, keepPreviousOwner: keepPrevious, ...(notes.trim() ? { notes: notes.trim() } : {}) } });
    notify(intl, intl.formatMessage({ id: 'people.assign.done' }));
    onClose();
  };

  const data = ranking.data;
  return (
    <Modal opened onClose={onClose} size="xl" title={intl.formatMessage({ id: 'people.assign.title' }, { name: account.name })}>
      {ranking.isPending ? (
        <CardSkeleton lines={6} />
      ) : ranking.isError ? (
        <InlineError error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            <FormattedMessage id="people.assign.needs" values={{ skills: data!.account.neededSkills.map((s) => skillName(s)).join(', '), escalations: data!.account.openEscalations, negotiations: data!.account.openNegotiations }} />
          </Text>
          {data!.candidates.length === 0 ? (
            <Alert color="gray"><FormattedMessage id="people.assign.none" /></Alert>
          ) : (
            <Radio.Group value={chosen} onChange={setChosen} label={intl.formatMessage({ id: 'people.assign.ranking' })}>
              <Stack gap="xs" mt="xs">
                {data!.candidates.map((c, i) => (
                  <CandidateRow key={c.userId} candidate={c} rank={i + 1} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Textarea label={intl.formatMessage({ id: 'people.assign.notes' })} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.fields.notes} maxLength={10000} autosize minRows={2} />
          <Checkbox label={intl.formatMessage({ id: 'people.assign.keepPrevious' })} checked={keepPrevious} onChange={(e) => setKeepPrevious(e.currentTarget.checked)} />
          {errors.fields.toUserId && <Alert color="red">{errors.fields.toUserId}</Alert>}
          {assign.isError && <SaveErrorAlert error={assign.error} general={errors.general} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="action.cancel" /></Button>
            <Button onClick={() => void confirm().catch(() => undefined)} disabled={!chosen} loading={assign.isPending} data-testid="confirm-owner">
              <FormattedMessage id="people.assign.confirm" />
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            <FormattedMessage id="people.assign.handoverNote" values={{ weight: fmt.number(data!.account.weight) }} />
          </Text>
        </Stack>
      )}
    </Modal>
  );
}

function CandidateRow({ candidate: c, rank }: { candidate: RankedCandidate; rank: number }) {
  const intl = useIntl();
  const fmt = useFormat();
  return (
    <Stack gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }} data-testid="owner-candidate">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Radio value={c.userId} aria-label={c.name} />
          <Text fw={600}>{rank}.</Text>
          <Anchor component={Link} to={`/people/${c.userId}`} fw={600}>{c.name}</Anchor>
          {c.isCurrentOwner && <Badge variant="light" color="gray"><FormattedMessage id="people.assign.currentOwner" /></Badge>}
          {c.overCapacity && <Badge variant="light" color="red"><FormattedMessage id="people.assign.overCapacity" /></Badge>}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {c.workloadAfter !== null && <Text size="sm" c="dimmed"><FormattedMessage id="people.assign.workloadAfter" values={{ value: fmt.percent(c.workloadAfter) }} /></Text>}
          <Badge size="lg" variant="filled" color={rank === 1 ? 'blue' : 'gray'} data-testid="candidate-score">{fmt.number(c.score, { maximumFractionDigits: 0 })}</Badge>
        </Group>
      </Group>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm">
        <Table.Tbody>
          {c.factors.map((f) => (
            <Table.Tr key={f.key}>
              <Table.Td w={150}><FormattedMessage id={factorLabel[f.key]} /></Table.Td>
              <Table.Td w={120}>
                <Progress value={f.score * 100} size="sm" color={f.weight === 0 ? 'gray' : 'blue'} aria-label={intl.formatMessage({ id: factorLabel[f.key] })} />
              </Table.Td>
              <Table.Td w={80} ta="right">{f.weight === 0 ? '—' : `${fmt.number(f.points, { maximumFractionDigits: 1 })} / ${fmt.number(f.weight)}`}</Table.Td>
              <Table.Td><Text size="xs" c="dimmed"><FactorDetail factor={f} /></Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
