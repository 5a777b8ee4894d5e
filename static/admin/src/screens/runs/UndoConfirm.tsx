import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { AuditEntry, RunItem, RunRecord, RunSummary } from './backendTypes';
import { callResolver, messageOf } from '../../api';
import { useFlags } from '../../flags';
import {
  formatDateTime,
  plural,
  reversalText,
  REVERSIBLE_ACTIONS,
  UNDO_EFFECTS,
  type ReversibleAction,
} from './format';

/** How many chosen users the confirmation names one by one; the rest are counted. */
const USERS_LISTED = 20;

/**
 * Asks before an undo, saying exactly what it restores: which users and which of their changes (for chosen users),
 * or how many users and which kinds of change (for the whole run), and that the undo is itself audited.
 */
export function UndoConfirm({
  run,
  users,
  onClose,
  onStarted,
}: {
  run: RunSummary;
  /** null: the whole run. */
  users: RunItem[] | null;
  onClose(): void;
  onStarted(undoRun: RunRecord): void;
}) {
  const flags = useFlags();
  const [requesting, setRequesting] = useState(false);
  const title = users === null ? 'Undo the whole run?' : `Undo ${plural(users.length, 'user')}?`;

  const confirm = () => {
    setRequesting(true);
    callResolver<RunRecord>('requestUndo', {
      runId: run.id,
      ...(users !== null ? { accountIds: users.map((item) => item.accountId) } : {}),
      confirm: true,
    }).then(onStarted, (err: unknown) => {
      setRequesting(false);
      flags.showError('The undo did not start', err);
    });
  };

  return (
    <Modal onClose={onClose} width="medium">
      <ModalHeader>
        <ModalTitle appearance="warning">{title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          {users === null ? <WholeRunScope run={run} /> : <ChosenUsersScope users={users} />}
          <Text as="p">
            Only changes the run actually made are reversed, newest first. A change that is already reversed
            is recorded as such and not made twice.
          </Text>
          <Text as="p">
            The undo is itself a run: every reversal is written to the audit log (as an "undo:" action) before
            and after it is made, and its progress shows here.
          </Text>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={requesting}>
          Cancel
        </Button>
        <Button appearance="warning" onClick={confirm} isLoading={requesting} autoFocus>
          {users === null ? 'Undo the whole run' : `Undo ${plural(users.length, 'user')}`}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function ChosenUsersScope({ users }: { users: RunItem[] }) {
  const listed = users.slice(0, USERS_LISTED);
  return (
    <Stack space="space.100">
      <Text as="p">
        This restores {plural(users.length, 'user')} to where they were before the run, reversing these
        changes:
      </Text>
      <ul aria-label="Users to restore">
        {listed.map((item) => (
          <li key={item.accountId}>
            <Text weight="medium">{item.accountId}</Text>: {item.actions.map(reversalText).join('; ')}
          </li>
        ))}
      </ul>
      {users.length > listed.length && (
        <Text as="p">and {plural(users.length - listed.length, 'more user')}.</Text>
      )}
    </Stack>
  );
}

type Probe =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; actions: ReversibleAction[] };

function WholeRunScope({ run }: { run: RunSummary }) {
  const [probe, setProbe] = useState<Probe>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    actionsOfRun(run.id).then(
      (actions) => current && setProbe({ state: 'ready', actions }),
      (error: unknown) => current && setProbe({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [run.id]);

  return (
    <Stack space="space.100">
      <Text as="p">
        This restores the {plural(run.counts.succeeded, 'user')} that the run started{' '}
        {formatDateTime(run.startedAt ?? run.createdAt)} changed:
      </Text>
      {probe.state === 'loading' && <Spinner size="small" label="Finding the kinds of change the run made" />}
      {probe.state === 'failed' && (
        <SectionMessage appearance="warning" title="The kinds of change could not be listed">
          <p>
            {messageOf(probe.error)} The undo still reverses every change the run made; its audit entries
            below list them.
          </p>
        </SectionMessage>
      )}
      {probe.state === 'ready' && (
        <ul aria-label="Changes to reverse">
          {probe.actions.map((action) => (
            <li key={action}>{UNDO_EFFECTS[action]}</li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

/** Which reversible actions the run recorded: one single-entry audit query per kind of action. */
async function actionsOfRun(runId: string): Promise<ReversibleAction[]> {
  const found = await Promise.all(
    REVERSIBLE_ACTIONS.map(async (action) => {
      const page = await callResolver<{ entries: AuditEntry[] }>('searchAudit', { runId, action, limit: 1 });
      return page.entries.length > 0 ? action : null;
    }),
  );
  return found.filter((action): action is ReversibleAction => action !== null);
}
