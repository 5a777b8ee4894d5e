import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { RunItem, RunRecord, RunSummary, UndoDescription } from '../../../../../src/contract';
import { callResolver, messageOf } from '../../api';
import { useFlags } from '../../flags';
import { REVERSIBLE_ACTIONS } from '../../../../../src/domain/reversibleActions';
import { formatDateTime, plural, reversalText, UNDO_EFFECTS, userText } from './format';

/** How many chosen users the confirmation names one by one; the rest are counted. */
const USERS_LISTED = 20;

type Description =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; description: UndoDescription };

/**
 * Asks before an undo, saying exactly what it restores: the backend's description of the undo (how many users, how
 * many changes of each kind, or why it would be refused), the chosen users by name, and that the undo is audited.
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
  const description = useUndoDescription(run.id, users);
  const title = users === null ? 'Undo the whole run?' : `Undo ${plural(users.length, 'user')}?`;
  const refused = description.state === 'ready' && description.description.notUndoableReason !== undefined;

  const confirm = () => {
    setRequesting(true);
    callResolver('requestUndo', {
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
          {users === null ? (
            <Text as="p">
              This reverses what the run started {formatDateTime(run.startedAt ?? run.createdAt)} changed:
            </Text>
          ) : (
            <ChosenUsers users={users} />
          )}
          <Changes description={description} />
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
        <Button appearance="warning" onClick={confirm} isLoading={requesting} isDisabled={refused} autoFocus>
          {users === null ? 'Undo the whole run' : `Undo ${plural(users.length, 'user')}`}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** The backend's description of the undo (`describeUndo`): what `requestUndo` with the same scope would reverse. */
function useUndoDescription(runId: string, users: RunItem[] | null): Description {
  const [description, setDescription] = useState<Description>({ state: 'loading' });
  // The chosen users as a value, so a new array of the same users does not ask again.
  const scope = users === null ? null : JSON.stringify(users.map((item) => item.accountId));
  useEffect(() => {
    let current = true;
    setDescription({ state: 'loading' });
    callResolver('describeUndo', {
      runId,
      ...(scope !== null ? { accountIds: JSON.parse(scope) as string[] } : {}),
    }).then(
      (answer) => current && setDescription({ state: 'ready', description: answer }),
      (error: unknown) => current && setDescription({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [runId, scope]);
  return description;
}

function ChosenUsers({ users }: { users: RunItem[] }) {
  const listed = users.slice(0, USERS_LISTED);
  return (
    <Stack space="space.100">
      <Text as="p">This restores these users to where they were before the run:</Text>
      <ul aria-label="Users to restore">
        {listed.map((item) => (
          <li key={item.accountId}>
            <Text weight="medium">{userText(item)}</Text>: {item.actions.map(reversalText).join('; ')}
          </li>
        ))}
      </ul>
      {users.length > listed.length && (
        <Text as="p">and {plural(users.length - listed.length, 'more user')}.</Text>
      )}
    </Stack>
  );
}

function Changes({ description }: { description: Description }) {
  if (description.state === 'loading') {
    return <Spinner size="small" label="Finding the changes the undo will reverse" />;
  }
  if (description.state === 'failed') {
    return (
      <SectionMessage appearance="warning" title="The changes to reverse could not be listed">
        <p>
          {messageOf(description.error)} The undo still reverses every change the run made; its audit entries
          list them.
        </p>
      </SectionMessage>
    );
  }
  const { users, changesByAction, notUndoableReason } = description.description;
  if (notUndoableReason !== undefined) {
    return (
      <SectionMessage appearance="error" title="This undo cannot start">
        <p>{notUndoableReason}</p>
      </SectionMessage>
    );
  }
  const actions = REVERSIBLE_ACTIONS.filter((action) => changesByAction[action] > 0);
  return (
    <Stack space="space.100">
      <Text as="p">
        {plural(users, 'user')},{' '}
        {plural(
          actions.reduce((sum, action) => sum + changesByAction[action], 0),
          'change',
        )}{' '}
        to reverse:
      </Text>
      <ul aria-label="Changes to reverse">
        {actions.map((action) => (
          <li key={action}>
            {plural(changesByAction[action], 'change')}: {UNDO_EFFECTS[action]}
          </li>
        ))}
      </ul>
    </Stack>
  );
}
